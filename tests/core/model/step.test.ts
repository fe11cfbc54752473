import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readModelFiles, weightArrays } from '../../../core/model/io';
import { EVENT_INPUTS, HEADS } from '../../../core/model/network';
import { EventLstmStepper } from '../../../core/model/step';
import { seededRandom } from '../../../core/random';
import { memoryLoader, tinyModelFiles } from '../../fixtures/tiny-model';
import { stepperGraphDifference } from '../../helpers/stepper';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('plain-TypeScript stepper', () => {
  it('matches the tf.layers training graph within 1e-5 at every step', async () => {
    const maxDiff = await stepperGraphDifference(
      await readModelFiles(memoryLoader(await tinyModelFiles())),
      40,
      9,
    );
    expect(maxDiff).toBeLessThan(1e-5);
    expect(maxDiff).toBeGreaterThan(0); // float32 graph vs float64 steps: not the same code path
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
