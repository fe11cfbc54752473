import { describe, expect, it } from 'vitest';
import { keepPlayable, playableBy } from '../../../core/arrange/playable';
import type { Note, Role } from '../../../core/sequence';
import { arrangeScripted, note as makeNote } from '../../helpers/notes';

const note = (
  role: Role,
  pitch: number,
  start: number,
  end: number,
  origin: Note['origin'] = 'model',
): Note => makeNote(role, pitch, start, end, { origin });
const rows = (notes: readonly Note[]) =>
  notes
    .map((n) => [n.pitch, n.start, n.end, n.origin, n.by ?? null])
    .sort((a, b) => +a[1]! - +b[1]! || +a[0]! - +b[0]!);

describe('playableBy', () => {
  it('keeps the top note of a stack and ends each note where the next starts, for one voice', () => {
    const out = playableBy(
      [
        note('melody', 60, 0, 2),
        note('melody', 67, 0, 1.5), // the top of the first stack
        note('melody', 64, 0, 2),
        note('melody', 69, 1, 3), // starts while G4 sounds
        note('melody', 72, 4, 5, 'rule'), // after a rest: left alone
      ],
      1,
    );
    expect(rows(out)).toEqual([
      [67, 0, 1, 'mended', 'voices'],
      [69, 1, 3, 'model', null],
      [72, 4, 5, 'rule', null],
    ]);
  });

  it('lets two voices sound together, ending the older note when a third starts', () => {
    const out = playableBy(
      [
        note('melody', 64, 0, 4),
        note('melody', 72, 0, 2),
        note('melody', 76, 0, 2), // a third note at the first onset: dropped (C5 and E5 kept, the top two)
        note('melody', 67, 1, 3), // both still sound: the older, C5 or E5, ends at beat 1
      ],
      2,
    );
    expect(out.map((n) => n.pitch)).toEqual([76, 72, 67]);
    const sounding = (t: number) => out.filter((n) => n.start <= t && n.end > t).length;
    expect([0, 0.5, 1, 1.5, 2, 2.5].map(sounding).every((k) => k <= 2)).toBe(true);
    expect(out.find((n) => n.pitch === 76)).toMatchObject({ end: 1, origin: 'mended', by: 'voices' });
    expect(out.find((n) => n.pitch === 72)).toMatchObject({ end: 2, origin: 'model' });
  });

  it('changes nothing in a line that already plays one note at a time', () => {
    const line = [note('melody', 60, 0, 1), note('melody', 62, 1, 2), note('melody', 64, 2.5, 3)];
    expect(playableBy(line, 1)).toEqual(line);
  });
});

describe('keepPlayable', () => {
  const programs = { melody: 65, harmony: 0, bass: 42, drums: 0 };

  it("holds each role to its instrument's voices and leaves chordal instruments and drums alone", () => {
    const harmony = [60, 64, 67].map((p) => note('harmony', p, 0, 4));
    const drums = [36, 42, 38].map((p) => note('drums', p, 0, 0.25));
    const out = keepPlayable(
      [
        ...harmony,
        ...drums,
        note('melody', 72, 0, 2),
        note('melody', 76, 0, 2),
        note('bass', 36, 0, 4),
        note('bass', 43, 0, 4),
        note('bass', 48, 0, 4),
      ],
      programs,
    );
    expect(out.filter((n) => n.role === 'harmony')).toEqual(harmony);
    expect(out.filter((n) => n.role === 'drums')).toEqual(drums);
    expect(out.filter((n) => n.role === 'melody').map((n) => n.pitch)).toEqual([76]);
    expect(out.filter((n) => n.role === 'bass').map((n) => n.pitch)).toEqual([48, 43]); // a cello's double stop
  });

  it('in the pipeline: a saxophone part sounds one note at a time, a piano part keeps its stacks', () => {
    /** A scripted writer: a three-note stack held two beats on every beat. */
    const stacks = (roles: readonly Role[], beats: number): Note[] => {
      const notes: Note[] = [];
      for (let b = 0; b + 1 <= beats; b++)
        for (const role of roles.filter((x) => x !== 'drums'))
          for (const p of [67, 71, 74]) notes.push(note(role, p - (role === 'bass' ? 36 : 0), b, b + 2));
      return notes;
    };
    const most = (notes: readonly Note[], role: Role): number => {
      const part = notes.filter((n) => n.role === role);
      return Math.max(...part.map((n) => part.filter((m) => m.start <= n.start && m.end > n.start).length));
    };
    const sax = arrangeScripted('smooth jazz saxophone', stacks);
    expect(sax.plan.programs.melody).toBeGreaterThanOrEqual(64);
    expect(sax.plan.programs.melody).toBeLessThanOrEqual(67);
    expect(most(sax.sequence.notes, 'melody')).toBe(1);
    expect(sax.sequence.notes.some((n) => n.role === 'melody' && n.by === 'voices')).toBe(true);
    const piano = arrangeScripted('solo piano, calm', stacks);
    expect(most(piano.sequence.notes, 'melody')).toBeGreaterThan(1);
  });
});
