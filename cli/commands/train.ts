/** `audiogenesis train`: trains the event LSTM (or the seed baseline) on a scan folder, with checkpoints. */
import * as tf from '@tensorflow/tfjs';
import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { DataError, FileError, ModelLoadError, UsageError } from '../../core/errors';
import { baselineBatches, baselineExamples, baselineLoss } from '../../core/model/baseline';
import { evaluateNll } from '../../core/model/evaluate';
import { measurePriors, measureStylePriors } from '../../core/model/priors';
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
import { numberOption, textOption } from '../command';
import { ensureFolder } from '../output';
import { progressBar } from '../progress';
import { divergenceCheck } from '../train/diverged';
import {
  hasCheckpoint,
  loadCheckpoint,
  readNetwork,
  saveCheckpoint,
  writeModelFiles,
} from '../train/checkpoint';
import type { RunState } from '../train/checkpoint';
import { GradientPool } from '../train/parallel';
import { loadStreams } from '../train/shards';
import { resizeConfig, restartShare } from '../train/size';

const usage = `usage: audiogenesis train --data <scan dir> --out <dir> [--config default|event|small|baseline]
       [--epochs N] [--resume | --init <model dir>] [--seed N] [--batch 64] [--time 64] [--lr 0.002]
       [--patience 3] [--max-minutes M] [--limit-batches N] [--valid-batches N] [--workers 1]
       [--units 256[,256]] [--head-units 128] [--restarts 0.25]

Trains on the shards of \`audiogenesis data scan\`. Validates and checkpoints every epoch (<out>/checkpoint),
keeps the best model in <out> (config.json, model.json, weights.bin), stops early when validation stops
improving. --resume continues from the last checkpoint (an error when there is none); the same seed gives
the same result. --init starts from a trained model's weights (fine-tuning: a fresh optimizer, epochs
counted from 1); its architecture must be the configuration's. --lr is in (0, 1]; a run whose loss
diverges (not finite, or far worse than guessing) stops with an error and is never saved. --max-minutes
must be above 0.
--restarts F starts that share of the training windows as a piece starts (no previous event), so that
the first notes follow the conditioning (default 0.25 for the band LSTM, 0 for the others).
--workers N computes each batch's gradients on N threads (data-parallel, one core each); the same seed
and N give the same result. --units and --head-units resize the configuration's LSTM and head layers.`;

/** Settings of a training run (what `audiogenesis train` parses from its options). */
export interface TrainOptions {
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
  /** Threads computing gradients (default 1: this one only). */
  workers?: number;
  /** Share of training windows started as a stream starts (default 0). */
  restarts?: number;
  /** A model folder whose weights the run starts from (fine-tuning), instead of random ones. */
  init?: string;
}

function parse(argv: string[]): TrainOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      out: { type: 'string' },
      config: { type: 'string', default: 'default' },
      epochs: { type: 'string' },
      resume: { type: 'boolean', default: false },
      init: { type: 'string' },
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
  const data = textOption(values.data, 'data');
  const out = textOption(values.out, 'out');
  if (!data || !out) throw new UsageError('--data and --out are required');
  if (values.resume && values.init) throw new UsageError('--resume and --init exclude each other');
  const name = values.config!;
  if (!Object.hasOwn(CONFIGS, name))
    throw new UsageError(`unknown config "${name}" (${Object.keys(CONFIGS).join(', ')})`);
  const baseline = name === 'baseline';
  const whole = (v: string | undefined, key: string, dflt: number | undefined, min: number, max?: number) =>
    numberOption(v, key, { integer: true, min, max }) ?? dflt;
  return {
    data,
    out,
    config: resizeConfig(CONFIGS[name](), values.units, values['head-units']),
    epochs: whole(values.epochs, 'epochs', 10, 1)!,
    resume: values.resume!,
    seed: whole(values.seed, 'seed', 1, 0, 2 ** 32 - 1)!,
    batch: whole(values.batch, 'batch', 64, 1, 65536)!,
    time: whole(values.time, 'time', 64, 2, 65536)!,
    lr: numberOption(values.lr, 'lr', { min: 0, above: true, max: 1 }) ?? (baseline ? 0.005 : 0.002),
    patience: whole(values.patience, 'patience', 3, 1)!,
    maxMinutes: numberOption(values['max-minutes'], 'max-minutes', { min: 0, above: true }),
    limitBatches: whole(values['limit-batches'], 'limit-batches', undefined, 1),
    validBatches: whole(values['valid-batches'], 'valid-batches', undefined, 1),
    workers: whole(values.workers, 'workers', 1, 1, 16)!,
    init: values.init,
    restarts: restartShare(values.restarts, name === 'default' || name.startsWith('band') ? 0.25 : 0),
  };
}

/**
 * The network of the model in `dir`, with its weights, to fine-tune under `config`.
 * @throws {UsageError} when its architecture is not `config`'s.
 * @throws {ModelLoadError} when its files are missing or damaged.
 */
async function initialNetwork(dir: string, config: ModelConfig): Promise<tf.LayersModel> {
  let read: Awaited<ReturnType<typeof readNetwork>>;
  try {
    read = await readNetwork(dir);
  } catch (err) {
    throw new ModelLoadError(
      `cannot start from ${dir}: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
  // Compared as values: the same architecture whatever order its config.json lists the fields in.
  const same =
    isDeepStrictEqual(read.config.architecture, config.architecture) &&
    read.config.conditioning.size === config.conditioning.size;
  if (!same) {
    read.model.dispose();
    throw new UsageError(`--init ${dir} has another architecture than the configuration "${config.name}"`);
  }
  return read.model;
}

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
  const model =
    resumed?.model ?? (o.init ? await initialNetwork(o.init, o.config) : buildNetwork(o.config, o.seed));
  const state: RunState = resumed?.state ?? {
    epoch: 0,
    bestLoss: Infinity,
    staleEpochs: 0,
    seed: o.seed,
    seconds: 0,
  };
  if (o.init && !resumed) log(`starting from the weights in ${o.init}`);
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
          ...o.config,
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
