import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConditioning } from '../../../core/conditioning';
import type { ChordSpan } from '../../../core/features/chords';
import { MELODY_FLOOR } from '../../../core/model/generate';
import { MusicModel } from '../../../core/model/model';
import { memoryLoader, tinyModelFiles } from '../../fixtures/tiny-model';

let model: MusicModel;
beforeAll(async () => {
  await tf.setBackend('cpu');
  model = await MusicModel.load(memoryLoader(await tinyModelFiles()));
});

// A minor: A natural minor's scale, and the chord tones of E major (G#, the leading tone).
const A_MINOR = [9, 11, 0, 2, 4, 5, 7];
const CHORDS: ChordSpan[] = [
  { root: 9, quality: 'min', start: 0, end: 16 },
  { root: 4, quality: 'maj', start: 16, end: 32 },
];

describe('the scale bias under the chord', () => {
  it("lets a minor key's V chord sound its leading tone, and only there", () => {
    const conditioning = { ...defaultConditioning(), key: { tonic: 9, mode: 'minor' as const } };
    const notes = [1, 2, 3].flatMap(
      (seed) =>
        model.generate({
          conditioning,
          beats: 32,
          seed,
          chords: CHORDS,
          scaleBias: -Infinity,
          roles: ['melody', 'harmony', 'bass'],
        }).notes,
    );
    const underI = notes.filter((n) => n.start < 16);
    const underV = notes.filter((n) => n.start >= 16);
    expect(underI.length).toBeGreaterThan(20);
    expect(underV.length).toBeGreaterThan(20);
    for (const n of underI) expect(A_MINOR).toContain(n.pitch % 12);
    for (const n of underV) expect([...A_MINOR, 8]).toContain(n.pitch % 12);
    expect(underV.some((n) => n.pitch % 12 === 8)).toBe(true);
  });
});

describe('the melody floor', () => {
  const write = (rules: boolean) =>
    [1, 2, 3].flatMap(
      (seed) =>
        model.generate({
          conditioning: { ...defaultConditioning(), register: 0 },
          beats: 32,
          seed,
          rules,
          roles: ['melody'],
        }).notes,
    );

  it('keeps a melody at or above G3 under the rules, and leaves the model alone without them', () => {
    const ruled = write(true);
    expect(ruled.length).toBeGreaterThan(20);
    expect(Math.min(...ruled.map((n) => n.pitch))).toBeGreaterThanOrEqual(MELODY_FLOOR);
    expect(write(false).some((n) => n.pitch < MELODY_FLOOR)).toBe(true);
  });
});
