import { describe, expect, it } from 'vitest';
import { drumUnit, GRID_UNIT, swingEighths } from '../../../core/arrange/feel';
import type { Note } from '../../../core/sequence';
import { note } from '../../helpers/notes';

const hats = (...ts: number[]): Note[] => ts.map((t) => note('drums', 42, t, t + 0.1));
const starts = (ns: readonly Note[]) => ns.map((n) => Math.round(n.start * 12) / 12);

describe('the drums feel', () => {
  it('is swung when more onsets sit on triplets than on sixteenths off the eighths', () => {
    expect(drumUnit(hats(0, 2 / 3, 1, 5 / 3, 2.25), false)).toBe(GRID_UNIT.triplet);
    expect(drumUnit(hats(0, 0.25, 0.5, 0.75, 5 / 3), false)).toBe(GRID_UNIT.sixteenth);
    // Only eighths, or nothing: straight.
    expect(drumUnit(hats(0, 0.5, 1, 1.5), false)).toBe(GRID_UNIT.sixteenth);
    expect(drumUnit([], false)).toBe(GRID_UNIT.sixteenth);
    expect(drumUnit(hats(0, 2 / 3), true)).toBe(GRID_UNIT.compound);
  });

  it("is the style's where the style has one: funk straight, jazz swung", () => {
    expect(drumUnit(hats(0, 2 / 3, 1, 5 / 3), false, 'funk')).toBe(GRID_UNIT.sixteenth);
    expect(drumUnit(hats(0, 0.25, 0.75), false, 'jazz')).toBe(GRID_UNIT.triplet);
    expect(drumUnit(hats(0, 2 / 3, 1, 5 / 3), false, 'soul')).toBe(GRID_UNIT.triplet);
    expect(drumUnit(hats(0, 2 / 3), true, 'funk')).toBe(GRID_UNIT.compound);
  });
});

describe('swinging the eighths of a swung style', () => {
  it('moves off-beat eighths to the last triplet, and the notes that end there with them', () => {
    const ns = [
      note('melody', 72, 0, 0.5),
      note('melody', 74, 0.5, 1),
      note('bass', 36, 1, 2),
      note('drums', 42, 1.5, 1.6),
    ];
    const out = swingEighths(ns, 'jazz', false);
    expect(out.map((n) => [n.pitch, n.start, n.end])).toEqual([
      [72, 0, 2 / 3],
      [74, 2 / 3, 1],
      [36, 1, 2],
      [42, 5 / 3, 1.75], // a twelfth of a beat at least
    ]);
    expect(out.map((n) => n.by ?? null)).toEqual(['swing', 'swing', null, 'swing']);
    expect(out.map((n) => n.origin ?? null)).toEqual(['mended', 'mended', null, 'mended']);
  });

  it('leaves a beat with a sixteenth figure, other styles and compound meters as they are', () => {
    const sixteenths = [0, 0.25, 0.5, 0.75].map((t) => note('melody', 72, t, t + 0.25));
    expect(starts(swingEighths(sixteenths, 'blues', false))).toEqual([0, 0.25, 0.5, 0.75]);
    const eighths = [note('melody', 72, 0, 0.5), note('melody', 74, 0.5, 1)];
    expect(swingEighths(eighths, 'pop', false)).toEqual(eighths);
    expect(swingEighths(eighths, 'jazz', true)).toEqual(eighths);
    // Another role's sixteenths do not keep this role straight.
    const mixed = [...eighths, note('drums', 42, 0.25, 0.3)];
    expect(starts(swingEighths(mixed, 'jazz', false))).toEqual([0, 2 / 3, 0.25]);
    // A copy swings too (a returning section is played like the first) and stays a copy.
    const copy: Note = { ...note('melody', 74, 0.5, 1), origin: 'copy', by: 'repeat' };
    expect(swingEighths([copy], 'jazz', false)[0]).toMatchObject({
      start: 2 / 3,
      origin: 'copy',
      by: 'repeat',
    });
  });
});
