import { describe, expect, it } from 'vitest';
import { arrangeWrites } from '../../../core/arrange/arrange';
import { isSustained } from '../../../core/arrange/orchestrate';
import { THIN_FLOOR, thinStack, thinUnderTune } from '../../../core/arrange/thin';
import { embed } from '../../../core/embed';
import type { Note, Role } from '../../../core/sequence';
import { emptySequence } from '../../../core/sequence';
import { note as makeNote } from '../../helpers/notes';

const note = (role: Role, pitch: number, start: number, end: number): Note =>
  makeNote(role, pitch, start, end, { velocity: 80, program: 25, origin: 'model' });
const rows = (notes: readonly Note[]) =>
  notes
    .filter((n) => n.role === 'harmony')
    .map((n) => [n.pitch, n.start, n.end, n.origin, n.by ?? null])
    .sort((a, b) => +a[1]! - +b[1]! || +a[0]! - +b[0]!);

describe('thinUnderTune', () => {
  it('drops a tone the chord already sounds below the tune and moves the rest under it, keeping the rhythm', () => {
    const tune = note('melody', 67, 0, 2); // G4 over both strums
    const out = thinUnderTune([
      tune,
      // a C major strum, C4 E4 G4 C5 E5: G4, C5 and E5 are at or above the tune
      ...[60, 64, 67, 72, 76].map((p) => note('harmony', p, 0, 1)),
      // the next strum, A3 C4 F4 A4: A4 is above the tune, and A sounds below it
      ...[57, 60, 65, 69].map((p) => note('harmony', p, 1, 2)),
    ]);
    expect(rows(out)).toEqual([
      [55, 0, 1, 'mended', 'thin'], // G4 moved down an octave: no G below the tune
      [60, 0, 1, 'model', null],
      [64, 0, 1, 'model', null], // C5 and E5 dropped: C4 and E4 sound below the tune
      [57, 1, 2, 'model', null],
      [60, 1, 2, 'model', null],
      [65, 1, 2, 'model', null], // A4 dropped
    ]);
    expect(out).toContain(tune);
  });

  it('leaves a note struck alone, a stack under the tune and a stack where the melody rests as they were', () => {
    const input = [
      note('melody', 62, 0, 1),
      note('harmony', 74, 0, 0.5), // an arpeggio's note above the tune, struck alone
      note('harmony', 79, 0.5, 1),
      note('harmony', 55, 1, 2), // a stack under the tune
      note('harmony', 59, 1, 2),
      note('melody', 67, 1, 2),
      note('harmony', 72, 2, 3), // a stack above no tune: the melody rests
      note('harmony', 76, 2, 3),
    ];
    const out = thinUnderTune(input);
    expect(out).toHaveLength(input.length);
    for (const n of input) expect(out).toContain(n);
  });

  it('moves no note below the floor, and drops one that lands on a pitch the stack sounds', () => {
    const low = note('melody', 55, 0, 1); // G3, the melody's floor
    const out = thinUnderTune([low, ...[52, 59, 64, 71].map((p) => note('harmony', p, 0, 1))]);
    // E4 dropped: E3 sounds below the tune; B3 cannot pass under G3 without going below C3, so it stays,
    // and B4, moved down an octave, lands on it: dropped
    expect(rows(out)).toEqual([
      [52, 0, 1, 'model', null],
      [59, 0, 1, 'model', null],
    ]);
    const floored = thinStack([note('harmony', 48, 0, 1), note('harmony', 62, 0, 1)], [low], THIN_FLOOR);
    expect(floored.map((n) => n.pitch)).toEqual([48, 50]);
  });

  it('reads the tune under each note over its whole length, and thins only the role asked for', () => {
    const out = thinUnderTune(
      [
        note('melody', 72, 0, 1),
        note('melody', 64, 1, 2), // E4 starts while the long chord still sounds
        note('harmony', 60, 0, 2),
        note('harmony', 67, 0, 2),
        note('bass', 67, 0, 2),
        note('bass', 72, 0, 2),
      ],
      { role: 'harmony' },
    );
    expect(rows(out)).toEqual([
      [55, 0, 2, 'mended', 'thin'], // G4 is above E4 at beat 1
      [60, 0, 2, 'model', null],
    ]);
    expect(out.filter((n) => n.role === 'bass').map((n) => n.pitch)).toEqual([67, 72]);
  });
});

describe('the arranger thins a comping part, not a held one', () => {
  /**
   * Drives `arrangeWrites` with a scripted writer instead of a model: a G4 tune on every beat and, every
   * two beats, a C major stack from C4 to E5 struck across it (C5 and E5 above the tune).
   */
  const arrangeScripted = (prompt: string, rules = true) => {
    const job = arrangeWrites(embed(prompt), { seconds: 12, seed: 1, keyCheck: false, rules });
    let r = job.next();
    while (!r.done) {
      const req = r.value;
      const roles = req.roles ?? req.conditioning.roles;
      const notes: Note[] = [];
      for (let b = 0; b + 1 <= req.beats; b++) {
        if (roles.includes('melody')) notes.push(note('melody', 67, b, b + 1));
        if (roles.includes('harmony') && b % 2 === 0)
          for (const p of [60, 64, 67, 72, 76]) notes.push(note('harmony', p, b, b + 1));
        if (roles.includes('bass') && b % 2 === 0) notes.push(note('bass', 36, b, b + 2));
      }
      r = job.next({ ...emptySequence(), notes, totalBeats: req.beats });
    }
    return r.value;
  };
  const thinned = (notes: readonly Note[]) => notes.filter((n) => n.role === 'harmony' && n.by === 'thin');

  it('moves a piano stack under the tune, so no struck note of it sounds above the melody', () => {
    const { sequence, plan } = arrangeScripted('calm piano ballad');
    expect(isSustained(plan.programs.harmony)).toBe(false);
    expect(thinned(sequence.notes).length).toBeGreaterThan(0);
    const melody = sequence.notes.filter((n) => n.role === 'melody');
    const above = sequence.notes.filter(
      (h) =>
        h.role === 'harmony' &&
        (h.origin === 'model' || h.origin === 'copy' || h.by === 'thin') &&
        melody.some((m) => m.start < h.end - 1e-6 && m.end > h.start + 1e-6 && h.pitch >= m.pitch),
    );
    expect(above).toEqual([]);
  });

  it('leaves a held string part to its own voicing, and the rules-off writing as written', () => {
    const strings = arrangeScripted('warm cinematic strings');
    expect(isSustained(strings.plan.programs.harmony)).toBe(true);
    expect(thinned(strings.sequence.notes)).toEqual([]);
    const off = arrangeScripted('calm piano ballad', false);
    expect(thinned(off.sequence.notes)).toEqual([]);
    expect(off.sequence.notes.filter((n) => n.role === 'harmony' && n.pitch === 76).length).toBeGreaterThan(
      0,
    );
  });
});
