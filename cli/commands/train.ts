/** `audiogenesis train`: trains the event LSTM (or the seed baseline) on a scan folder, with checkpoints. */
import * as tf from '@tensorflow/tfjs';
import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DataError, FileError } from '../../core/errors';
import { baselineBatches, baselineExamples, baselineLoss } from '../../core/model/baseline';
import { evaluateNll } from '../../core/model/evaluate';
import { measurePriors, measureStylePriors } from '../../core/model/priors';
import type { BaselineBatch } from '../../core/model/baseline';
import type { ModelConfig, SeedBaselineArchitecture } from '../../core/model/config';
import type { Batch } from '../../core/model/batch';
import { batchCount, batches } from '../../core/model/batch';
import { saveModel } from '../../core/model/io';
import { eventLoss } from '../../core/model/losses';
import { buildNetwork } from '../../core/model/network';
import type { EpochReport } from '../../core/model/train';
import { trainLoop } from '../../core/model/train';
import { seededRandom } from '../../core/random';
import { useNodeBackend } from '../backend';
import type { Command } from '../command';
import { ensureFolder } from '../output';
import { progressBar } from '../progress';
import { divergenceCheck } from '../train/diverged';
import { hasCheckpoint, loadCheckpoint, saveCheckpoint, writeModelFiles } from '../train/checkpoint';
import type { RunState } from '../train/checkpoint';
import { GradientPool } from '../train/parallel';
import { loadStreams } from '../train/shards';
import { initialNetwork } from '../train/init';
import type { TrainOptions } from '../train/options';
import { parseTrainOptions, usage } from '../train/options';

