/**
 * Every pitched role inside the span its part is played in: a note outside moves by octaves into it (its
 * pitch class, so its place in the chord and the key, is kept). The model, asked for a bright or dark
 * register, can still write a lead at E8 or a string chord tone at G0; no player reads those.
 */
import { MELODY_FLOOR } from '../model/biases';
import type { Note, Role } from '../sequence';
import { mended } from './mended';

/** Lowest and highest MIDI pitch of each pitched role's part. */
export interface PitchSpan {
  low: number;
  high: number;
}

/**
 * The span of each pitched role: a melody from the writer's floor (G3) to C7; harmony from C2 to C6 (the
 * span a sustained voicing uses: above it a chord part rings over the tune, as the mood's register had
 * pop's piano doing); a bass from E1 (a bass guitar's low string) to C4.
 */
export const ROLE_RANGE: Readonly<Record<Exclude<Role, 'drums'>, PitchSpan>> = {
  melody: { low: MELODY_FLOOR, high: 96 },
  harmony: { low: 36, high: 84 },
  bass: { low: 28, high: 60 },
};

/** `pitch` moved by octaves into `span`. */
export function foldIntoSpan(pitch: number, span: PitchSpan): number {
  let p = pitch;
  while (p < span.low) p += 12;
  while (p > span.high) p -= 12;
  return p;
}

/** The span of a note's role, or null for drums. */
const spanOf = (n: Note): PitchSpan | null => (n.isDrum || n.role === 'drums' ? null : ROLE_RANGE[n.role]);

/**
 * Moves each pitched note outside its role's {@link ROLE_RANGE} by octaves into it (`mended` by `range`);
 * a moved note that would double a pitch its role already starts at the same time is dropped.
 */
export function keepInRange(notes: readonly Note[]): Note[] {
  const key = (n: Note) => `${n.role}|${n.start}|${n.pitch}`;
  const outside = (n: Note): boolean => {
    const span = spanOf(n);
    return span !== null && foldIntoSpan(n.pitch, span) !== n.pitch;
  };
  const taken = new Set(notes.filter((n) => !outside(n)).map(key));
  const out: Note[] = [];
  for (const n of notes) {
    if (!outside(n)) {
      out.push(n);
      continue;
    }
    const moved = mended({ ...n, pitch: foldIntoSpan(n.pitch, spanOf(n)!) }, 'range');
    if (taken.has(key(moved))) continue;
    taken.add(key(moved));
    out.push(moved);
  }
  return out;
}
