/**
 * Data-parallel gradients over worker threads: each step, the batch is split by rows; this thread computes
 * the first part's gradients while each worker (tfjs on WebAssembly, one core each) computes another's
 * on a replica that receives the current weights first; the parts' losses are divided by the whole
 * batch's events, so their gradients add up to the batch's. The sum is taken in a fixed order, so a run
 * is deterministic under a seed for a given number of workers (the float sums differ from one thread's).
 */
import * as tf from '@tensorflow/tfjs';
import { Worker } from 'node:worker_threads';
import { DataError } from '../../core/errors';
import type { Batch } from '../../core/model/batch';
import { splitBatch } from '../../core/model/batch';
import type { ModelConfig } from '../../core/model/config';
import { eventLoss } from '../../core/model/losses';
import { localGradients } from '../../core/model/train';

/** What the main thread asks a worker (see cli/workers/train.ts). */
export type WorkerRequest =
  | { kind: 'init'; config: ModelConfig }
  | { kind: 'grads'; weights: Float32Array[]; batch: Batch; denom: number }
  | { kind: 'memory' };

/** A worker's answer: ready, or a part's loss and gradients (trainable weights' order). */
export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'grads'; loss: number; grads: Float32Array[] }
  | { kind: 'memory'; tensors: number; backend: string }
  | { kind: 'error'; message: string };

/**
 * Starts a worker: the bundle's script in dist/, or the TypeScript source through tsx's loader when this
 * module runs as source (tests, development).
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./workers/train.js', here));
  const script = new URL('../workers/train.ts', here).href;
  const code = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(code, { eval: true });
}

class Helper {
  private pending: ((r: WorkerReply) => void) | null = null;
  private failure: Error | null = null;

  constructor(readonly worker: Worker) {
    worker.on('message', (r: WorkerReply) => this.settle(r));
    worker.on('error', (e: Error) => this.settle({ kind: 'error', message: e.message }));
  }

  private settle(r: WorkerReply): void {
    if (r.kind === 'error') this.failure = new DataError(`training worker failed: ${r.message}`);
    const p = this.pending;
    this.pending = null;
    p?.(r);
  }

  ask(req: WorkerRequest): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = (r) => (r.kind === 'error' ? reject(this.failure) : resolve(r));
      this.worker.postMessage(req);
    });
  }
}

/** This thread plus `threads - 1` workers computing one batch's gradients together. */
export class GradientPool {
  private constructor(
    private readonly config: ModelConfig,
    private readonly helpers: Helper[],
  ) {}

  /**
   * Starts `threads - 1` workers, each building a replica of `config`'s network.
   * @throws {DataError} when a worker cannot start.
   */
  static async start(config: ModelConfig, threads: number): Promise<GradientPool> {
    const helpers = Array.from({ length: threads - 1 }, () => new Helper(startWorker()));
    const pool = new GradientPool(config, helpers);
    try {
      await Promise.all(helpers.map((h) => h.ask({ kind: 'init', config })));
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  /** Threads computing gradients (this one included). */
  get threads(): number {
    return this.helpers.length + 1;
  }

  /** A batch's loss and gradients (keyed by the model's variable names), computed by every thread. */
  async gradients(model: tf.LayersModel, batch: Batch): Promise<{ loss: number; grads: tf.NamedTensorMap }> {
    // A batch of fewer rows than threads (an epoch's last) is split among as many threads as it has rows.
    const parts = splitBatch(batch, Math.min(this.threads, batch.size));
    const weights = model.trainableWeights.map((w) => w.read().dataSync() as Float32Array);
    const replies = this.helpers
      .slice(0, parts.length - 1)
      .map((h, i) => h.ask({ kind: 'grads', weights, batch: parts[i + 1], denom: batch.events }));
    const own = localGradients(() => eventLoss(model, parts[0], this.config, batch.events));
    let loss = own.loss;
    const grads = own.grads;
    for (const r of await Promise.all(replies)) {
      if (r.kind !== 'grads') continue;
      loss += r.loss;
      model.trainableWeights.forEach((w, i) => {
        const sum = tf.tidy(() => tf.add(grads[w.name], tf.tensor(r.grads[i], w.shape as number[])));
        grads[w.name].dispose();
        grads[w.name] = sum;
      });
    }
    return { loss, grads };
  }

  /** Tensors alive in each worker (a leak shows as growth between batches). */
  async workerTensors(): Promise<number[]> {
    const replies = await Promise.all(this.helpers.map((h) => h.ask({ kind: 'memory' })));
    return replies.map((r) => (r.kind === 'memory' ? r.tensors : NaN));
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.helpers.map((h) => h.worker.terminate()));
  }
}
