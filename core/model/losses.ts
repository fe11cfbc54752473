/**
 * Losses and validation metrics of the event LSTM: masked categorical cross-entropy per head (nats per
 * event), summed with weights for training.
 */
import * as tf from '@tensorflow/tfjs';
import { REST } from '../codec/events';
import type { Batch } from './data';
import type { Head } from './network';
import { EVENT_INPUTS, HEADS } from './network';

/** Loss weight per head. */
export const HEAD_WEIGHTS: Record<Head, number> = { pitch: 1, step: 1, duration: 1, velocity: 0.5 };

/** Turns a batch into the model's input tensors (caller disposes, or runs inside tf.tidy). */
export function batchInputs(b: Batch, condSize: number): tf.Tensor[] {
  return [
    ...EVENT_INPUTS.map((k) => tf.tensor2d(b.inputs[k], [b.size, b.time], 'int32')),
    tf.tensor3d(b.cond, [b.size, b.time, condSize]),
  ];
}

function headNll(logits: tf.Tensor, target: Int32Array, b: Batch, vocab: number): tf.Tensor {
  const logp = tf.logSoftmax(logits);
  const onehot = tf.oneHot(tf.tensor2d(target, [b.size, b.time], 'int32'), vocab);
  return tf.neg(tf.sum(tf.mul(onehot, logp), -1));
}

/** The weighted training loss of a batch (a scalar: mean nats per real target, summed over heads). */
export function eventLoss(
  model: tf.LayersModel,
  b: Batch,
  condSize: number,
  vocab: Record<Head, number>,
): tf.Scalar {
  const outs = model.apply(batchInputs(b, condSize), { training: true }) as tf.Tensor[];
  const mask = tf.tensor2d(b.mask, [b.size, b.time]);
  const denom = Math.max(1, b.events);
  let total: tf.Tensor = tf.scalar(0);
  HEADS.forEach((h, i) => {
    const nll = headNll(outs[i], b.targets[h], b, vocab[h]);
    total = tf.add(total, tf.mul(HEAD_WEIGHTS[h] / denom, tf.sum(tf.mul(nll, mask))));
  });
  return total as tf.Scalar;
}

/** Summed NLL per head over the note targets of a batch (rests left out), and their count. */
export function eventNllSums(
  model: tf.LayersModel,
  b: Batch,
  condSize: number,
  vocab: Record<Head, number>,
): { sums: Record<Head, number>; count: number } {
  return tf.tidy(() => {
    const outs = model.apply(batchInputs(b, condSize), { training: false }) as tf.Tensor[];
    const noteMask = new Float32Array(b.mask.length);
    let count = 0;
    for (let i = 0; i < noteMask.length; i++)
      if (b.mask[i] && b.targets.pitch[i] !== REST) {
        noteMask[i] = 1;
        count++;
      }
    const mask = tf.tensor2d(noteMask, [b.size, b.time]);
    const sums = {} as Record<Head, number>;
    HEADS.forEach((h, i) => {
      sums[h] = tf.sum(tf.mul(headNll(outs[i], b.targets[h], b, vocab[h]), mask)).dataSync()[0];
    });
    return { sums, count };
  });
}
