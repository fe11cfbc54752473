/**
 * Helpers of `bench/model.ts`: the cost of generation on the panel's path (plain-TypeScript steppers, three
 * roles stepped together) for several models in one run, and the full band's with and without a model's
 * style guidance, rounds interleaved so that the machine's load falls on all of them.
 */
import * as tf from '@tensorflow/tfjs';
import { basicProgression } from '../../core/arrange/progression';
import type { Conditioning } from '../../core/conditioning';
import { defaultConditioning } from '../../core/conditioning';
import type { ModelConfig } from '../../core/model/config';
import { generateRoles } from '../../core/model/generate';
import { saveModel } from '../../core/model/io';
import { buildNetwork } from '../../core/model/network';
import type { RolePriors } from '../../core/model/priors';
import { roleConditioning } from '../../core/model/priors';
import type { ModelParts } from '../../core/model/read';
import { readModelParts } from '../../core/model/read';
import type { Stepper } from '../../core/model/step';
import { MusicModel } from '../../core/model/model';
import type { FileLoader } from '../../core/model/read';
import { seededRandom } from '../../core/random';
import { folderLoader } from '../../cli/model-files';
import type { Role } from '../../core/sequence';

/** A model's parts with random weights (seed 1) of a configuration. */
export async function randomParts(config: ModelConfig): Promise<ModelParts> {
  const net = buildNetwork(config, 1);
  const files = await saveModel(net, config);
  net.dispose();
  return readModelParts(async (name) => files[name as keyof typeof files]);
}

/** Counts the steps (active lanes) a stepper runs. */
class Counting implements Stepper {
  steps = 0;
  constructor(private readonly inner: Stepper) {}
  get config(): ModelConfig {
    return this.inner.config;
  }
  reset(lanes?: number): void {
    this.inner.reset(lanes);
  }
  heads(...args: Parameters<Stepper['heads']>): ReturnType<Stepper['heads']> {
    this.steps += args[0].filter(Boolean).length;
    return this.inner.heads(...args);
  }
}

const ROLES: Role[] = ['melody', 'harmony', 'bass'];

/** Milliseconds per generated note and per step of each model (name, stepper, priors). */
export async function compareSpeed(
  models: [string, Stepper, RolePriors][],
  rounds = 3,
  pieces = 8,
): Promise<{ name: string; msPerNote: number; msPerStep: number; notes: number; steps: number }[]> {
  await tf.ready();
  const totals = models.map(([name, stepper]) => ({
    name,
    ms: 0,
    notes: 0,
    counting: new Counting(stepper),
  }));
  for (let r = 0; r <= rounds; r++)
    models.forEach(([, , priors], m) => {
      const t = totals[m];
      const steps0 = t.counting.steps;
      const t0 = performance.now();
      let notes = 0;
      for (let i = 0; i < pieces; i++) {
        const c: Conditioning = {
          ...defaultConditioning(),
          key: { tonic: i % 12, mode: 'major' },
          roles: ROLES,
        };
        const written = generateRoles(
          t.counting,
          ROLES.map((role) => ({
            role,
            conditioning: roleConditioning(c, role, priors),
            beats: 64,
            chords: basicProgression(c, 64),
            temperature: 0.9,
          })),
          seededRandom(i + 1),
        );
        notes += written.reduce((s, w) => s + w.length, 0);
      }
      if (r === 0) {
        t.counting.steps = steps0; // the first round warms the JIT up
        return;
      }
      t.ms += performance.now() - t0;
      t.notes += notes;
    });
  return totals.map((t) => ({
    name: t.name,
    msPerNote: t.ms / t.notes,
    msPerStep: t.ms / t.counting.steps,
    notes: t.notes,
    steps: t.counting.steps,
  }));
}

/** `loader`, with `config.json`'s style guidance removed (the same weights, unguided). */
function withoutGuidance(loader: FileLoader): FileLoader {
  return async (name) => {
    const bytes = await loader(name);
    if (name !== 'config.json') return bytes;
    const config = JSON.parse(new TextDecoder().decode(bytes)) as ModelConfig;
    if (config.sampling) delete config.sampling.guidance;
    return new TextEncoder().encode(JSON.stringify(config));
  };
}

/**
 * Milliseconds per event of the full band (melody, harmony, bass and drums, 64 beats) on the panel's path
 * (`MusicModel.generate`), with the model's style guidance and without it (the same weights), rounds
 * interleaved; prints both and their ratio and returns the guided figure.
 */
export async function fullBandSpeed(model: MusicModel, dir: string, rounds = 3, pieces = 8): Promise<number> {
  const plain = await MusicModel.load(withoutGuidance(folderLoader(dir)));
  const band: Role[] = ['melody', 'harmony', 'bass', 'drums'];
  const totals = [model, plain].map(() => ({ ms: 0, events: 0 }));
  for (let r = 0; r <= rounds; r++)
    [model, plain].forEach((m, k) => {
      const t0 = performance.now();
      let events = 0;
      for (let i = 0; i < pieces; i++) {
        const c: Conditioning = { ...defaultConditioning(), style: 'funk', roles: band };
        events += m.generate({ conditioning: c, beats: 64, chords: basicProgression(c, 64), seed: i + 1 })
          .notes.length;
      }
      if (r === 0) return; // the first round warms the JIT up
      totals[k].ms += performance.now() - t0;
      totals[k].events += events;
    });
  plain.dispose();
  const [guided, unguided] = totals.map((t) => t.ms / t.events);
  console.log(
    `Full band (drums too), ${totals[0].events} events: ${guided.toFixed(3)} ms per event with the model's style guidance, ${unguided.toFixed(3)} without (x${(guided / unguided).toFixed(2)})`,
  );
  return guided;
}
