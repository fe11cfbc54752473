/**
 * Where the finishing passes replace the model's notes: the bars a drum loop fills with its groove
 * ({@link loopRange}), a returning section's copy of its first occurrence ({@link returnOf}), the sections
 * without the role and the ending. Shared by the passes (`finish.ts`) and the writer's skip spans
 * ({@link discardedSpans}), so the model is not asked for bars that are thrown away.
 */
import type { ChordSpan } from '../features/chords';
import { chordIdAt } from '../features/chords';
import type { Beats, Role } from '../sequence';
import { beatsPerBar } from '../sequence';
import type { ArrangementPlan, Section } from './plan';

const EPS = 1e-6;

/** Bars of the model's drumming that a drum loop repeats (see `loopDrums`). */
export const DRUM_LOOP_BARS = 2;

/** A stretch of beats, `start` included, `end` excluded. */
export interface BeatSpan {
  start: Beats;
  end: Beats;
}

/**
 * The loop of a section with drums: its groove (the first `bars` bars) and the stretch the groove fills
 * (to the section's last bar, which keeps its own); none when the section has no drums or is shorter
 * than the groove and two bars.
 */
export function loopRange(
  s: Section,
  bar: Beats,
  bars = DRUM_LOOP_BARS,
): { groove: BeatSpan; fill: BeatSpan } | null {
  const span = bar * bars;
  if (!s.roles.includes('drums') || s.end - s.start < span + 2 * bar - EPS) return null;
  return {
    groove: { start: s.start, end: s.start + span },
    fill: { start: s.start + span, end: s.end - bar },
  };
}

/**
 * The first occurrence of section `i` when it returns (a later verse or chorus of the same script part;
 * never an intro or an ending) and the length, from each start, that the two share; else null.
 */
export function returnOf(sections: readonly Section[], i: number): { first: Section; length: Beats } | null {
  const s = sections[i];
  if (s.kind === 'intro' || s.kind === 'ending') return null;
  const first = sections.slice(0, i).find((p) => p.kind === s.kind && p.segment === s.segment);
  if (!first) return null;
  return { first, length: Math.min(s.end - s.start, first.end - first.start) };
}

/** Whether `[a, a + len)` lies inside `span`. */
const within = (a: Beats, len: Beats, span: BeatSpan): boolean =>
  a >= span.start - EPS && a + len <= span.end + EPS;
/** Whether `[a, a + len)` meets `span`. */
const meets = (a: Beats, len: Beats, span: BeatSpan): boolean =>
  a < span.end - EPS && a + len > span.start + EPS;

/**
 * Whether the chord under every point of the bar at `at` is the chord `shift` beats earlier: checked just
 * after each point where either bar's chord can change (the bar's start, every chord boundary inside it).
 */
function sameChords(chords: readonly ChordSpan[], at: Beats, bar: Beats, shift: Beats): boolean {
  const inside = (t: Beats): boolean => t > at + EPS && t < at + bar - EPS;
  const changes = chords.flatMap((c) => [c.start, c.end, c.start + shift, c.end + shift]).filter(inside);
  return [at, ...changes].every((t) => chordIdAt(chords, t + EPS) === chordIdAt(chords, t - shift + EPS));
}

/**
 * The whole bars of `role`'s lane whose model notes the finishing passes (with repeats on) replace or
 * drop, merged into sorted spans of whole bars: the sections where the role does not play, a returning
 * section's copied bars (for a pitched role only where every chord of the bar is its first occurrence's, as
 * `repeatSections` keeps the model's own notes under a chord that differs; unless a bar that stays is
 * copied from them), a drum loop's filled bars and, unless the piece loops, the ending (`addEnding` keeps
 * nothing that starts there). A bar is kept when any part of it may sound.
 */
export function discardedSpans(
  plan: Pick<ArrangementPlan, 'sections' | 'meter' | 'loop' | 'beats'> & { chords?: readonly ChordSpan[] },
  role: Role,
): BeatSpan[] {
  const bar = beatsPerBar(plan.meter);
  const sections = plan.sections;
  const needed = new Set<number>();
  /** Marks every bar of the piece that `[at, at + bar)` meets. */
  const need = (at: Beats): void => {
    for (let k = Math.floor(at / bar + EPS); k * bar < at + bar - EPS; k++) needed.add(k);
  };
  /** The model bars the content of bar `at` (after repeatSections) comes from. */
  const repeated = (i: number, at: Beats): void => {
    const r = returnOf(sections, i);
    const s = sections[i];
    const copy = r && { start: s.start, end: s.start + r.length };
    if (!r || !copy || !meets(at, bar, copy)) return need(at);
    const shift = s.start - r.first.start;
    if (r.first.roles.includes(role)) need(at - shift);
    const copied = role === 'drums' || sameChords(plan.chords ?? [], at, bar, shift);
    if (!within(at, bar, copy) || !copied) need(at);
  };
  const last = plan.loop ? sections.length : sections.length - 1;
  sections.slice(0, last).forEach((s, i) => {
    if (!s.roles.includes(role)) return;
    const loop = role === 'drums' ? loopRange(s, bar) : null;
    for (let at = s.start; at < s.end - EPS; at += bar) {
      if (!loop || !meets(at, bar, loop.fill)) repeated(i, at);
      else {
        const groove = loop.groove.end - loop.groove.start;
        repeated(i, s.start + ((at - s.start) % groove));
        if (!within(at, bar, loop.fill)) repeated(i, at);
      }
    }
  });
  const out: BeatSpan[] = [];
  for (let k = 0; k * bar < plan.beats - EPS; k++) {
    if (needed.has(k)) continue;
    const at = k * bar;
    const end = Math.min(at + bar, plan.beats);
    const prev = out[out.length - 1];
    if (prev && Math.abs(prev.end - at) < EPS) prev.end = end;
    else out.push({ start: at, end });
  }
  return out;
}
