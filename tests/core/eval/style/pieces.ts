/** Small pieces in three styles, built the way each style plays, for the style classifier's tests. */
import type { Style } from '../../../../core/conditioning';
import { styleFeatures } from '../../../../core/eval/style/features';
import type { LabelledPiece } from '../../../../core/eval/style/model';
import type { Note, NoteSequence, Role } from '../../../../core/sequence';
import { emptySequence, sortNotes } from '../../../../core/sequence';

const n = (pitch: number, start: number, len: number, role: Role, program: number, velocity = 80): Note => ({
  pitch,
  start,
  end: start + len,
  velocity,
  role,
  program,
  isDrum: role === 'drums',
});

/** Rock: kick and snare backbeat, straight eighth hats, power-chord guitar eighths, root bass. */
export function rock(variant: number, bars = 4): NoteSequence {
  const notes: Note[] = [];
  const root = 40 + (variant % 5);
  for (let b = 0; b < bars * 4; b++) {
    notes.push(n(b % 2 ? 38 : 36, b, 0.1, 'drums', 0, 110));
    for (const h of [0, 0.5]) notes.push(n(42, b + h, 0.1, 'drums', 0, 80));
    for (const h of [0, 0.5])
      for (const p of [root + 12, root + 19]) notes.push(n(p, b + h, 0.45, 'harmony', 30, 100));
    notes.push(n(root, b, 0.9, 'bass', 34, 100));
  }
  return seqOf(notes, 130 + variant);
}

/** Jazz: swung ride, walking bass in steps, seventh chords on the piano. */
export function jazz(variant: number, bars = 4): NoteSequence {
  const notes: Note[] = [];
  const walk = [36, 38, 40, 41, 43, 41, 40, 38];
  for (let b = 0; b < bars * 4; b++) {
    notes.push(n(51, b, 0.2, 'drums', 0, 70), n(51, b + 2 / 3, 0.2, 'drums', 0, 60));
    notes.push(n(walk[(b + variant) % 8] + (variant % 3), b, 0.9, 'bass', 32, 70));
    if (b % 2 === 0)
      for (const p of [60, 64, 67, 70]) notes.push(n(p + (variant % 4), b + 2 / 3, 1, 'harmony', 0, 60));
  }
  return seqOf(notes, 150 + variant);
}

/** Orchestral: no drums, long string chords and a slow melody in the violins, in 3/4. */
export function orchestral(variant: number, bars = 4): NoteSequence {
  const notes: Note[] = [];
  for (let b = 0; b < bars * 3; b += 3) {
    for (const p of [48, 55, 60, 64]) notes.push(n(p + (variant % 3), b, 3, 'harmony', 48, 60));
    notes.push(n(72 + ((b + variant) % 5), b, 1.5, 'melody', 40, 70), n(74, b + 1.5, 1.5, 'melody', 40, 70));
  }
  const seq = seqOf(notes, 80 + variant);
  seq.timeSignatures = [{ beat: 0, numerator: 3, denominator: 4 }];
  return seq;
}

function seqOf(notes: Note[], bpm: number): NoteSequence {
  const seq = emptySequence(bpm);
  seq.notes = sortNotes(notes);
  seq.totalBeats = notes.reduce((m, x) => Math.max(m, x.end), 0);
  return seq;
}

/** Each style's piece maker. */
export const MAKERS: [Style, (v: number) => NoteSequence][] = [
  ['rock', rock],
  ['jazz', jazz],
  ['orchestral', orchestral],
];

/** `count` labelled pieces of each style, variants `from` on, each its own song. */
export const labelled = (from: number, count: number): LabelledPiece[] =>
  MAKERS.flatMap(([style, make]) =>
    Array.from({ length: count }, (_, i) => ({
      id: `${style}/${from + i}`,
      song: `${style}/${from + i}`,
      style,
      features: styleFeatures(make(from + i))!,
    })),
  );
