/** Small NoteSequences for the evaluation tests. */
import type { Note, NoteSequence, Role } from '../../../core/sequence';
import { emptySequence, sortNotes } from '../../../core/sequence';

/** A note: pitch, start and end in beats, role (drums when role is 'drums'). */
export function note(pitch: number, start: number, end: number, role: Role = 'melody', velocity = 80): Note {
  return { pitch, start, end, velocity, role, program: 0, isDrum: role === 'drums' };
}

/** A sequence of `notes` at `bpm` in `numerator`/4, as long as its last note (or `beats`). */
export function piece(notes: Note[], bpm = 120, numerator = 4, beats?: number): NoteSequence {
  const seq = emptySequence(bpm, numerator, 4);
  seq.notes = sortNotes([...notes]);
  seq.totalBeats = beats ?? notes.reduce((m, n) => Math.max(m, n.end), 0);
  return seq;
}

/** A melody from a list of pitches, one every `step` beats, each `length` beats long. */
export function line(
  pitches: readonly number[],
  step = 0.5,
  length = step,
  role: Role = 'melody',
  from = 0,
): Note[] {
  return pitches.map((p, i) => note(p, from + i * step, from + i * step + length, role));
}
