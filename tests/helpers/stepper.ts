/**
 * The plain-TypeScript stepper against the tf.layers graph it replaces: both fed the same random inputs
 * for `steps` steps, the largest difference of any logit.
 */
import * as tf from '@tensorflow/tfjs';
import type { LoadedArtifacts } from '../../core/model/io';
import { toLayersModel, weightArrays } from '../../core/model/io';
import { EVENT_INPUTS, HEADS } from '../../core/model/network';
import { EventLstmStepper } from '../../core/model/step';
import { seededRandom } from '../../core/random';

/** Largest |stepper logit - graph logit| over `steps` steps of seeded random inputs. */
export async function stepperGraphDifference(
  loaded: LoadedArtifacts,
  steps: number,
  seed: number,
): Promise<number> {
  const model = await toLayersModel(loaded);
  const stepper = new EventLstmStepper(loaded.config, weightArrays(loaded));
  const rng = seededRandom(seed);
  const ids = Object.fromEntries(
    EVENT_INPUTS.map((k) => [
      k,
      Int32Array.from({ length: steps }, () => Math.floor(rng() * loaded.config.vocab[k])),
    ]),
  );
  const size = loaded.config.conditioning.size;
  const cond = Float32Array.from({ length: size }, () => rng() * 2 - 1);
  const condSeq = new Float32Array(steps * size);
  for (let t = 0; t < steps; t++) condSeq.set(cond, t * size);
  const outs = tf.tidy(() => {
    const inputs = [
      ...EVENT_INPUTS.map((k) => tf.tensor2d(ids[k], [1, steps], 'int32')),
      tf.tensor3d(condSeq, [1, steps, size]),
    ];
    return (model.predict(inputs) as tf.Tensor[]).map((o) => o.arraySync() as number[][][]);
  });
  let maxDiff = 0;
  for (let t = 0; t < steps; t++) {
    const logits = stepper.step(Object.fromEntries(EVENT_INPUTS.map((k) => [k, ids[k][t]])) as never, cond);
    HEADS.forEach((h, i) => {
      logits[h].forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - outs[i][0][t][j]))));
    });
  }
  model.dispose();
  return maxDiff;
}
