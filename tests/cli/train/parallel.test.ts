import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GradientPool } from '../../../cli/train/parallel';
import { useNodeBackend } from '../../../cli/backend';
import { makeBatch, splitBatch, windows } from '../../../core/model/batch';
import type { Stream } from '../../../core/model/data';
import { EVENT_INPUTS } from '../../../core/model/fields';
import { eventLoss } from '../../../core/model/losses';
import { buildNetwork } from '../../../core/model/network';
import { localGradients } from '../../../core/model/train';
import { seededRandom } from '../../../core/random';
import { tinyConfig } from '../../fixtures/tiny-model';

/** Random streams of the shapes the scanner gives. */
function streams(n: number, seed: number): Stream[] {
  const rng = seededRandom(seed);
  const config = tinyConfig();
  return Array.from({ length: n }, (_, i) => {
    const length = 5 + Math.floor(rng() * 30);
    const cols = Object.fromEntries(
      EVENT_INPUTS.map((k) => [
        k,
        Int32Array.from({ length }, () => Math.floor(rng() * (config.vocab as Record<string, number>)[k])),
      ]),
    ) as Stream['cols'];
    const cond = Float32Array.from({ length: config.conditioning.size }, () => rng());
    // `family`: one per column, as the scanner's family-aware shards give it.
    const family = Int32Array.from({ length }, () => Math.floor(rng() * 16));
    return {
      id: `s${i}`,
      role: ['melody', 'bass'][i % 2],
      cols,
      cond,
      tempo: 100,
      shift: 0,
      length,
      family,
    } as Stream;
  });
}

let pool: GradientPool;
beforeAll(async () => {
  await useNodeBackend();
  pool = await GradientPool.start(tinyConfig(), 2);
}, 120_000);
afterAll(() => pool?.close());

describe('data-parallel gradients', () => {
  it('splits a batch into parts whose losses add up to the whole batch', () => {
    const s = streams(12, 1);
    const b = makeBatch(s, windows(s, 8).slice(0, 12), 8, tinyConfig().conditioning.size);
    const parts = splitBatch(b, 3);
    expect(parts.map((p) => p.size)).toEqual([4, 4, 4]);
    expect(parts.reduce((n, p) => n + p.events, 0)).toBe(b.events);
    const model = buildNetwork(tinyConfig(), 2);
    const whole = tf.tidy(() => eventLoss(model, b, tinyConfig()).dataSync()[0]);
    const sum = parts.reduce(
      (t, p) => t + tf.tidy(() => eventLoss(model, p, tinyConfig(), b.events).dataSync()[0]),
      0,
    );
    expect(Math.abs(sum - whole)).toBeLessThan(1e-4);
    model.dispose();
  });

  it('gives the gradients of one thread, from a worker holding the current weights', async () => {
    const config = tinyConfig();
    const s = streams(10, 2);
    const b = makeBatch(s, windows(s, 8).slice(0, 8), 8, config.conditioning.size);
    const model = buildNetwork(config, 5);
    const before = tf.memory().numTensors;
    const local = localGradients(() => eventLoss(model, b, config));
    tf.dispose((await pool.gradients(model, b)).grads);
    const inWorker = await pool.workerTensors();
    const shared = await pool.gradients(model, b);
    expect(await pool.workerTensors()).toEqual(inWorker);
    expect(Math.abs(shared.loss - local.loss)).toBeLessThan(1e-4);
    let max = 0;
    for (const [name, g] of Object.entries(local.grads)) {
      const a = g.dataSync();
      const c = shared.grads[name].dataSync();
      for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - c[i]));
    }
    expect(max).toBeLessThan(1e-5);
    expect(max).toBeGreaterThan(0); // two halves summed: not the same float sums as one pass
    tf.dispose([local.grads, shared.grads]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  }, 60_000);
});
