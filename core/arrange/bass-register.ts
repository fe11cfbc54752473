/**
 * The bass under the harmony. A model asked for a dark or orchestral bass can write its line at a sung
 * chorale bass's height (around D3), and on a contrabass or a synth bass that puts the bass among the
 * strings' or pads' voices: the chord's lowest note is then a harmony note, not the bass. A section whose
 * harmony sounds below the bass note sounding with it at more than {@link CROSSING_SHARE} of its onsets plays
 * its whole bass line an octave lower, where all of it still fits the part's span ({@link partSpan}); moving
 * the whole line keeps its shape (a note-by-note fold would break it into octave jumps). Moved notes are
 * `mended` by `register`.
 */
import type { Note } from '../sequence';
import type { Section } from './plan';
import { mended } from './mended';
import { partSpan } from './range';

const EPS = 1e-6;

/** Share of a section's harmony onsets under the sounding bass above which its bass line moves down. */
export const CROSSING_SHARE = 0.1;

/** How many of a harmony's onsets have a bass note sounding (`heard`), and how many of those sit under it. */
export interface Crossings {
  heard: number;
  under: number;
}

/**
 * The onsets of `harmony` with a bass note sounding, and those below the lowest bass note sounding then.
 */
export function crossings(harmony: readonly Note[], bass: readonly Note[]): Crossings {
  let heard = 0;
  let under = 0;
  for (const h of harmony) {
    const sounding = bass.filter((b) => b.start <= h.start + EPS && b.end > h.start + EPS);
    if (sounding.length === 0) continue;
    heard++;
    if (h.pitch < Math.min(...sounding.map((b) => b.pitch))) under++;
  }
  return { heard, under };
}

/** `under` over `heard` of {@link crossings}; 0 when no harmony onset has a bass under it. */
export function crossingShare(harmony: readonly Note[], bass: readonly Note[]): number {
  const { heard, under } = crossings(harmony, bass);
  return heard === 0 ? 0 : under / heard;
}

/**
 * `notes` with each section's bass line an octave lower where its harmony crosses under it (see the
 * module); other notes unchanged, in the same order.
 */
export function bassUnderHarmony(notes: readonly Note[], sections: readonly Section[]): Note[] {
  const lower = new Set<Note>();
  for (const s of sections) {
    const inSection = (n: Note): boolean => n.start >= s.start - EPS && n.start < s.end - EPS;
    const bass = notes.filter((n) => n.role === 'bass' && !n.isDrum && inSection(n));
    if (bass.length === 0) continue;
    const harmony = notes.filter((n) => n.role === 'harmony' && inSection(n));
    if (crossingShare(harmony, bass) <= CROSSING_SHARE) continue;
    if (bass.every((n) => n.pitch - 12 >= partSpan('bass', n.program).low)) bass.forEach((n) => lower.add(n));
  }
  return notes.map((n) => (lower.has(n) ? mended({ ...n, pitch: n.pitch - 12 }, 'register') : n));
}
