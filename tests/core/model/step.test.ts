import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStepper } from '../../../core/model/band-step';
import type { ModelConfig } from '../../../core/model/config';
import { readModelFiles, toLayersModel, weightArrays } from '../../../core/model/io';
import { EVENT_INPUTS, HEADS } from '../../../core/model/network';
import { EventLstmStepper } from '../../../core/model/step';
import type { FileLoader } from '../../../core/model/read';
import { seededRandom } from '../../../core/random';
import { stepperGraphDiff } from '../../helpers/stepper';
import { memoryLoader, tinyConfig, tinyEventConfig, tinyModelFiles } from '../../fixtures/tiny-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function diff(loader: FileLoader, seed: number, T = 40): Promise<number> {
  const loaded = await readModelFiles(loader);
  const graph = await toLayersModel(loaded);
  const d = stepperGraphDiff(
    graph,
    createStepper(loaded.config, weightArrays(loaded)),
    loaded.config,
    seededRandom(seed),
    T,
  );
  graph.dispose();
  return d;
}

/** The tiny band LSTM with other options. */
const bandWith = (o: { onsetConditioning?: boolean; previousPitch?: boolean }) => (): ModelConfig => {
  const c = tinyConfig();
  return { ...c, architecture: { ...c.architecture, ...o } as ModelConfig['architecture'] };
};

const kinds: [string, () => ModelConfig][] = [
  ['band LSTM (heads reading the onset and its conditioning)', tinyConfig],
  ['band LSTM, heads without the conditioning', bandWith({ onsetConditioning: false })],
  ['band LSTM, pitch head reading the previous pitch too', bandWith({ previousPitch: true })],
  ['event LSTM (the first model)', tinyEventConfig],
];

describe('plain-TypeScript stepper', () => {
  for (const [name, config] of kinds)
    it(`matches the tf.layers graph within 1e-5 at every step: ${name}`, async () => {
      for (const seed of [3, 4]) {
        const d = await diff(memoryLoader(await tinyModelFiles(seed, config())), seed + 6);
        expect(d).toBeLessThan(1e-5);
        expect(d).toBeGreaterThan(0); // float32 graph vs float64 steps: not the same code path
      }
    });

  it('matches the graph on the shipped weights', async () => {
    const loader: FileLoader = async (name) => new Uint8Array(await readFile(`assets/model/${name}`));
    expect(await diff(loader, 11, 24)).toBeLessThan(1e-5);
  }, 60_000);

  it('starts again from a zero state after reset', async () => {
    for (const config of [tinyConfig(), tinyEventConfig()]) {
      const loaded = await readModelFiles(memoryLoader(await tinyModelFiles(3, config)));
      const stepper = createStepper(loaded.config, weightArrays(loaded));
      const input = {
        pitch: 60,
        step: 3,
        duration: 6,
        velocity: 8,
        role: 0,
        chord: 1,
        position: 0,
        family: 2,
      };
      const cond = new Float32Array(loaded.config.conditioning.size).fill(0.2);
      const onset = { step: 3, chord: 5, position: 6 };
      const run = (): Float64Array => stepper.heads([input], [cond])[0]!.pitch(onset).slice();
      const first = run();
      const second = run();
      stepper.reset();
      expect(Array.from(run())).toEqual(Array.from(first));
      expect(Array.from(second)).not.toEqual(Array.from(first));
    }
  });

  it('reads the new onset in the band LSTM pitch head, and not in the event LSTM', async () => {
    const input = { pitch: 60, step: 3, duration: 6, velocity: 8, role: 0, chord: 1, position: 0, family: 2 };
    for (const [config, changes] of [
      [tinyConfig(), true],
      [tinyEventConfig(), false],
    ] as const) {
      const loaded = await readModelFiles(memoryLoader(await tinyModelFiles(3, config)));
      const heads = createStepper(loaded.config, weightArrays(loaded)).heads(
        [input],
        [new Float32Array(loaded.config.conditioning.size)],
      )[0]!;
      const a = Array.from(heads.pitch({ step: 3, chord: 1, position: 3 }));
      const b = Array.from(heads.pitch({ step: 3, chord: 30, position: 3 }));
      expect(a.some((v, i) => v !== b[i])).toBe(changes);
    }
  });

  it('gives every lane of a batched step the same logits as a lone step', async () => {
    const loaded = await readModelFiles(memoryLoader(await tinyModelFiles(3, tinyEventConfig())));
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
