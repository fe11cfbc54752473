/**
 * Losses and validation metrics of the generators: masked categorical cross-entropy per head (nats per
 * event), summed with weights for training.
 */
import * as tf from '@tensorflow/tfjs';
import { REST } from '../codec/events';
import type { Batch } from './batch';
import type { ModelConfig } from './config';
import type { Head } from './fields';
import { BAND_HEADS, BAND_INPUTS, EVENT_INPUTS, HEADS, NOTE_INPUTS } from './fields';

/** Loss weight per head. */
export const HEAD_WEIGHTS: Record<Head, number> = { pitch: 1, step: 1, duration: 1, velocity: 0.5 };

/** The heads of a generator in its output order. */
export function headsOf(config: ModelConfig): readonly Head[] {
  return config.architecture.kind === 'band-lstm' ? BAND_HEADS : HEADS;
}

/** Turns a batch into a generator's input tensors (caller disposes, or runs inside tf.tidy). */
export function batchInputs(b: Batch, config: ModelConfig): tf.Tensor[] {
  const ids = (x: Int32Array): tf.Tensor => tf.tensor2d(x, [b.size, b.time], 'int32');
  const cond = tf.tensor3d(b.cond, [b.size, b.time, config.conditioning.size]);
  if (config.architecture.kind !== 'band-lstm') return [...EVENT_INPUTS.map((k) => ids(b.inputs[k])), cond];
  const onset = config.architecture.onsetConditioning
    ? [tf.tensor3d(b.cond, [b.size, b.time, config.conditioning.size])]
    : [];
  return [
    ...BAND_INPUTS.map((k) => ids(b.inputs[k])),
    cond,
    ...NOTE_INPUTS.map((k) => ids(b.next[k])),
    ...onset,
  ];
}

function headNll(logits: tf.Tensor, target: Int32Array, b: Batch, vocab: number): tf.Tensor {
  const logp = tf.logSoftmax(logits);
  const onehot = tf.oneHot(tf.tensor2d(target, [b.size, b.time], 'int32'), vocab);
  return tf.neg(tf.sum(tf.mul(onehot, logp), -1));
}

/**
 * The weighted training loss of a batch: summed over heads, nats per real target divided by `denom`
 * (default: the batch's own events; a share of a larger batch passes the whole batch's count).
 */
export function eventLoss(model: tf.LayersModel, b: Batch, config: ModelConfig, denom = b.events): tf.Scalar {
  const outs = model.apply(batchInputs(b, config), { training: true }) as tf.Tensor[];
  const mask = tf.tensor2d(b.mask, [b.size, b.time]);
  const n = Math.max(1, denom);
  let total: tf.Tensor = tf.scalar(0);
  headsOf(config).forEach((h, i) => {
    const nll = headNll(outs[i], b.targets[h], b, config.vocab[h]);
    total = tf.add(total, tf.mul(HEAD_WEIGHTS[h] / n, tf.sum(tf.mul(nll, mask))));
  });
  return total as tf.Scalar;
}

/** Summed NLL per head over the note targets of a batch (rests left out), and their count. */
export function eventNllSums(
  model: tf.LayersModel,
  b: Batch,
  config: ModelConfig,
): { sums: Record<Head, number>; count: number } {
  return tf.tidy(() => {
    const outs = model.apply(batchInputs(b, config), { training: false }) as tf.Tensor[];
    const noteMask = new Float32Array(b.mask.length);
    let count = 0;
    for (let i = 0; i < noteMask.length; i++)
      if (b.mask[i] && b.targets.pitch[i] !== REST) {
        noteMask[i] = 1;
        count++;
      }
    const mask = tf.tensor2d(noteMask, [b.size, b.time]);
    const sums = {} as Record<Head, number>;
    headsOf(config).forEach((h, i) => {
      sums[h] = tf.sum(tf.mul(headNll(outs[i], b.targets[h], b, config.vocab[h]), mask)).dataSync()[0];
    });
    return { sums, count };
  });
}
