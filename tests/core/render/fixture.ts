/** A small band piece for the renderer's tests: 4 bars, four roles, 120 bpm then 100 bpm at bar 3. */
import type { Note, NoteSequence, Role } from '../../../core/sequence';
import { emptySequence, sortNotes } from '../../../core/sequence';

const PROGRAMS: Record<Role, number> = { melody: 73, harmony: 48, bass: 33, drums: 0 };

const note = (role: Role, pitch: number, start: number, length: number, velocity: number): Note => ({
  pitch,
  start,
  end: start + length,
  velocity,
  role,
  program: PROGRAMS[role],
  isDrum: role === 'drums',
});

/** 16 beats in C major: I-vi-IV-V, a flute melody, string chords, finger bass, kick/snare/hats. */
export function bandPiece(): NoteSequence {
  const seq = emptySequence(120);
  seq.tempos.push({ beat: 8, bpm: 100 });
  seq.keySignatures.push({ beat: 0, tonic: 0, mode: 'major' });
  const roots = [48, 45, 41, 43];
  const notes: Note[] = [];
  roots.forEach((root, bar) => {
    const t = bar * 4;
    const chord = bar === 1 ? [0, 3, 7] : [0, 4, 7];
    for (const p of chord) notes.push(note('harmony', root + 12 + p, t, 4, 70));
    notes.push(note('bass', root - 12, t, 1.5, 100), note('bass', root - 5, t + 2, 1.5, 90));
    [0, 2, 4, 7].forEach((p, i) => notes.push(note('melody', root + 24 + p, t + i, 0.9, 60 + 15 * i)));
    for (let e = 0; e < 8; e++) notes.push(note('drums', 42, t + e / 2, 0.25, e % 2 ? 60 : 90));
    notes.push(note('drums', 36, t, 0.25, 120), note('drums', 36, t + 2, 0.25, 110));
    notes.push(note('drums', 38, t + 1, 0.25, 110), note('drums', 38, t + 3, 0.25, 110));
  });
  seq.notes = sortNotes(notes);
  seq.totalBeats = 16;
  return seq;
}
