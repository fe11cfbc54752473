/**
 * The form: a tempo that makes the piece land on a bar line, and sections (intro, verse, chorus, bridge,
 * ending) that follow the prompt's timed segments when it has them.
 */
import type { Conditioning } from '../conditioning';
import type { EmbedResult, EmbedSegment } from '../embed/types';
import type { Beats, Bpm, Role, Seconds, TempoEvent } from '../sequence';
import { beatsPerBar, beatsToSeconds, secondsToBeats, tempoAt } from '../sequence';
import type { Section, SectionKind } from './plan';

/** Fewest bars between two section starts that follow a script's parts (one for a part that turns the mood). */
const MIN_SECTION_BARS = 2;
/** Change of arousal, or of valence, from one part to the next that turns the mood. */
const TURN = { arousal: 0.2, valence: 0.3 } as const;

/** Largest tempo change the planner makes to land the last bar on the end. */
export const MAX_NUDGE = 0.05;

/**
 * The tempo and length in beats of a piece of `seconds` asked at `bpm`. When the tempo may move
 * (`fixedTempo` false), it moves by at most 5% so the piece is whole bars; otherwise (or when no whole
 * number of bars is that close) the tempo stays and the last bar is cut short. Either way,
 * beats x 60 / tempo = seconds exactly.
 */
export function fitTempo(
  seconds: Seconds,
  bpm: Bpm,
  bar: Beats,
  fixedTempo: boolean,
): { tempo: Bpm; beats: Beats } {
  const exact = (seconds * bpm) / 60;
  if (!fixedTempo) {
    const bars = Math.max(1, Math.round(exact / bar));
    if (Math.abs((bars * bar) / exact - 1) <= MAX_NUDGE)
      return { tempo: (bars * bar * 60) / seconds, beats: bars * bar };
  }
  return { tempo: bpm, beats: exact };
}

/** A section's conditioning: the base, lifted or calmed for its part in the form. */
function shaped(c: Conditioning, kind: SectionKind): Conditioning {
  const lift = { intro: -0.12, verse: 0, chorus: 0.1, bridge: -0.06, ending: 0 }[kind];
  const clamp = (x: number): number => Math.min(1, Math.max(0, x));
  return {
    ...c,
    density: clamp(c.density + lift),
    dynamics: clamp(c.dynamics + lift * 0.6),
    arousal: Math.min(1, Math.max(-1, c.arousal + lift)),
  };
}

/** Roles of an intro: the accompaniment alone (harmony, and bass if present), else whatever plays. */
function introRoles(roles: readonly Role[]): Role[] {
  const quiet = roles.filter((r) => r === 'harmony' || r === 'bass');
  return quiet.length > 0 ? quiet : [...roles];
}

/** A timed segment's part: a chorus when clearly more aroused than the script's mean, a bridge when clearly calmer. */
function segmentKind(segs: EmbedResult['segments'], i: number): SectionKind {
  const mean = segs.reduce((a, s) => a + s.arousal, 0) / segs.length;
  const d = segs[i].arousal - mean;
  return d >= 0.15 ? 'chorus' : d <= -0.15 ? 'bridge' : 'verse';
}

/**
 * True when part `i` of a script turns the mood: its arousal or valence moves clearly from the part
 * before, or it states a new key, tempo or meter, or brings drums in or out.
 */
export function turnsMood(segs: readonly EmbedSegment[], i: number): boolean {
  if (i === 0) return true;
  const [a, b] = [segs[i - 1], segs[i]];
  const key = (s: EmbedSegment): string => `${s.key.tonic} ${s.key.mode}`;
  return (
    Math.abs(b.arousal - a.arousal) >= TURN.arousal ||
    Math.abs(b.valence - a.valence) >= TURN.valence ||
    (b.sources.key === 'explicit' && key(a) !== key(b)) ||
    (b.sources.tempo === 'explicit' && a.tempo !== b.tempo) ||
    (b.sources.meter === 'explicit' && a.meter !== b.meter) ||
    a.drums !== b.drums
  );
}

/** Inputs of {@link planSections}. */
export interface FormInput {
  embedding: EmbedResult;
  /** The conditioning with the planned (opening) tempo. */
  conditioning: Conditioning;
  beats: Beats;
  loop: boolean;
  /** The tempo map. Default: the conditioning's tempo throughout. */
  tempos?: readonly TempoEvent[];
  /** Beats at which given segments must start (a stated tempo change), by segment index. */
  pinned?: ReadonlyMap<number, Beats>;
  /** Bars on whose downbeat a hit (a cut) lands: phrases start there where it fits. */
  hitBars?: readonly number[];
}

/** Moves phrase starts (after the first) onto a hit's bar within one bar, keeping phrases two bars or longer. */
function snapToHits(starts: number[], hitBars: readonly number[], end: number): number[] {
  const out = [...starts];
  for (let k = 1; k < out.length; k++) {
    const next = out[k + 1] ?? end;
    const h = hitBars.find((b) => Math.abs(b - out[k]) <= 1 && b - out[k - 1] >= 2 && next - b >= 2);
    if (h !== undefined) out[k] = h;
  }
  return out;
}

