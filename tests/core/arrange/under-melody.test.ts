import { describe, expect, it } from 'vitest';
import { keepUnderMelody, UNDER_MELODY_FLOOR } from '../../../core/arrange/under-melody';
import type { Note, Role } from '../../../core/sequence';
import { note as makeNote } from '../../helpers/notes';

const note = (role: Role, pitch: number, start: number, end: number): Note =>
  makeNote(role, pitch, start, end, { origin: 'model' });
const harmony = (out: readonly Note[]) =>
  out.filter((n) => n.role === 'harmony').map((n) => [n.pitch, n.start, n.origin, n.by ?? null]);

describe('keepUnderMelody', () => {
  it('moves a harmony note struck above the sounding melody note down by octaves under it', () => {
    const out = keepUnderMelody([
      note('melody', 67, 0, 2), // G4
      note('harmony', 72, 0, 2), // C5: above, to C4
      note('harmony', 88, 1, 2), // E6: two octaves above, to E4
      note('harmony', 64, 0, 2), // E4: under, kept
      note('harmony', 67, 0, 2), // G4: the melody's own pitch, kept
    ]);
    expect(harmony(out)).toEqual([
      [60, 0, 'mended', 'underMelody'],
      [64, 1, 'mended', 'underMelody'],
      [64, 0, 'model', null],
      [67, 0, 'model', null],
    ]);
  });

  it('leaves the harmony alone where no melody note sounds, and every other role', () => {
    const notes = [
      note('melody', 60, 0, 1),
      note('harmony', 76, 1, 2), // struck as the melody ends
      note('bass', 70, 0, 1),
      note('drums', 80, 0, 1),
    ];
    expect(keepUnderMelody(notes)).toEqual(notes);
    const noTune = [note('harmony', 84, 0, 4)];
    expect(keepUnderMelody(noTune)).toEqual(noTune);
  });

  it('keeps a note that would fall under C3 or onto a pitch the harmony already strikes', () => {
    const out = keepUnderMelody([
      note('melody', 57, 0, 4), // A3
      note('harmony', 64, 0, 4), // E4 -> E3 (52): moved
      note('harmony', 60, 0, 4), // C4 -> C3 (48): at the floor, moved
      note('harmony', 59, 2, 4), // B3 -> B2 (47): under the floor, kept
      note('harmony', 76, 0, 4), // E5 -> E3, which the first note now strikes: kept
    ]);
    expect(UNDER_MELODY_FLOOR).toBe(48);
    expect(harmony(out)).toEqual([
      [52, 0, 'mended', 'underMelody'],
      [48, 0, 'mended', 'underMelody'],
      [59, 2, 'model', null],
      [76, 0, 'model', null],
    ]);
  });

  it('reads the highest melody note where two sound at once', () => {
    const out = keepUnderMelody([
      note('melody', 60, 0, 2),
      note('melody', 72, 0, 2),
      note('harmony', 67, 1, 2),
    ]);
    expect(harmony(out)).toEqual([[67, 1, 'model', null]]);
  });
});
