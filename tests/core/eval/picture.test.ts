import { describe, expect, it } from 'vitest';
import { checkCuts, keyHeard, phrase, speechFigures } from '../../../core/eval/picture';
import type { Note, NoteSequence, Role } from '../../../core/sequence';
import { emptySequence } from '../../../core/sequence';

const note = (role: Role, pitch: number, start: number, velocity = 80): Note => ({
  pitch,
  start,
  end: start + 0.5,
  velocity,
  role,
  program: 0,
  isDrum: role === 'drums',
});

function seq(notes: Note[], beats = 16): NoteSequence {
  return { ...emptySequence(120), notes, totalBeats: beats };
}

describe('checkCuts', () => {
  it('needs two roles within the tolerance, one of them a drum accent', () => {
    const s = seq([
      note('drums', 49, 4),
      note('bass', 40, 4.02),
      note('drums', 42, 8),
      note('bass', 40, 8),
      note('melody', 72, 12),
    ]);
    const [a, b, c] = checkCuts(s, [2, 4, 6]);
    expect(a).toMatchObject({ cut: 2, roles: ['drums', 'bass'], hit: true, offsetMs: 0 });
    expect(b.hit).toBe(false); // a hi-hat is no accent
    expect(b.offsetMs).toBe(2000);
    expect(c).toMatchObject({ roles: ['melody'], hit: false });
  });
});

describe('speechFigures', () => {
  it('compares the melody under speech with the gaps', () => {
    const s = seq(
      [
        note('melody', 60, 0, 40),
        note('melody', 72, 4, 100),
        note('melody', 74, 5, 100),
        note('melody', 76, 6, 100),
      ],
      8,
    );
    const f = speechFigures(s, [{ start: 0, end: 1 }]);
    expect(f.notesPerSecond).toEqual({ speech: 1, gaps: 1 });
    expect(f.velocity).toEqual({ speech: 40, gaps: 100 });
    expect(f.pitch.speech).toBe(60);
  });
});

describe('keyHeard and phrase', () => {
  it("finds the key of a stretch and lists a role's notes from a beat", () => {
    const scale = [57, 59, 60, 62, 64, 65, 67, 69, 57, 64, 57];
    const s = seq(scale.map((p, i) => note('melody', p, i)));
    expect(keyHeard(s, 0, 11)).toEqual({ tonic: 9, mode: 'minor' });
    expect(phrase(s, 'melody', 2, 2)).toEqual([
      [0, 60, 0.5, 80],
      [1, 62, 0.5, 80],
    ]);
  });
});