/**
 * The bar at which each part of a script starts, when it starts a section of its own: at its cue's
 * nearest bar line (or its pinned beat); a part that turns the mood needs one bar after the section
 * before, another part two (else it joins the one before). Also returns the intro's length, shortened so
 * that a turning part early in the piece still gets its bar.
 */
function segmentStarts(
  f: FormInput,
  bar: Beats,
  intro: number,
  bodyEnd: number,
): { intro: number; starts: { bar: number; segment: number }[] } {
  const segs = f.embedding.segments;
  const tempos = f.tempos ?? [{ beat: 0, bpm: f.conditioning.tempo }];
  // A script timed only by its speaking rate (no length of its own) is spread over the whole piece.
  const spoken = segs[segs.length - 1].end;
  const seconds = beatsToSeconds(f.beats, tempos);
  const stretch = f.embedding.seconds === null && spoken > 0 ? seconds / spoken : 1;
  const cueBar = (i: number): number => {
    const pinned = f.pinned?.get(i);
    return pinned !== undefined
      ? pinned / bar
      : Math.round(secondsToBeats(segs[i].start * stretch, tempos) / bar);
  };
  const firstTurn = segs.findIndex((_, i) => i > 0 && turnsMood(segs, i));
  const head = firstTurn > 0 ? Math.min(intro, Math.max(0, cueBar(firstTurn) - 1)) : intro;
  const starts: { bar: number; segment: number }[] = [];
  segs.forEach((_, i) => {
    const at = i === 0 ? head : Math.max(head, Math.min(bodyEnd - 1, cueBar(i)));
    const last = starts[starts.length - 1];
    const gap = turnsMood(segs, i) ? 1 : MIN_SECTION_BARS;
    if (at < bodyEnd && (!last || at - last.bar >= gap)) starts.push({ bar: at, segment: i });
  });
  return { intro: head, starts };
}

/** First bars of phrases of 4 bars (8 in long pieces) over `bars` bars from `from`; a last phrase shorter than 2 bars joins the one before. */
function phraseStarts(from: number, bars: number): number[] {
  const len = bars >= 24 ? 8 : 4;
  const out: number[] = [];
  for (let b = from; b < from + bars; b += len) out.push(b);
  if (out.length > 1 && from + bars - out[out.length - 1] < 2) out.pop();
  return out;
}

/**
 * Plans the sections. With timed segments, each segment starts a section at its nearest bar line (a
 * transition marks the change); without, phrases alternate verse and chorus. A piece of 6 bars or more
 * gets an intro (1-2 bars), one of 3 bars or more an ending bar, unless it loops.
 */
export function planSections(f: FormInput): Section[] {
  const c = f.conditioning;
  const bar = beatsPerBar(c.meter);
  const bars = Math.max(1, Math.ceil(f.beats / bar - 1e-6));
  let intro = f.loop || bars < 6 ? 0 : bars >= 16 ? 2 : 1;
  const ending = f.loop || bars < 3 ? 0 : 1;
  const bodyEnd = bars - ending;
  const segs = f.embedding.segments;
  // Section starts (bar numbers) with their segment.
  let starts: { bar: number; segment: number }[] = [];
  if (segs.length >= 2) ({ intro, starts } = segmentStarts(f, bar, intro, bodyEnd));
  else {
    const phrases = snapToHits(phraseStarts(intro, bodyEnd - intro), f.hitBars ?? [], bodyEnd);
    starts = phrases.map((from) => ({ bar: from, segment: segs.length ? 0 : -1 }));
  }
  const sections: Section[] = [];
  const tempos = f.tempos ?? [{ beat: 0, bpm: c.tempo }];
  // A part's own key holds when it (or a part before it) stated one; its tempo is the map's at its start.
  const condOf = (segment: number, start: Beats): Conditioning => {
    const tempo = tempoAt(start, tempos);
    if (segment < 0 || segs.length < 2) return { ...c, tempo };
    const s = segs[segment];
    const key = s.sources.key === 'explicit' ? s.conditioning.key : c.key;
    return { ...s.conditioning, tempo, key, meter: c.meter };
  };
  if (intro > 0) {
    const first = starts[0]?.segment ?? -1;
    sections.push({
      kind: 'intro',
      start: 0,
      end: intro * bar,
      segment: first,
      roles: introRoles(condOf(first, 0).roles),
      conditioning: shaped(condOf(first, 0), 'intro'),
      transition: false,
    });
  }
  starts.forEach((s, i) => {
    const end = (starts[i + 1]?.bar ?? bodyEnd) * bar;
    const kind: SectionKind =
      segs.length >= 2 ? segmentKind(segs, s.segment) : i % 2 === 0 ? 'verse' : 'chorus';
    const cond = condOf(s.segment, s.bar * bar);
    sections.push({
      kind,
      start: s.bar * bar,
      end,
      segment: s.segment,
      roles: [...cond.roles],
      conditioning: shaped(cond, kind),
      transition: i > 0 || intro > 0,
    });
  });
  if (ending > 0) {
    const last = sections[sections.length - 1];
    sections.push({
      kind: 'ending',
      start: bodyEnd * bar,
      end: f.beats,
      segment: last.segment,
      roles: [...last.roles],
      conditioning: shaped(last.conditioning, 'ending'),
      transition: false,
    });
  } else sections[sections.length - 1].end = f.beats;
  return sections;
}
