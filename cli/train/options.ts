/** `audiogenesis train`'s options: its usage text, the settings of a run, and their parsing. */
import { parseArgs } from 'node:util';
import { UsageError } from '../../core/errors';
import type { ModelConfig } from '../../core/model/config';
import { CONFIGS } from '../../core/model/config';
import { numberOption, textOption } from '../command';
import { resizeConfig, restartShare } from './size';

export const usage = `usage: audiogenesis train --data <scan dir> --out <dir> [--config default|event|small|baseline]
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

/**
 * Parses `audiogenesis train`'s options.
 * @throws {UsageError} when a required option is missing, an option is out of range, or --resume meets --init.
 */
export function parseTrainOptions(argv: string[]): TrainOptions {
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
