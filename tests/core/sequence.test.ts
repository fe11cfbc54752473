import { describe, expect, it } from 'vitest';
import { beatsPerBar, isCompound } from '../../core/sequence';

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
