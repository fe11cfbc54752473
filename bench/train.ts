/**
 * Training throughput with 1 and 2 gradient threads (data-parallel workers, cli/train/parallel.ts), in one
 * run: the same network and batches, the thread counts taken in turn (1, 2, 1, 2, ...) so that a change in
 * the machine's load falls on both. Synthetic streams of the scanner's shapes (throughput depends on the
 * shapes, not on the notes). Prints events per second for each and their ratio, and the CPU time per
 * event (all threads), which tells the threads' overhead apart from a busy machine's.
 *
 * Usage: node --import tsx bench/train.ts [--config default] [--batches 4] [--rounds 2] [--batch 64]
 *        [--time 64] [--units 256]
 */
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { useNodeBackend } from '../cli/backend';
import { GradientPool } from '../cli/train/parallel';
import { resizeConfig } from '../cli/train/size';
import type { Batch } from '../core/model/batch';
import { makeBatch, windows } from '../core/model/batch';
import { CONFIGS } from '../core/model/config';
import type { Stream } from '../core/model/data';
import { EVENT_INPUTS } from '../core/model/fields';
import { eventLoss } from '../core/model/losses';
import { buildNetwork } from '../core/model/network';
import { localGradients } from '../core/model/train';
import { seededRandom } from '../core/random';

const { values } = parseArgs({
  options: {
    config: { type: 'string', default: 'default' },
    batches: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '2' },
    batch: { type: 'string', default: '64' },
    time: { type: 'string', default: '64' },
    units: { type: 'string' },
  },
});
await useNodeBackend();
const config = resizeConfig(CONFIGS[values.config!](), values.units);
const [size, time] = [Number(values.batch), Number(values.time)];
const rng = seededRandom(1);
const vocab = config.vocab as Record<string, number>;
const streams: Stream[] = Array.from({ length: size * 6 }, (_, i) => {
  const length = time * 2 + 1;
  const cols = Object.fromEntries(
    EVENT_INPUTS.map((k) => [k, Int32Array.from({ length }, () => Math.floor(rng() * vocab[k]))]),
  ) as Stream['cols'];
  const cond = Float32Array.from({ length: config.conditioning.size }, () => rng());
  const family = Int32Array.from({ length }, () => Math.floor(rng() * 16));
  return {
    id: `s${i}`,
    role: 'melody',
    cols,
    cond,
    tempo: 100,
    shift: 0,
    length,
    family,
    weight: 1,
  } as Stream;
});
const wins = windows(streams, time);
const batches: Batch[] = Array.from({ length: Number(values.batches) }, (_, b) =>
  makeBatch(streams, wins.slice(b * size, (b + 1) * size), time, config.conditioning.size),
);
const model = buildNetwork(config, 1);
const optimizer: tf.Optimizer = tf.train.adam(0.001);
const pool = await GradientPool.start(config, 2);

/** Events per wall second, and CPU seconds (every thread of the process) per 1000 events. */
async function run(threads: number): Promise<{ rate: number; cpu: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let events = 0;
  for (const b of batches) {
    const { grads } =
      threads > 1 ? await pool.gradients(model, b) : localGradients(() => eventLoss(model, b, config));
    optimizer.applyGradients(grads);
    tf.dispose(grads);
    events += b.events;
  }
  const c = process.cpuUsage(c0);
  return {
    rate: events / ((performance.now() - t0) / 1000),
    cpu: ((c.user + c.system) / 1e6 / events) * 1000,
  };
}

console.log(
  `${config.name} (LSTM ${config.architecture.kind === 'seed-baseline' ? '-' : config.architecture.units.join('x')}), batches of ${size} x ${time}, ${batches.length} batches a measurement`,
);
await run(1); // warm-up: kernels, JIT
await run(2);
const rates: Record<number, number[]> = { 1: [], 2: [] };
const cpus: Record<number, number[]> = { 1: [], 2: [] };
for (let r = 0; r < Number(values.rounds); r++)
  for (const threads of [1, 2]) {
    const { rate, cpu } = await run(threads);
    rates[threads].push(rate);
    cpus[threads].push(cpu);
    console.log(
      `round ${r + 1}, ${threads} thread${threads > 1 ? 's' : ''}: ${rate.toFixed(0)} events/s, ${cpu.toFixed(3)} CPU s per 1000 events`,
    );
  }
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
console.log(
  `mean: 1 thread ${mean(rates[1]).toFixed(0)} events/s, 2 threads ${mean(rates[2]).toFixed(0)} events/s (x${(mean(rates[2]) / mean(rates[1])).toFixed(2)}); CPU per event x${(mean(cpus[2]) / mean(cpus[1])).toFixed(2)} (1.00 = no overhead: the gain then depends on a free core)`,
);
await pool.close();
model.dispose();
