/**
 * Worker entry of data-parallel training (see cli/train/parallel.ts): builds a replica of the network,
 * then for each request takes the current weights and returns one part's loss and gradients.
 */
import * as tf from '@tensorflow/tfjs';
import { parentPort } from 'node:worker_threads';
import type { ModelConfig } from '../../core/model/config';
import { eventLoss } from '../../core/model/losses';
import { buildNetwork } from '../../core/model/network';
import { localGradients } from '../../core/model/train';
import { useNodeBackend } from '../backend';
import type { WorkerReply, WorkerRequest } from '../train/parallel';

let model: tf.LayersModel | null = null;
let config: ModelConfig | null = null;

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  if (req.kind === 'init') {
    await useNodeBackend();
    config = req.config;
    model = buildNetwork(config);
    return { kind: 'ready' };
  }
  if (req.kind === 'memory')
    return { kind: 'memory', tensors: tf.memory().numTensors, backend: tf.getBackend() };
  if (!model || !config) return { kind: 'error', message: 'not initialised' };
  const m = model;
  const c = config;
  m.trainableWeights.forEach((w, i) => {
    const t = tf.tensor(req.weights[i], w.shape as number[]);
    w.write(t);
    t.dispose();
  });
  const { loss, grads } = localGradients(() => eventLoss(m, req.batch, c, req.denom));
  const out = m.trainableWeights.map((w) => grads[w.name].dataSync() as Float32Array);
  tf.dispose(grads);
  return { kind: 'grads', loss, grads: out };
}

parentPort?.on('message', (req: WorkerRequest) => {
  handle(req)
    .then((r) =>
      parentPort?.postMessage(r, r.kind === 'grads' ? r.grads.map((g) => g.buffer as ArrayBuffer) : []),
    )
    .catch((e: unknown) => parentPort?.postMessage({ kind: 'error', message: String(e) }));
});