/** Runs a training job; returns the epoch reports. */
export async function train(
  o: TrainOptions,
  log: (line: string) => void = console.log,
): Promise<EpochReport[]> {
  const baseline = o.config.architecture.kind === 'seed-baseline';
  const sets = loadStreams(o.data, !baseline);
  if (sets.train.length === 0 || sets.valid.length === 0)
    throw new DataError(`${o.data} has no training or no validation streams`);
  ensureFolder(o.out);
  const ckptDir = join(o.out, 'checkpoint');
  if (o.resume && !hasCheckpoint(ckptDir))
    throw new FileError(
      `no checkpoint to resume in ${ckptDir}: run without --resume to start afresh`,
      ckptDir,
      'ENOENT',
    );
  await useNodeBackend();
  if (!o.resume) rmSync(ckptDir, { recursive: true, force: true });
  const optimizer = tf.train.adam(o.lr);
  const resumed = o.resume ? await loadCheckpoint(ckptDir, optimizer) : null;
  const diverged = divergenceCheck(o.config);
  const start = o.init && !resumed ? await initialNetwork(o.init, o.config) : null;
  const model = resumed?.model ?? start?.model ?? buildNetwork(o.config, o.seed);
  // The decoding settings chosen for the weights a run starts from stay with them: a fine-tune of the
  // shipped model decodes as the shipped model does (and a resumed run keeps its checkpoint's).
  const sampling = resumed ? resumed.config.sampling : start?.sampling;
  const config: ModelConfig = sampling ? { ...o.config, sampling } : o.config;
  const state: RunState = resumed?.state ?? {
    epoch: 0,
    bestLoss: Infinity,
    staleEpochs: 0,
    seed: o.seed,
    seconds: 0,
  };
  if (o.init && !resumed)
    log(
      `starting from the weights in ${o.init}${sampling ? ' (its decoding settings kept in config.json)' : ''}`,
    );
  if (resumed)
    log(`resuming at epoch ${state.epoch + 1} (best validation loss ${state.bestLoss.toFixed(4)})`);
  const condSize = o.config.conditioning.size;
  const params = model.countParams();
  log(
    `${o.config.name}: ${params.toLocaleString()} parameters (${((params * 4) / 1e6).toFixed(1)} MB); ${sets.train.length} train / ${sets.valid.length} valid streams${sets.skipped ? ` (${sets.skipped} empty skipped)` : ''}; backend ${tf.getBackend()}`,
  );

  const common = { batchSize: o.batch, time: o.time, condSize };
  const window = (o.config.architecture as SeedBaselineArchitecture).window;
  const bx = baseline
    ? { train: baselineExamples(sets.train, window), valid: baselineExamples(sets.valid, window) }
    : null;
  const batchesPerEpoch = bx
    ? Math.min(Math.ceil(bx.train.refs.length / o.batch), o.limitBatches ?? Infinity)
    : batchCount(sets.train, { ...common, limit: o.limitBatches });

  const validate = async (): Promise<{ loss: number; metrics: Record<string, number> }> => {
    const m = await evaluateNll(model, o.config, sets.valid, {
      limit: o.validBatches,
      batchSize: bx ? 256 : o.batch,
      time: o.time,
    });
    const loss = m.pitch + m.step + m.duration + 0.5 * (m.velocity ?? 0);
    return { loss, metrics: { ...m } };
  };

  const workers = Math.round(o.workers ?? 1);
  const pool = !bx && workers > 1 ? await GradientPool.start(o.config, workers) : null;
  if (pool) log(`gradients on ${pool.threads} threads`);
  let bar = progressBar(batchesPerEpoch, `epoch ${state.epoch + 1}/${o.epochs}`);
  let t0 = performance.now();
  const reports = await trainLoop<Batch | BaselineBatch>({
    model,
    optimizer,
    loss: bx ? (b) => baselineLoss(model, b as BaselineBatch) : (b) => eventLoss(model, b as Batch, o.config),
    gradients: pool ? (b) => pool.gradients(model, b as Batch) : undefined,
    eventsOf: (b) => ('events' in b ? b.events : b.size),
    trainBatches: (epoch) =>
      bx
        ? baselineBatches(bx.train, window, o.batch, seededRandom(o.seed * 1009 + epoch), o.limitBatches)
        : batches(sets.train, {
            ...common,
            rng: seededRandom(o.seed * 1009 + epoch),
            limit: o.limitBatches,
            restarts: o.restarts,
          }),
    batchesPerEpoch,
    validate,
    epochs: o.epochs,
    startEpoch: state.epoch,
    bestLoss: state.bestLoss,
    staleEpochs: state.staleEpochs,
    patience: o.patience,
    maxSeconds: o.maxMinutes !== undefined ? o.maxMinutes * 60 - state.seconds : undefined,
    onBatch: (r) => {
      diverged(r.loss, `batch ${r.batch} of epoch ${state.epoch + 1}`, o.lr);
      const rate = r.events / ((performance.now() - t0) / 1000);
      bar.update(r.batch, { info: `loss ${r.loss.toFixed(3)} | ${Math.round(rate)} events/s` });
    },
    onEpoch: async (r) => {
      bar.stop();
      diverged(r.validLoss, `epoch ${r.epoch + 1} (validation)`, o.lr);
      state.epoch = r.epoch + 1;
      state.bestLoss = r.metrics.bestLoss;
      state.staleEpochs = r.metrics.staleEpochs;
      state.seconds += r.seconds;
      const m = Object.entries(r.metrics)
        .filter(([k]) => ['pitch', 'step', 'duration', 'velocity'].includes(k))
        .map(([k, v]) => `${k} ${v.toFixed(3)}`)
        .join(', ');
      log(
        `epoch ${r.epoch + 1}: train loss ${r.trainLoss.toFixed(4)}, valid loss ${r.validLoss.toFixed(4)} (NLL ${m})${r.best ? ' best' : ''}; ${Math.round(r.eventsPerSecond)} events/s, ${r.seconds.toFixed(0)} s`,
      );
      appendFileSync(
        join(o.out, 'training.jsonl'),
        JSON.stringify({ ...r, trainedSeconds: state.seconds }) + '\n',
      );
      if (r.best) {
        const files = await saveModel(model, {
          ...config,
          training: {
            priors: measurePriors(sets.trainRefs),
            stylePriors: measureStylePriors(sets.trainRefs),
            epochs: r.epoch + 1,
            seconds: Math.round(state.seconds),
            seed: o.seed,
            valid: r.metrics,
            eventsPerSecond: Math.round(r.eventsPerSecond),
            batch: o.batch,
            time: o.time,
            lr: o.lr,
          },
        });
        writeModelFiles(o.out, files);
      }
      await saveCheckpoint(ckptDir, model, config, optimizer, state);
      if (state.epoch < o.epochs) bar = progressBar(batchesPerEpoch, `epoch ${state.epoch + 1}/${o.epochs}`);
      t0 = performance.now();
    },
  }).finally(() => pool?.close());
  bar.stop();
  log(
    `done: ${state.epoch} epochs, ${(state.seconds / 60).toFixed(1)} min of training; best validation loss ${state.bestLoss.toFixed(4)} -> ${o.out}`,
  );
  model.dispose();
  optimizer.dispose();
  return reports;
}

export const command: Command = {
  summary: 'train the LSTM (or the seed baseline) on scanned shards',
  usage,
  async run(argv) {
    await train(parseTrainOptions(argv));
    return 0;
  },
};
