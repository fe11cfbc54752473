/**
 * Windows and batches of role streams for training and validation. A batch carries every input either
 * generator reads, so one batch feeds the event LSTM and the band LSTM alike:
 * - per step t, the previous event (stream column t) with the chord and position at its onset, and the
 *   family of the instrument that plays the next event (column t + 1);
 * - the next event's step, pitch, and the chord and position at its onset (column t + 1): the band LSTM's
 *   teacher-forced next-onset inputs, and the targets of every head.
 */
import { REST } from '../codec/events';
import type { Random } from '../random';
import { shuffle } from '../random';
import type { Stream } from './data';
import { familyColumn } from './families';
import type { BandInput, Head, NoteInput } from './fields';
import { BAND_INPUTS, HEADS, NOTE_INPUTS } from './fields';

/** A batch: inputs [batch, time] per field, conditioning [batch, time, size], targets and a mask. */
export interface Batch {
  /** Recurrent inputs per field (`family` is the next event's). */
  inputs: Record<BandInput, Int32Array>;
  /** The next event's fields (the band LSTM's next-onset inputs). */
  next: Record<NoteInput, Int32Array>;
  cond: Float32Array;
  targets: Record<Head, Int32Array>;
  /** 1 where a target exists, 0 for padding. */
  mask: Float32Array;
  size: number;
  time: number;
  /** Real (unpadded) target events. */
  events: number;
}

/** A window: a stream and the index of its first input event. */
export interface Window {
  stream: number;
  start: number;
  /**
   * The window's first input is replaced by the stream-start input (a rest at step 0, no chord): the
   * network then predicts the next event from the conditioning, role and family alone, as it must at the
   * start of a piece. Default false.
   */
  restart?: boolean;
}

/**
 * Cuts streams into windows of `time` targets; with `rng`, the cuts are shifted (vary it per epoch), a
 * share `restarts` of the windows that start mid-stream start as a stream does ({@link Window.restart}),
 * and each window is drawn as often as its stream's sampling weight says (`Stream.weight`, mean 1 over a
 * scan: weight 2.4 gives a window twice, and a third time with chance 0.4), so that an epoch sees corpora
 * and styles in the balance the scan reports.
 */
export function windows(streams: readonly Stream[], time: number, rng?: Random, restarts = 0): Window[] {
  const out: Window[] = [];
  streams.forEach((s, i) => {
    const offset = rng && s.length > time + 1 ? Math.floor(rng() * time) : 0;
    const starts = offset > 0 ? [0] : [];
    for (let start = offset; start < s.length - 1; start += time) starts.push(start);
    for (const start of starts) {
      const copies = rng ? drawCount(s.weight, rng) : 1;
      for (let c = 0; c < copies; c++)
        out.push(
          rng && restarts > 0 && start > 0 && rng() < restarts
            ? { stream: i, start, restart: true }
            : { stream: i, start },
        );
    }
  });
  return out;
}

/** How many times to draw an item of weight `w`: floor(w), plus one with chance w - floor(w). */
function drawCount(w: number, rng: Random): number {
  // A stream built without a weight (a hand-made fixture) counts once.
  if (w === 1 || !Number.isFinite(w)) return 1;
  const whole = Math.floor(w);
  return whole + (rng() < w - whole ? 1 : 0);
}

const fields = <K extends string>(keys: readonly K[], n: number): Record<K, Int32Array> =>
  Object.fromEntries(keys.map((k) => [k, new Int32Array(n)])) as Record<K, Int32Array>;

/** Fills a batch from windows (padding short ones; the mask marks real targets). */
export function makeBatch(
  streams: readonly Stream[],
  wins: readonly Window[],
  time: number,
  condSize: number,
): Batch {
  const size = wins.length;
  const inputs = fields(BAND_INPUTS, size * time);
  const next = fields(NOTE_INPUTS, size * time);
  const targets = fields(HEADS, size * time);
  const cond = new Float32Array(size * time * condSize);
  const mask = new Float32Array(size * time);
  let events = 0;
  wins.forEach((w, b) => {
    const s = streams[w.stream];
    const family = familyColumn(s);
    for (let t = 0; t < time; t++) {
      const i = w.start + t;
      const o = b * time + t;
      cond.set(s.cond, o * condSize);
      if (i + 1 >= s.length) {
        inputs.pitch[o] = REST;
        next.pitch[o] = REST;
        continue;
      }
      for (const k of BAND_INPUTS) inputs[k][o] = k === 'family' ? family[i + 1] : s.cols[k][i];
      if (t === 0 && w.restart) {
        for (const k of ['step', 'duration', 'velocity', 'chord', 'position'] as const) inputs[k][o] = 0;
        inputs.pitch[o] = REST;
      }
      for (const k of NOTE_INPUTS) next[k][o] = s.cols[k][i + 1];
      for (const h of HEADS) targets[h][o] = s.cols[h][i + 1];
      mask[o] = 1;
      events++;
    }
  });
  return { inputs, next, cond, targets, mask, size, time, events };
}

/** Options of {@link batches}. */
export interface BatchOptions {
  batchSize: number;
  time: number;
  condSize: number;
  /** Shuffle windows and vary cuts (training); omit for a fixed order (validation). */
  rng?: Random;
  /** Stop after this many batches. */
  limit?: number;
  /** Share of mid-stream windows that start as a stream does (training only). Default 0. */
  restarts?: number;
}

/** An async iterable of batches over streams (the training loop's input). */
export async function* batches(streams: readonly Stream[], o: BatchOptions): AsyncGenerator<Batch> {
  const wins = windows(streams, o.time, o.rng, o.restarts);
  if (o.rng) shuffle(o.rng, wins);
  const count = Math.min(Math.ceil(wins.length / o.batchSize), o.limit ?? Infinity);
  for (let b = 0; b < count; b++)
    yield makeBatch(streams, wins.slice(b * o.batchSize, (b + 1) * o.batchSize), o.time, o.condSize);
}

/** Number of batches {@link batches} yields. */
export function batchCount(streams: readonly Stream[], o: BatchOptions): number {
  return Math.min(Math.ceil(windows(streams, o.time).length / o.batchSize), o.limit ?? Infinity);
}

/**
 * Splits a batch by rows (windows) into `parts` batches of nearly equal size, in order (for gradients
 * computed in parallel: each part's loss is divided by the whole batch's events, so the parts' gradients
 * add up to the batch's).
 */
export function splitBatch(b: Batch, parts: number): Batch[] {
  const out: Batch[] = [];
  const rowsOf = (i: number): number =>
    Math.floor(((i + 1) * b.size) / parts) - Math.floor((i * b.size) / parts);
  let row = 0;
  for (let i = 0; i < parts; i++) {
    const n = rowsOf(i);
    const [from, to] = [row * b.time, (row + n) * b.time];
    const cut = <K extends string>(r: Record<K, Int32Array>): Record<K, Int32Array> =>
      Object.fromEntries(Object.entries<Int32Array>(r).map(([k, v]) => [k, v.slice(from, to)])) as Record<
        K,
        Int32Array
      >;
    const mask = b.mask.slice(from, to);
    const size = b.cond.length / (b.size * b.time);
    out.push({
      inputs: cut(b.inputs),
      next: cut(b.next),
      cond: b.cond.slice(from * size, to * size),
      targets: cut(b.targets),
      mask,
      size: n,
      time: b.time,
      events: mask.reduce((s, m) => s + m, 0),
    });
    row += n;
  }
  return out;
}
