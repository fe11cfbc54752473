/** `audiogenesis train`: trains the event LSTM (or the seed baseline) on a scan folder, with checkpoints. */
import * as tf from '@tensorflow/tfjs';
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, DataError } from '../../core/errors';
import { baselineBatches, baselineExamples, baselineLoss } from '../../core/model/baseline';
import { evaluateNll } from '../../core/model/evaluate';
import { measurePriors } from '../../core/model/priors';
import type { BaselineBatch } from '../../core/model/baseline';
import type { ModelConfig, SeedBaselineArchitecture } from '../../core/model/config';
import { CONFIGS } from '../../core/model/config';
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
import { progressBar } from '../progress';
import { loadCheckpoint, saveCheckpoint, writeModelFiles } from '../train/checkpoint';
import type { RunState } from '../train/checkpoint';
import { GradientPool } from '../train/parallel';
import { loadStreams } from '../train/shards';
import { resizeConfig, restartShare } from '../train/size';

const usage = `usage: audiogenesis train --data <scan dir> --out <dir> [--config default|event|small|baseline]
       [--epochs N] [--resume] [--seed N] [--batch 64] [--time 64] [--lr 0.002] [--patience 3]
       [--max-minutes M] [--limit-batches N] [--valid-batches N] [--workers 1]
       [--units 256[,256]] [--head-units 128] [--restarts 0.25]

Trains on the shards of \`audiogenesis data scan\`. Validates and checkpoints every epoch (<out>/checkpoint),
keeps the best model in <out> (config.json, model.json, weights.bin), stops early when validation stops
improving. --resume continues from the last checkpoint; the same seed gives the same result.
--restarts F starts that share of the training windows as a piece starts (no previous event), so that
the first notes follow the conditioning (default 0.25 for the band LSTM, 0 for the others).
--workers N computes each batch's gradients on N threads (data-parallel, one core each); the same seed
and N give the same result. --units and --head-units resize the configuration's LSTM and head layers.`;

interface Options {
  data: string;
  out: string;
  config: ModelConfig;
  epochs: number;
  resume: boolean;
  seed: number;
  batch: number;
  time: number;
  lr: number;
  patience: number;
  maxMinutes?: number;
  limitBatches?: number;
  validBatches?: number;
  /** Threads computing gradients (1: this one only). */
  workers: number;
  /** Share of training windows started as a stream starts. */
  restarts: number;
}

function num(v: string | undefined, name: string, dflt: number, min = 0): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new UsageError(`--${name} must be a number >= ${min}`);
  return n;
}

function parse(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      out: { type: 'string' },
      config: { type: 'string', default: 'default' },
      epochs: { type: 'string' },
      resume: { type: 'boolean', default: false },
      seed: { type: 'string' },
      batch: { type: 'string' },
      time: { type: 'string' },
      lr: { type: 'string' },
      patience: { type: 'string' },
      'max-minutes': { type: 'string' },
      'limit-batches': { type: 'string' },
      'valid-batches': { type: 'string' },
      workers: { type: 'string' },
      units: { type: 'string' },
      'head-units': { type: 'string' },
      restarts: { type: 'string' },
    },
  });
  if (!values.data || !values.out) throw new UsageError('--data and --out are required');
  const make = CONFIGS[values.config!];
  if (!make) throw new UsageError(`unknown config "${values.config}" (${Object.keys(CONFIGS).join(', ')})`);
  const baseline = values.config === 'baseline';
  const config = resizeConfig(make(), values.units, values['head-units']);
  return {
    data: values.data,
    out: values.out,
    config,
    epochs: num(values.epochs, 'epochs', 10, 1),
    resume: values.resume!,
    seed: num(values.seed, 'seed', 1),
    batch: num(values.batch, 'batch', 64, 1),
    time: num(values.time, 'time', 64, 2),
    lr: num(values.lr, 'lr', baseline ? 0.005 : 0.002),
    patience: num(values.patience, 'patience', 3, 1),
    maxMinutes: values['max-minutes'] ? num(values['max-minutes'], 'max-minutes', 0) : undefined,
    limitBatches: values['limit-batches'] ? num(values['limit-batches'], 'limit-batches', 1, 1) : undefined,
    validBatches: values['valid-batches'] ? num(values['valid-batches'], 'valid-batches', 1, 1) : undefined,
    workers: num(values.workers, 'workers', 1, 1),
    restarts: restartShare(
      values.restarts,
      values.config === 'default' || values.config?.startsWith('band') ? 0.25 : 0,
    ),
  };
}

/** Runs a training job; returns the epoch reports. */
export async function train(o: Options, log: (line: string) => void = console.log): Promise<EpochReport[]> {
  await useNodeBackend();
  const baseline = o.config.architecture.kind === 'seed-baseline';
  const sets = loadStreams(o.data, !baseline);
  if (sets.train.length === 0 || sets.valid.length === 0)
    throw new DataError(`${o.data} has no training or no validation streams`);
  mkdirSync(o.out, { recursive: true });
  const ckptDir = join(o.out, 'checkpoint');
  if (!o.resume) rmSync(ckptDir, { recursive: true, force: true });
  const optimizer = tf.train.adam(o.lr);
  const resumed = o.resume ? await loadCheckpoint(ckptDir, optimizer) : null;
  const model = resumed?.model ?? buildNetwork(o.config, o.seed);
  const state: RunState = resumed?.state ?? {
    epoch: 0,
    bestLoss: Infinity,
    staleEpochs: 0,
    seed: o.seed,
    seconds: 0,
  };
  if (resumed)
    log(`resuming at epoch ${state.epoch + 1} (best validation loss ${state.bestLoss.toFixed(4)})`);
  const condSize = o.config.conditioning.size;
  const params = model.countParams();
  log(
    `${o.config.name}: ${params.toLocaleString()} parameters (${((params * 4) / 1e6).toFixed(1)} MB); ${sets.train.length} train / ${sets.valid.length} valid streams; backend ${tf.getBackend()}`,
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

  const pool = !bx && o.workers > 1 ? await GradientPool.start(o.config, Math.round(o.workers)) : null;
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
      const rate = r.events / ((performance.now() - t0) / 1000);
      bar.update(r.batch, { info: `loss ${r.loss.toFixed(3)} | ${Math.round(rate)} events/s` });
    },
    onEpoch: async (r) => {
      bar.stop();
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
          ...o.config,
          training: {
            priors: measurePriors(sets.trainRefs),
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
      await saveCheckpoint(ckptDir, model, o.config, optimizer, state);
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
    await train(parse(argv));
    return 0;
  },
};
