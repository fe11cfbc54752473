import { describe, expect, it } from 'vitest';
import type { Note } from '../../core/sequence';
import { beatsPerBar, isCompound, line, stacksByOnset } from '../../core/sequence';

describe('meters', () => {
  it('counts beats per bar in quarter notes and calls only x/8 meters in threes compound', () => {
    const meter = (numerator: number, denominator: number) => ({ numerator, denominator });
    expect(beatsPerBar(meter(4, 4))).toBe(4);
    expect(beatsPerBar(meter(6, 8))).toBe(3);
    for (const [n, d] of [
      [6, 8],
      [9, 8],
      [12, 8],
    ])
      expect(isCompound(meter(n, d))).toBe(true);
    for (const [n, d] of [
      [3, 4],
      [4, 4],
      [5, 8],
      [7, 8],
      [6, 4],
    ])
      expect(isCompound(meter(n, d))).toBe(false);
  });
});

describe('stacksByOnset', () => {
  const n = (pitch: number, start: number): Note => ({
    pitch,
    start,
    end: start + 1,
    velocity: 80,
    role: 'harmony',
    program: 0,
    isDrum: false,
  });

  it('groups notes struck together, in onset order, each group lowest pitch first', () => {
    const stacks = stacksByOnset([n(67, 1), n(60, 0), n(64, 1 + 1e-9), n(55, 1), n(72, 0)]);
    expect(stacks.map((s) => s.map((x) => [x.pitch, x.start]))).toEqual([
      [
        [60, 0],
        [72, 0],
      ],
      [
        [55, 1],
        [64, 1 + 1e-9],
        [67, 1],
      ],
    ]);
    expect(stacksByOnset([])).toEqual([]);
  });

  it("takes into a group the notes that start less than `within` after the group's first", () => {
    const notes = [n(60, 0), n(64, 0.03), n(67, 0.06), n(72, 0.1)];
    const pitches = (within?: number) => stacksByOnset(notes, within).map((s) => s.map((x) => x.pitch));
    expect(pitches()).toEqual([[60], [64], [67], [72]]);
    // Measured from the group's first note, not chained: 0.06 is not within 0.05 of 0, so it starts a group.
    expect(pitches(0.05)).toEqual([
      [60, 64],
      [67, 72],
    ]);
    expect(pitches(0.2)).toEqual([[60, 64, 67, 72]]);
  });
});

describe('line', () => {
  const n = (pitch: number, start: number, end = start + 1): Note => ({
    pitch,
    start,
    end,
    velocity: 80,
    role: 'melody',
    program: 0,
    isDrum: false,
  });

  it('keeps one note per onset, the highest or the lowest, in time order', () => {
    const notes = [n(76, 4), n(72, 0), n(69, 0), n(74, 2), n(71, 2), n(65, 4), n(77, 6)];
    expect(line(notes, true).map((x) => [x.start, x.pitch])).toEqual([
      [0, 72],
      [2, 74],
      [4, 76],
      [6, 77],
    ]);
    expect(line(notes, false).map((x) => [x.start, x.pitch])).toEqual([
      [0, 69],
      [2, 71],
      [4, 65],
      [6, 77],
    ]);
    expect(line([], true)).toEqual([]);
  });

  it('of equal pitches struck together keeps the last on top and the first at the bottom', () => {
    const first = n(60, 0, 1);
    const second = n(60, 0, 3);
    expect(line([first, second], true)[0]).toBe(second);
    expect(line([first, second], false)[0]).toBe(first);
  });
});
