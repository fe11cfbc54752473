/**
 * The figures the README and the model card quote, kept true: each is computed here on a small fixed set
 * (the same code `scripts/check-arrangement.ts` runs over 100 pieces) and must meet its target, so a change
 * that breaks one fails the suite. No wall-clock time is measured.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderLoader, loadModel } from '../../../cli/model-files';
import { compose } from '../../../core/compose';
import { consistencyFigures, moodFigures, statedFigures, TARGETS } from '../../../core/eval/acceptance';
import { missedTargets } from '../../../core/eval/acceptance-rows';
import { checkEmotionClassifier } from '../../../core/eval/emotion/model';
import { readModelFiles } from '../../../core/model/io';
import type { MusicModel } from '../../../core/model/model';
import { stepperGraphDifference } from '../../helpers/stepper';
import { EXPLICIT, MOOD } from '../embed/prompts.table';

let model: MusicModel;
beforeAll(async () => {
  model = await loadModel('assets/model');
});
afterAll(() => model.dispose());

/** Every k-th case, so that the small set spans the table. */
const spread = <T>(xs: readonly T[], n: number): T[] =>
  Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]);

describe('targets', () => {
  it('names exactly the figures below their targets, each way round', () => {
    const consistency = {
      pieces: 2,
      scale: { melody: [1, 0.98], harmony: [0.9, 0.92], bass: [1] },
      drums: [1],
      strongBeats: 100,
      clashes: 3,
    };
    const missed = missedTargets({ consistency });
    expect(missed).toHaveLength(2);
    expect(missed[0]).toMatch(/^scale consistency, harmony: 0\.910 \(target >= 0\.95\)$/);
    expect(missed[1]).toMatch(/^strong beats with a minor-second clash: 0\.030 \(target <= 0\.02\)$/);
    expect(
      missedTargets({
        consistency: { ...consistency, clashes: 2, scale: { ...consistency.scale, harmony: [0.95] } },
      }),
    ).toEqual([]);
  });
});

describe('the figures the README and the model card quote', () => {
  it('scale and drum-pattern consistency and clashes meet their targets (12 pieces)', () => {
    const prompts = spread(MOOD, 12).map((m) => m.prompt);
    const c = consistencyFigures(
      model,
      prompts,
      prompts.map((_, i) => 1000 + i),
    );
    expect(c.drums.length).toBeGreaterThan(0);
    expect(missedTargets({ consistency: c })).toEqual([]);
  });

  it('stated tempos are written exactly and stated keys heard by the independent finder (12 prompts)', () => {
    const cases = spread(
      EXPLICIT.filter((c) => typeof c.tempo === 'number' || c.key),
      12,
    ).map((c) => ({
      prompt: c.prompt,
      tempo: typeof c.tempo === 'number' ? c.tempo : undefined,
      key: c.key,
    }));
    const s = statedFigures(model, cases, 500);
    expect(s.tempoAsked).toBeGreaterThan(2);
    expect(s.keyAsked).toBeGreaterThan(2);
    expect(missedTargets({ stated: s })).toEqual([]);
  });

  it('mood: arousal moves tempo and density, valence the mode (16 prompts)', () => {
    const cases = (['++', '+-', '-+', '--'] as const).flatMap((q) =>
      spread(
        MOOD.filter((m) => m.quadrant === q),
        4,
      ),
    );
    const m = moodFigures(model, cases, 2000);
    expect(m.groups.highArousal.pieces).toBe(8);
    expect(missedTargets({ mood: m })).toEqual([]);
  });

  it('every note the arranger writes says where it came from; with the rules off, all are the model’s', () => {
    const full = compose(model, { prompt: 'Upbeat tech launch, synths and drums, in E minor', seed: 3 });
    expect(full.sequence.notes.every((n) => n.origin !== undefined)).toBe(true);
    expect(new Set(full.sequence.notes.map((n) => n.origin))).toEqual(
      new Set(['model', 'copy', 'rule', 'mended']),
    );
    const off = compose(model, {
      prompt: 'Upbeat tech launch, synths and drums, in E minor',
      seed: 3,
      rules: false,
    });
    expect(off.sequence.notes.every((n) => n.origin === 'model' && n.by === undefined)).toBe(true);
    expect(off.sequence.meta).toMatchObject({ rules: false, keyRetry: false });
  });

  it('the plain-TypeScript stepper equals the tf.layers graph on the shipped weights within 1e-5', async () => {
    await tf.setBackend('cpu');
    const diff = await stepperGraphDifference(await readModelFiles(folderLoader('assets/model')), 24, 12);
    expect(diff).toBeLessThan(1e-5);
  });

  it("the emotion classifier's accuracy meets its target, agrees with its confusion matrices, and is the one quoted", () => {
    const c = checkEmotionClassifier(JSON.parse(readFileSync('assets/eval/emotion.json', 'utf8')));
    const quoted = readFileSync('assets/model/README.md', 'utf8');
    for (const s of [c.training.test, c.training.holdout!]) {
      const total = s.confusion.flat().reduce((a, b) => a + b, 0);
      const right = s.confusion.reduce((a, row, i) => a + row[i], 0);
      expect(total).toBe(s.clips);
      expect(right / total).toBeCloseTo(s.accuracy, 12);
      expect(s.accuracy).toBeGreaterThanOrEqual(TARGETS.classifierAccuracy);
      expect(quoted).toContain(`${(100 * s.accuracy).toFixed(1)}% on ${s.clips}`);
    }
  });
});
