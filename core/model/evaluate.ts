/**
 * Next-event negative log-likelihood on a set of streams (nats per note), for the event LSTM and the seed
 * baseline alike: what validation, the model card and `npm run bench` report side by side.
 */
import type * as tf from '@tensorflow/tfjs';
import { baselineBatches, baselineExamples, baselineMetrics } from './baseline';
import type { ModelConfig, SeedBaselineArchitecture } from './config';
import type { Stream } from './data';
import { batches } from './batch';
import { eventNllSums } from './losses';
import type { Head } from './network';
import { HEADS } from './network';

/** Mean NLL per note target, per head, and the number of notes. */
export interface NllReport {
  pitch: number;
  step: number;
  duration: number;
  velocity?: number;
  notes: number;
}

/** Options of {@link evaluateNll}. */
export interface EvaluateOptions {
  /** Batches to read at most (a quick estimate); all by default. */
  limit?: number;
  batchSize?: number;
  time?: number;
}

/** Evaluates a model (event LSTM or seed baseline) on streams. */
export async function evaluateNll(
  model: tf.LayersModel,
  config: ModelConfig,
  streams: readonly Stream[],
  o: EvaluateOptions = {},
): Promise<NllReport> {
  if (config.architecture.kind === 'seed-baseline') {
    const window = (config.architecture as SeedBaselineArchitecture).window;
    const m = await baselineMetrics(
      model,
      baselineBatches(baselineExamples(streams, window), window, o.batchSize ?? 256, undefined, o.limit),
    );
    return { pitch: m.pitch, step: m.step, duration: m.duration, notes: m.notes };
  }
  const sums: Record<Head, number> = { pitch: 0, step: 0, duration: 0, velocity: 0 };
  let notes = 0;
  for await (const b of batches(streams, {
    batchSize: o.batchSize ?? 64,
    time: o.time ?? 64,
    condSize: config.conditioning.size,
    limit: o.limit,
  })) {
    const r = eventNllSums(model, b, config);
    for (const h of HEADS) sums[h] += r.sums[h];
    notes += r.count;
  }
  const n = Math.max(1, notes);
  return {
    pitch: sums.pitch / n,
    step: sums.step / n,
    duration: sums.duration / n,
    velocity: sums.velocity / n,
    notes,
  };
}
