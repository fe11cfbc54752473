/**
 * Every pitched role inside the span its part is played in: a note outside moves by octaves into it (its
 * pitch class, so its place in the chord and the key, is kept). The model, asked for a bright or dark
 * register, can still write a lead at E8 or a string chord tone at G0; no player reads those, and no alto
 * sax plays above A flat 5 nor a violin below G3 (the instrument's own range, `playableRange`).
 */
import { MELODY_FLOOR, withinApart } from '../model/biases';
import { playableRange } from '../features/family';
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

/**
 * The span a part on `program` is played in: its role's span within the instrument's sounding range
 * (`playableRange`), or the instrument's range alone where the two share less than an octave.
 */
export function partSpan(role: Exclude<Role, 'drums'>, program: number): PitchSpan {
  const span = ROLE_RANGE[role];
  const own = playableRange(program);
  if (!own) return span;
  const low = Math.max(span.low, own.low);
  const high = Math.min(span.high, own.high);
  return high - low >= 12 ? { low, high } : own;
}

/** The span of a note's part, or null for drums. */
const spanOf = (n: Note): PitchSpan | null =>
  n.isDrum || n.role === 'drums' ? null : partSpan(n.role, n.program);

/**
 * Semitones around a note its role starts at the same time that a note moved into range may not land in:
 * a tune's stacked notes a second apart are heard as a wrong note, not a chord (the band the melody's
 * writer keeps too, `sampling.stackApart`); other roles' chords may hold seconds. 0: only the same pitch.
 */
const MOVED_APART: Readonly<Partial<Record<Role, number>>> = { melody: 2 };

/**
 * Moves each pitched note outside its part's span ({@link partSpan}: its role's {@link ROLE_RANGE} within
 * its instrument's sounding range) by octaves into it (`mended` by `range`); a moved note that would double
 * a pitch its role already starts at the same time, or (in the melody) sit a second from one, is dropped.
 */
export function keepInRange(notes: readonly Note[]): Note[] {
  const key = (n: Note) => `${n.role}|${n.start}`;
  const outside = (n: Note): boolean => {
    const span = spanOf(n);
    return span !== null && foldIntoSpan(n.pitch, span) !== n.pitch;
  };
  const started = new Map<string, number[]>();
  const take = (n: Note): void => {
    const pitches = started.get(key(n));
    if (pitches) pitches.push(n.pitch);
    else started.set(key(n), [n.pitch]);
  };
  const clashes = (n: Note): boolean =>
    withinApart(n.pitch, started.get(key(n)) ?? [], MOVED_APART[n.role] ?? 0);
  for (const n of notes) if (!outside(n)) take(n);
  const out: Note[] = [];
  for (const n of notes) {
    if (!outside(n)) {
      out.push(n);
      continue;
    }
    const moved = mended({ ...n, pitch: foldIntoSpan(n.pitch, spanOf(n)!) }, 'range');
    if (clashes(moved)) continue;
    take(moved);
    out.push(moved);
  }
  return out;
}
