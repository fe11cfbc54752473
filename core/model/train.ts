/**
 * The training loop, host-free: batches arrive as an async iterable per epoch; validation, checkpoints
 * and progress go through callbacks that the host supplies. Gradients are clipped by global norm; early
 * stopping watches the validation loss.
 */
import * as tf from '@tensorflow/tfjs';

/** Progress of one batch. */
export interface BatchReport {
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
  events: number;
}

/** What the loop reports at the end of an epoch. */
export interface EpochReport {
  epoch: number;
  trainLoss: number;
  validLoss: number;
  metrics: Record<string, number>;
  eventsPerSecond: number;
  seconds: number;
  best: boolean;
}

/** Options of {@link trainLoop}. */
export interface TrainLoopOptions<B> {
  model: tf.LayersModel;
  optimizer: tf.Optimizer;
  /** The loss of a batch (called inside a gradient tape). */
  loss: (batch: B) => tf.Scalar;
  /**
   * Computes a batch's loss and gradients elsewhere (data-parallel workers); the gradients are keyed by
   * variable name, as `tf.variableGrads` gives them, and disposed by the loop. Default: `loss` in this
   * thread.
   */
  gradients?: (batch: B) => Promise<{ loss: number; grads: tf.NamedTensorMap }>;
  /** Target events in a batch (for throughput). */
  eventsOf: (batch: B) => number;
  /** Batches of an epoch; the same epoch must give the same batches (determinism and resume). */
  trainBatches: (epoch: number) => AsyncIterable<B>;
  batchesPerEpoch: number;
  /** Validation: returns the loss to watch and other metrics. */
  validate: () => Promise<{ loss: number; metrics: Record<string, number> }>;
  epochs: number;
  /** First epoch to run (resume). Default 0. */
  startEpoch?: number;
  /** Best validation loss so far (resume). */
  bestLoss?: number;
  /** Epochs without improvement before stopping. Default 3. */
  patience?: number;
  /** Epochs since the best one (resume). */
  staleEpochs?: number;
  clipNorm?: number;
  onBatch?: (r: BatchReport) => void;
  /** Called after each epoch (write a checkpoint here); awaited. */
  onEpoch?: (r: EpochReport) => Promise<void>;
  /** Stop early once this many seconds have passed (a training budget). */
  maxSeconds?: number;
}

function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  return tf.tidy(() => {
    const norm = Math.sqrt(Object.values(grads).reduce((s, g) => s + tf.sum(tf.square(g)).dataSync()[0], 0));
    if (!(norm > maxNorm)) return Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, g.clone()]));
    const scale = maxNorm / norm;
    return Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.mul(g, scale)]));
  });
}

/** A loss and its gradients over every trainable variable, in this thread. */
export function localGradients(loss: () => tf.Scalar): { loss: number; grads: tf.NamedTensorMap } {
  const { value, grads } = tf.variableGrads(loss);
  const out = { loss: value.dataSync()[0], grads };
  value.dispose();
  return out;
}

/** Runs the loop; resolves with the reports of the epochs it ran. */
export async function trainLoop<B>(o: TrainLoopOptions<B>): Promise<EpochReport[]> {
  const reports: EpochReport[] = [];
  let best = o.bestLoss ?? Infinity;
  let stale = o.staleEpochs ?? 0;
  const patience = o.patience ?? 3;
  const started = performance.now();
  for (let epoch = o.startEpoch ?? 0; epoch < o.epochs; epoch++) {
    const t0 = performance.now();
    let lossSum = 0;
    let batches = 0;
    let events = 0;
    for await (const batch of o.trainBatches(epoch)) {
      const { loss, grads } = o.gradients ? await o.gradients(batch) : localGradients(() => o.loss(batch));
      const clipped = clipByGlobalNorm(grads, o.clipNorm ?? 1);
      o.optimizer.applyGradients(clipped);
      tf.dispose([grads, clipped]);
      lossSum += loss;
      batches++;
      events += o.eventsOf(batch);
      o.onBatch?.({ epoch, batch: batches, batches: o.batchesPerEpoch, loss, events });
    }
    const seconds = (performance.now() - t0) / 1000;
    const v = await o.validate();
    const improved = v.loss < best - 1e-4;
    if (improved) {
      best = v.loss;
      stale = 0;
    } else stale++;
    const report: EpochReport = {
      epoch,
      trainLoss: lossSum / Math.max(1, batches),
      validLoss: v.loss,
      metrics: { ...v.metrics, bestLoss: best, staleEpochs: stale },
      eventsPerSecond: events / seconds,
      seconds,
      best: improved,
    };
    reports.push(report);
    await o.onEpoch?.(report);
    if (stale >= patience) break;
    if (o.maxSeconds !== undefined && (performance.now() - started) / 1000 > o.maxSeconds) break;
  }
  return reports;
}
