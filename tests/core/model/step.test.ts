import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readModelFiles, toLayersModel, weightArrays } from '../../../core/model/io';
import { EVENT_INPUTS, HEADS } from '../../../core/model/network';
import { EventLstmStepper } from '../../../core/model/step';
import { seededRandom } from '../../../core/random';
import { memoryLoader, tinyModelFiles } from '../../fixtures/tiny-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('plain-TypeScript stepper', () => {
  it('matches the tf.layers training graph within 1e-5 at every step', async () => {
    const loaded = await readModelFiles(memoryLoader(await tinyModelFiles()));
    const model = await toLayersModel(loaded);
    const stepper = new EventLstmStepper(loaded.config, weightArrays(loaded));
    const T = 40;
    const rng = seededRandom(9);
    const ids = Object.fromEntries(
      EVENT_INPUTS.map((k) => [
        k,
        Int32Array.from({ length: T }, () => Math.floor(rng() * loaded.config.vocab[k])),
      ]),
    );
    const size = loaded.config.conditioning.size;
    const cond = Float32Array.from({ length: size }, () => rng() * 2 - 1);
    const condSeq = new Float32Array(T * size);
    for (let t = 0; t < T; t++) condSeq.set(cond, t * size);
    const outs = tf.tidy(() => {
      const inputs = [
        ...EVENT_INPUTS.map((k) => tf.tensor2d(ids[k], [1, T], 'int32')),
        tf.tensor3d(condSeq, [1, T, size]),
      ];
      return (model.predict(inputs) as tf.Tensor[]).map((o) => o.arraySync() as number[][][]);
    });
    let maxDiff = 0;
    for (let t = 0; t < T; t++) {
      const logits = stepper.step(Object.fromEntries(EVENT_INPUTS.map((k) => [k, ids[k][t]])) as never, cond);
      HEADS.forEach((h, i) => {
        logits[h].forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - outs[i][0][t][j]))));
      });
    }
    expect(maxDiff).toBeLessThan(1e-5);
    expect(maxDiff).toBeGreaterThan(0); // float32 graph vs float64 steps: not the same code path
    model.dispose();
  });

  it('starts again from a zero state after reset', async () => {
    const loaded = await readModelFiles(memoryLoader(await tinyModelFiles()));
    const stepper = new EventLstmStepper(loaded.config, weightArrays(loaded));
    const input = { pitch: 60, step: 3, duration: 6, velocity: 8, role: 0, chord: 1, position: 0 };
    const cond = new Float32Array(loaded.config.conditioning.size).fill(0.2);
    const first = stepper.step(input, cond).pitch.slice();
    const second = stepper.step(input, cond).pitch.slice();
    stepper.reset();
    expect(Array.from(stepper.step(input, cond).pitch)).toEqual(Array.from(first));
    expect(Array.from(second)).not.toEqual(Array.from(first));
  });

  it('gives every lane of a batched step the same logits as a lone step', async () => {
    const loaded = await readModelFiles(memoryLoader(await tinyModelFiles()));
    const batched = new EventLstmStepper(loaded.config, weightArrays(loaded));
    const alone = new EventLstmStepper(loaded.config, weightArrays(loaded));
    const rng = seededRandom(4);
    const size = loaded.config.conditioning.size;
    for (const lanes of [2, 3, 4, 5]) {
      const conds = Array.from({ length: lanes }, () =>
        Float32Array.from({ length: size }, () => rng() * 2 - 1),
      );
      const inputs = Array.from({ length: 12 }, () =>
        Array.from(
          { length: lanes },
          () =>
            Object.fromEntries(
              EVENT_INPUTS.map((k) => [k, Math.floor(rng() * loaded.config.vocab[k])]),
            ) as never,
        ),
      );
      batched.reset(lanes);
      const together = inputs.map((row, t) =>
        batched.stepLanes(
          row.map((x, l) => (t > 6 && l === 1 ? null : x)),
          conds,
        ),
      );
      for (let l = 0; l < lanes; l++) {
        alone.reset();
        inputs.forEach((row, t) => {
          if (t > 6 && l === 1) return;
          const lone = alone.step(row[l], conds[l]);
          for (const h of HEADS)
            lone[h].forEach((v, j) => expect(Math.abs(v - together[t][l]![h][j])).toBeLessThan(1e-12));
        });
      }
    }
  });
});
