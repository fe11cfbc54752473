/**
 * Melodies faster than a player, in encoded event streams: onsets less than {@link FAST_GAP_SECONDS} apart
 * are a run, a rolled chord's top notes or an arpeggio, not a tune's notes. POP909's melodies all but never
 * have them (`bench/design/melody-speed.ts`); `bench/design/corpus-melody-speed.ts` counts them per corpus.
 */
import type { NoteEvent } from '../../core/codec/events';
import { GRID, REST } from '../../core/codec/events';
import type { Bpm } from '../../core/sequence';

/** Onset gaps shorter than this (seconds) are faster than a lead line is played. */
export const FAST_GAP_SECONDS = 0.1;
/** A melody with more than this share of its onset gaps fast runs faster than a player (the default cut). */
export const MAX_FAST_SHARE = 0.1;
/** Fewer onset gaps than this say nothing about a line's speed. */
export const MIN_GAPS = 7;

/** A line's gaps between successive onsets, and how many of them are under {@link FAST_GAP_SECONDS}. */
export interface OnsetGaps {
  gaps: number;
  fast: number;
}

/**
 * Counts a role's gaps between successive onsets (notes starting together count once, rests are time) and
 * those shorter than {@link FAST_GAP_SECONDS} at `bpm`, from its encoded events (steps on the {@link GRID}).
 */
export function onsetGaps(events: readonly Pick<NoteEvent, 'pitch' | 'step'>[], bpm: Bpm): OnsetGaps {
  let t = 0;
  let last: number | null = null;
  let gaps = 0;
  let fast = 0;
  for (const e of events) {
    t += e.step;
    if (e.pitch === REST) continue;
    if (last !== null && t > last) {
      gaps++;
      // In this order of operations, as the scratch filter of docs/model.md's fine-tune computed it, so
      // that corpus-melody-speed.ts --out writes the index that run trained on (checked with cmp).
      if ((((t - last) / GRID) * 60) / bpm < FAST_GAP_SECONDS) fast++;
    }
    last = t;
  }
  return { gaps, fast };
}
