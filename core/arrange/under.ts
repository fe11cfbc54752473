/**
 * Placing accompaniment under the tune, shared by the held voicing (`sustain.ts`) and the thinned comping
 * (`thin.ts`): the lowest melody pitch sounding over a span, and a pitch moved down by octaves under it.
 */
import type { Beats, Note } from '../sequence';

const EPS = 1e-6;

/** The lowest pitch of `melody` sounding between `start` and `end` (Infinity when the melody rests). */
export function lowestSounding(melody: readonly Note[], start: Beats, end: Beats): number {
  let low = Infinity;
  for (const m of melody) if (m.start < end - EPS && m.end > start + EPS) low = Math.min(low, m.pitch);
  return low;
}

/** `pitch` moved down by octaves while it is at or above `ceiling` and the octave below stays at or above `floor`. */
export function octavesUnder(pitch: number, ceiling: number, floor: number): number {
  let p = pitch;
  while (p >= ceiling && p - 12 >= floor) p -= 12;
  return p;
}
