/**
 * The form: a tempo that makes the piece land on a bar line, and sections (intro, verse, chorus, bridge,
 * ending) that follow the prompt's timed segments when it has them.
 */
import type { Conditioning } from '../conditioning';
import type { EmbedResult } from '../embed/types';
import type { Beats, Bpm, Role, Seconds } from '../sequence';
import { beatsPerBar } from '../sequence';
import type { Section, SectionKind } from './plan';

/** Fewest bars between two section starts that follow a script's parts. */
const MIN_SECTION_BARS = 2;

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

/** Inputs of {@link planSections}. */
export interface FormInput {
  embedding: EmbedResult;
  /** The conditioning with the planned tempo. */
  conditioning: Conditioning;
  beats: Beats;
  loop: boolean;
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
  const tempo = c.tempo;
  const bar = beatsPerBar(c.meter);
  const bars = Math.max(1, Math.ceil(f.beats / bar - 1e-6));
  const intro = f.loop || bars < 6 ? 0 : bars >= 16 ? 2 : 1;
  const ending = f.loop || bars < 3 ? 0 : 1;
  const bodyEnd = bars - ending;
  const segs = f.embedding.segments;
  // Section starts (bar numbers) with their segment.
  const starts: { bar: number; segment: number }[] = [];
  if (segs.length >= 2) {
    // A script timed only by its speaking rate (no length of its own) is spread over the whole piece.
    const spoken = segs[segs.length - 1].end;
    const stretch = f.embedding.seconds === null && spoken > 0 ? (f.beats * 60) / tempo / spoken : 1;
    segs.forEach((s, i) => {
      const b = Math.round((s.start * stretch * tempo) / 60 / bar);
      const at = i === 0 ? intro : Math.max(intro, Math.min(bodyEnd - 1, b));
      // A part shorter than two bars joins the one before it.
      const last = starts[starts.length - 1];
      if (at < bodyEnd && (!last || at - last.bar >= MIN_SECTION_BARS)) starts.push({ bar: at, segment: i });
    });
  } else {
    for (const from of phraseStarts(intro, bodyEnd - intro))
      starts.push({ bar: from, segment: segs.length ? 0 : -1 });
  }
  const sections: Section[] = [];
  const condOf = (segment: number): Conditioning =>
    segment >= 0 && segs.length >= 2
      ? { ...segs[segment].conditioning, tempo, key: c.key, meter: c.meter }
      : c;
  if (intro > 0) {
    const first = starts[0]?.segment ?? -1;
    sections.push({
      kind: 'intro',
      start: 0,
      end: intro * bar,
      segment: first,
      roles: introRoles(condOf(first).roles),
      conditioning: shaped(condOf(first), 'intro'),
      transition: false,
    });
  }
  starts.forEach((s, i) => {
    const end = (starts[i + 1]?.bar ?? bodyEnd) * bar;
    const kind: SectionKind =
      segs.length >= 2 ? segmentKind(segs, s.segment) : i % 2 === 0 ? 'verse' : 'chorus';
    const cond = condOf(s.segment);
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
