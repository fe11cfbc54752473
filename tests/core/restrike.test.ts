import { describe, expect, it } from 'vitest';
import { restrikeNotes } from '../../core/restrike';
import type { Note } from '../../core/sequence';
import { note } from '../helpers/notes';

const byRole = (n: Note) => n.role;
const spans = (notes: readonly Note[]) => notes.map((n) => [n.pitch, n.start, n.end]);

describe('restrikeNotes', () => {
  it('ends a sounding note where its pitch is struck again, the new note lasting to the later end', () => {
    // A held chord tone re-struck twice inside it: it keeps sounding to beat 4, struck three times.
    const out = restrikeNotes(
      [note('harmony', 66, 0, 4), note('harmony', 66, 1, 2), note('harmony', 66, 2.5, 3.5)],
      byRole,
    );
    expect(spans(out)).toEqual([
      [66, 0, 1],
      [66, 1, 2.5],
      [66, 2.5, 4],
    ]);
    // A later note that outlasts the first keeps its own end.
    expect(
      spans(restrikeNotes([note('melody', 71, 14.75, 15.5), note('melody', 71, 15, 16)], byRole)),
    ).toEqual([
      [71, 14.75, 15],
      [71, 15, 16],
    ]);
  });

  it('keeps one note of pitches struck together: the louder, to the later end', () => {
    const out = restrikeNotes(
      [note('drums', 36, 8, 8.25, { velocity: 90 }), note('drums', 36, 8, 8.5, { velocity: 100 })],
      byRole,
    );
    expect(out).toEqual([note('drums', 36, 8, 8.5, { velocity: 100 })]);
    const louderFirst = restrikeNotes(
      [note('drums', 36, 8, 8.5, { velocity: 110 }), note('drums', 36, 8, 8.25, { velocity: 60 })],
      byRole,
    );
    expect(louderFirst).toEqual([note('drums', 36, 8, 8.5, { velocity: 110 })]);
  });

  it('leaves back-to-back notes, other pitches and other parts alone', () => {
    const notes = [note('melody', 60, 0, 1), note('melody', 60, 1, 2)]; // back to back
    notes.push(note('melody', 62, 0.5, 3), note('harmony', 60, 0.5, 3)); // another pitch, another part
    expect(restrikeNotes(notes, byRole)).toEqual(notes);
  });

  it('marks each note whose end it changed, and keeps the input order', () => {
    const out = restrikeNotes(
      [note('bass', 38, 2, 3), note('bass', 38, 0, 4), note('bass', 43, 0, 1)],
      byRole,
      {
        mark: (n) => ({ ...n, by: 'restrike' }),
      },
    );
    expect(out).toEqual([
      note('bass', 38, 2, 4, { by: 'restrike' }),
      note('bass', 38, 0, 2, { by: 'restrike' }),
      note('bass', 43, 0, 1),
    ]);
  });

  it('leaves no two notes of one part and pitch sounding together', () => {
    const notes = Array.from({ length: 300 }, (_, i) =>
      note(i % 2 ? 'melody' : 'harmony', 60 + (i % 3), (i * 7) % 50, ((i * 7) % 50) + 0.5 + (i % 5)),
    );
    const out = restrikeNotes(notes, byRole);
    for (const a of out) {
      expect(a.end).toBeGreaterThan(a.start);
      for (const b of out)
        if (a !== b && a.role === b.role && a.pitch === b.pitch)
          expect(a.end <= b.start || b.end <= a.start, `${JSON.stringify(a)} ${JSON.stringify(b)}`).toBe(
            true,
          );
    }
    // Every moment a pitch sounded in a part, it still sounds.
    const sounds = (ns: readonly Note[], role: string, pitch: number, t: number) =>
      ns.some((n) => n.role === role && n.pitch === pitch && n.start <= t && n.end > t);
    for (let t = 0; t < 56; t += 0.25)
      for (const role of ['melody', 'harmony'])
        for (const pitch of [60, 61, 62])
          expect(sounds(out, role, pitch, t)).toBe(sounds(notes, role, pitch, t));
  });
});
