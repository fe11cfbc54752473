/**
 * A comping part thinned from the top under the tune. Guitars, pianos and the other harmony instruments
 * that strike chords (a held pad or string part is voiced under the tune by `sustainRole`) sounded above
 * the melody at a third to a half of its onsets, where a player would voice the chord beneath the lead.
 * At each onset where the harmony strikes two notes or more, a note at or above the lowest melody note
 * sounding with it is dropped when its pitch class already sounds below the tune in the same stack (the
 * chord keeps that tone), and otherwise moves down by octaves under the tune, not below
 * {@link THIN_FLOOR} (`mended` by `thin`). A note struck alone (an arpeggio's or a picked line's) stays,
 * so no figure loses a beat, and a stack's rhythm is kept.
 */
import type { Note, Role } from '../sequence';
import { stacksByOnset } from '../sequence';
import { mended } from './mended';
import { lowestSounding, octavesUnder } from './under';

/** Lowest pitch a thinned note moves down to: C3, so a chord does not sink into the bass line's register. */
export const THIN_FLOOR = 48;

/** Settings of {@link thinUnderTune}. */
export interface ThinOptions {
  /** The role thinned. Default `harmony`. */
  role?: Role;
  /** Lowest pitch a note moves down to. Default {@link THIN_FLOOR}. */
  floor?: number;
}

/**
 * One stack thinned (see the module), lowest note first: a note below the tune stays; one at or above it
 * is dropped when a kept note of its pitch class sounds below the tune, else moved down by octaves while
 * it stays at or above `floor`, and dropped when it lands on a pitch the stack already sounds.
 */
export function thinStack(stack: readonly Note[], melody: readonly Note[], floor: number): Note[] {
  if (stack.length < 2) return [...stack];
  const kept: Note[] = [];
  for (const n of [...stack].sort((a, b) => a.pitch - b.pitch)) {
    const ceiling = lowestSounding(melody, n.start, n.end);
    if (n.pitch < ceiling) {
      kept.push(n);
      continue;
    }
    if (kept.some((k) => k.pitch < ceiling && k.pitch % 12 === n.pitch % 12)) continue;
    const pitch = octavesUnder(n.pitch, ceiling, floor);
    if (kept.some((k) => k.pitch === pitch)) continue;
    kept.push(pitch === n.pitch ? n : mended({ ...n, pitch }, 'thin'));
  }
  return kept;
}

/**
 * Thins the stacked chords of a role from the top under the melody (see the module). Notes of other roles
 * pass unchanged; the role's notes come after them, in order of onset.
 */
export function thinUnderTune(notes: readonly Note[], o: ThinOptions = {}): Note[] {
  const role = o.role ?? 'harmony';
  const floor = o.floor ?? THIN_FLOOR;
  const rest = notes.filter((n) => n.role !== role);
  const melody = rest.filter((n) => n.role === 'melody');
  if (melody.length === 0) return [...notes];
  const mine = notes.filter((n) => n.role === role);
  return [...rest, ...stacksByOnset(mine).flatMap((s) => thinStack(s, melody, floor))];
}
