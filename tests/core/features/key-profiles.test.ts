import { describe, expect, it } from 'vitest';
import { findKey, pitchClassHistogram } from '../../../core/features/key';
import {
  AARDEN_MAJOR,
  AARDEN_MINOR,
  findKeyAardenOfHistogram,
  findKeyIndependent,
} from '../../../core/features/key-profiles';
import type { Note } from '../../../core/sequence';

const note = (pitch: number, start: number, end = start + 1, isDrum = false): Note => ({
  pitch,
  start,
  end,
  velocity: 80,
  role: 'harmony',
  program: 0,
  isDrum,
});

/** Four bars of I-IV-V-I (i-iv-V-i in minor, with the leading tone) as block chords, one a bar. */
function cadence(tonic: number, mode: 'major' | 'minor'): Note[] {
  const third = mode === 'major' ? 4 : 3;
  const chords = [
    [0, third, 7],
    [5, 5 + third, 12],
    [7, 11, 14],
    [0, third, 7],
  ];
  return chords.flatMap((c, bar) => c.map((i) => note(48 + tonic + i, bar * 4, bar * 4 + 4)));
}

describe('the independent key finder (Aarden-Essen profiles)', () => {
  it('hears every major and minor key in a cadence', () => {
    for (let tonic = 0; tonic < 12; tonic++)
      for (const mode of ['major', 'minor'] as const)
        expect(findKeyIndependent(cadence(tonic, mode)), `${tonic} ${mode}`).toMatchObject({ tonic, mode });
  });

  it('scores each key by the correlation of its rotated profile with the histogram', () => {
    // The profiles themselves, as histograms, are their own keys with correlation 1.
    expect(findKeyAardenOfHistogram(AARDEN_MAJOR)).toEqual({ tonic: 0, mode: 'major', score: 1 });
    const dMinor = AARDEN_MINOR.map((_, i) => AARDEN_MINOR[(i - 2 + 12) % 12]);
    const k = findKeyAardenOfHistogram(dMinor);
    expect(k).toMatchObject({ tonic: 2, mode: 'minor' });
    expect(k.score).toBeCloseTo(1, 12);
  });

  it('is not the finder generation uses: natural-minor material can read differently', () => {
    // A minor melody on the natural minor with the b7 stressed and no leading tone.
    const line = [69, 72, 76, 79, 77, 76, 74, 72, 71, 69, 67, 67, 69].map((p, i) =>
      note(p, i, i + (p === 67 ? 2 : 1)),
    );
    const h = pitchClassHistogram(line);
    expect(findKeyIndependent(line)).toEqual(findKeyAardenOfHistogram(h));
    expect(findKey(line)).not.toBe(findKeyIndependent(line));
  });

  it('gives C major with score 0 when there is nothing pitched', () => {
    expect(findKeyIndependent([])).toEqual({ tonic: 0, mode: 'major', score: 0 });
    expect(findKeyIndependent([note(36, 0, 1, true)])).toEqual({ tonic: 0, mode: 'major', score: 0 });
  });
});
