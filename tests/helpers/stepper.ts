/**
 * The plain-TypeScript stepper against the tf.layers graph of the same weights, for either generator:
 * random inputs for T steps, the graph run over the whole sequence, the stepper one step at a time (its
 * heads read with the same next-onset fields); returns the largest difference of any logit.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../core/model/config';
import { BAND_INPUTS, EVENT_INPUTS, NOTE_INPUTS } from '../../core/model/fields';
import type { Head } from '../../core/model/fields';
import { headsOf } from '../../core/model/losses';
import type { Stepper, StepInput } from '../../core/model/step';
import type { Random } from '../../core/random';
import { seededRandom } from '../../core/random';
import { createStepper } from '../../core/model/band-step';
import type { LoadedArtifacts } from '../../core/model/io';
import { toLayersModel, weightArrays } from '../../core/model/io';

/** Largest |stepper - graph| over every head's logits at every one of `T` steps. */
export function stepperGraphDiff(
  graph: tf.LayersModel,
  stepper: Stepper,
  config: ModelConfig,
  rng: Random,
  T = 40,
): number {
  const band = config.architecture.kind === 'band-lstm';
  const vocab = config.vocab as Record<string, number>;
  const draw = (k: string): Int32Array => Int32Array.from({ length: T }, () => Math.floor(rng() * vocab[k]));
  const inputs = band ? BAND_INPUTS : EVENT_INPUTS;
  const ids = Object.fromEntries(inputs.map((k) => [k, draw(k)]));
  const next = Object.fromEntries(NOTE_INPUTS.map((k) => [k, draw(k)]));
  const size = config.conditioning.size;
  const cond = Float32Array.from({ length: size }, () => rng() * 2 - 1);
  // The conditioning at the new onset (a band LSTM's heads may read it): another vector.
  const nextCond = Float32Array.from({ length: size }, () => rng() * 2 - 1);
  const condSeq = new Float32Array(T * size);
  const nextSeq = new Float32Array(T * size);
  for (let t = 0; t < T; t++) {
    condSeq.set(cond, t * size);
    nextSeq.set(nextCond, t * size);
  }
  const outs = tf.tidy(() => {
    const row = (x: Int32Array): tf.Tensor => tf.tensor2d(x, [1, T], 'int32');
    const xs = [...inputs.map((k) => row(ids[k])), tf.tensor3d(condSeq, [1, T, size])];
    if (band) xs.push(...NOTE_INPUTS.map((k) => row(next[k])));
    if (config.architecture.kind === 'band-lstm' && config.architecture.onsetConditioning)
      xs.push(tf.tensor3d(nextSeq, [1, T, size]));
    return (graph.predict(xs) as tf.Tensor[]).map((o) => o.arraySync() as number[][][]);
  });
  const order = headsOf(config);
  let maxDiff = 0;
  stepper.reset();
  for (let t = 0; t < T; t++) {
    const input = Object.fromEntries(inputs.map((k) => [k, ids[k][t]])) as StepInput;
    const heads = stepper.heads([input], [cond])[0]!;
    const onset = { step: next.step[t], chord: next.chord[t], position: next.position[t], cond: nextCond };
    const note = heads.note(onset, next.pitch[t]);
    const logits: Record<Head, Float64Array> = { step: heads.step, pitch: heads.pitch(onset), ...note };
    order.forEach((h, i) =>
      logits[h].forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - outs[i][0][t][j])))),
    );
  }
  return maxDiff;
}

/**
 * {@link stepperGraphDiff} for a loaded model (either generator): its graph against its plain-TypeScript
 * stepper over `steps` steps of inputs drawn from `seed`.
 */
export async function stepperGraphDifference(
  loaded: LoadedArtifacts,
  steps: number,
  seed: number,
): Promise<number> {
  const graph = await toLayersModel(loaded);
  try {
    return stepperGraphDiff(
      graph,
      createStepper(loaded.config, weightArrays(loaded)),
      loaded.config,
      seededRandom(seed),
      steps,
    );
  } finally {
    graph.dispose();
  }
}
