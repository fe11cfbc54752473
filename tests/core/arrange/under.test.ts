import { describe, expect, it } from 'vitest';
import { lowestSounding, octavesUnder } from '../../../core/arrange/under';
import { note } from '../../helpers/notes';

describe('lowestSounding', () => {
  it('reads the melody notes overlapping the span, not those that only touch its edges', () => {
    const melody = [note('melody', 60, 0, 1), note('melody', 67, 1, 2), note('melody', 64, 2, 3)];
    expect(lowestSounding(melody, 1, 2)).toBe(67);
    expect(lowestSounding(melody, 0.5, 2.5)).toBe(60);
    expect(lowestSounding(melody, 3, 4)).toBe(Infinity);
  });
});

describe('octavesUnder', () => {
  it('moves a pitch down by octaves under the ceiling, never below the floor', () => {
    expect(octavesUnder(76, 67, 48)).toBe(64);
    expect(octavesUnder(60, 67, 48)).toBe(60);
    expect(octavesUnder(59, 55, 48)).toBe(59); // B3 under G3 would pass C3: it stays
    expect(octavesUnder(72, Infinity, 48)).toBe(72);
  });
});
