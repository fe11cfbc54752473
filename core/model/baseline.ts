/**
 * The seed tutorial's model as a baseline in the same code and on the same data: windows of 25 notes of
 * (pitch / 128, step in seconds, duration in seconds), a pitch softmax and MSE-with-positive-pressure for
 * step and duration, loss weights 0.05 / 1 / 1. Its next-event NLL for step and duration is measured by
 * reading its regression as a Gaussian (sigma = its own RMSE on the validation set) over the codec's grid.
 */
import * as tf from '@tensorflow/tfjs';
import { GRID, REST } from '../codec/events';
import type { Random } from '../random';
import { shuffle } from '../random';
import type { Stream } from './data';

/** Baseline training examples: inputs [n, window, 3] and next-note targets. */
export interface BaselineBatch {
  x: Float32Array;
  pitch: Int32Array;
  step: Float32Array;
  duration: Float32Array;
  /** Step and duration of the targets on the grid, and the tempo (for NLL on the grid). */
  stepGrid: Int32Array;
  durationGrid: Int32Array;
  tempo: Float32Array;
  size: number;
  window: number;
}

interface NoteRow {
  pitch: number;
  step: number;
  duration: number;
  stepGrid: number;
  durationGrid: number;
}

/** The stream's notes with rests folded into the next note's step; pitches made absolute again. */
function notesOf(s: Stream): NoteRow[] {
  const rows: NoteRow[] = [];
  let carry = 0;
  const sec = 60 / s.tempo / GRID;
  for (let i = 1; i < s.length; i++) {
    const step = s.cols.step[i] + carry;
    if (s.cols.pitch[i] === REST) {
      carry = step;
      continue;
    }
    carry = 0;
    const pitch = s.cols.pitch[i] - s.shift;
    rows.push({
      pitch: Math.min(127, Math.max(0, pitch)),
      step: step * sec,
      duration: s.cols.duration[i] * sec,
      stepGrid: Math.min(48, step),
      durationGrid: s.cols.duration[i],
    });
  }
  return rows;
}

/** All (stream, position) examples with a full window before them. */
export function baselineExamples(
  streams: readonly Stream[],
  window: number,
): { notes: NoteRow[][]; refs: [number, number][]; tempos: number[] } {
  const notes = streams.map(notesOf);
  const refs: [number, number][] = [];
  notes.forEach((n, i) => {
    for (let t = window; t < n.length; t++) refs.push([i, t]);
  });
  return { notes, refs, tempos: streams.map((s) => s.tempo) };
}

/** Batches of baseline examples (shuffled with `rng`, or in order). */
export async function* baselineBatches(
  ex: ReturnType<typeof baselineExamples>,
  window: number,
  batchSize: number,
  rng?: Random,
  limit = Infinity,
): AsyncGenerator<BaselineBatch> {
  const refs = rng ? shuffle(rng, [...ex.refs]) : ex.refs;
  const count = Math.min(Math.ceil(refs.length / batchSize), limit);
  for (let b = 0; b < count; b++) {
    const part = refs.slice(b * batchSize, (b + 1) * batchSize);
    const size = part.length;
    const out: BaselineBatch = {
      x: new Float32Array(size * window * 3),
      pitch: new Int32Array(size),
      step: new Float32Array(size),
      duration: new Float32Array(size),
      stepGrid: new Int32Array(size),
      durationGrid: new Int32Array(size),
      tempo: new Float32Array(size),
      size,
      window,
    };
    part.forEach(([s, t], i) => {
      const n = ex.notes[s];
      for (let w = 0; w < window; w++) {
        const r = n[t - window + w];
        out.x.set([r.pitch / 128, r.step, r.duration], (i * window + w) * 3);
      }
      const y = n[t];
      out.pitch[i] = y.pitch;
      out.step[i] = y.step;
      out.duration[i] = y.duration;
      out.stepGrid[i] = y.stepGrid;
      out.durationGrid[i] = y.durationGrid;
      out.tempo[i] = ex.tempos[s];
    });
    yield out;
  }
}

function msePositive(pred: tf.Tensor, target: tf.Tensor): tf.Tensor {
  const mse = tf.mean(tf.square(tf.sub(pred, target)));
  return tf.add(mse, tf.mul(10, tf.mean(tf.relu(tf.neg(pred)))));
}

/** The tutorial's loss: 0.05 x pitch cross-entropy + step and duration MSE with positive pressure. */
export function baselineLoss(model: tf.LayersModel, b: BaselineBatch): tf.Scalar {
  const [p, s, d] = model.apply(tf.tensor3d(b.x, [b.size, b.window, 3]), { training: true }) as tf.Tensor[];
  const ce = tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(b.pitch, 'int32'), 128), p);
  const st = msePositive(tf.reshape(s, [-1]), tf.tensor1d(b.step));
  const du = msePositive(tf.reshape(d, [-1]), tf.tensor1d(b.duration));
  return tf.addN([tf.mul(0.05, ce), st, du]) as tf.Scalar;
}

function normalCdf(x: number): number {
  // Abramowitz-Stegun 7.1.26 erf approximation.
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** NLL (nats) of a grid value under a Gaussian over grid bins. */
export function gridGaussianNll(k: number, mu: number, sigma: number): number {
  const p = normalCdf((k + 0.5 - mu) / sigma) - normalCdf((k - 0.5 - mu) / sigma);
  return -Math.log(Math.max(p, 1e-9));
}

/** Validation figures of the baseline: mean NLL per note for pitch, step and duration, and RMSEs. */
export async function baselineMetrics(
  model: tf.LayersModel,
  batches: AsyncIterable<BaselineBatch>,
): Promise<Record<string, number>> {
  const preds: { step: number; dur: number; b: BaselineBatch; i: number }[] = [];
  let pitchNll = 0;
  let n = 0;
  for await (const b of batches) {
    const [lp, s, d] = tf.tidy(() => {
      const [p, s1, d1] = model.apply(tf.tensor3d(b.x, [b.size, b.window, 3])) as tf.Tensor[];
      return [tf.logSoftmax(p).arraySync() as number[][], s1.dataSync(), d1.dataSync()];
    }) as [number[][], Float32Array, Float32Array];
    for (let i = 0; i < b.size; i++) {
      pitchNll -= lp[i][b.pitch[i]];
      preds.push({ step: s[i], dur: d[i], b, i });
      n++;
    }
  }
  // Predictions in seconds -> grid steps at each example's tempo; sigma = RMSE on the grid.
  const toGrid = (sec: number, tempo: number): number => (sec * tempo * GRID) / 60;
  let se = 0;
  let de = 0;
  for (const p of preds) {
    se += (toGrid(p.step, p.b.tempo[p.i]) - p.b.stepGrid[p.i]) ** 2;
    de += (toGrid(p.dur, p.b.tempo[p.i]) - p.b.durationGrid[p.i]) ** 2;
  }
  const sSigma = Math.max(0.5, Math.sqrt(se / n));
  const dSigma = Math.max(0.5, Math.sqrt(de / n));
  let stepNll = 0;
  let durNll = 0;
  for (const p of preds) {
    stepNll += gridGaussianNll(p.b.stepGrid[p.i], toGrid(p.step, p.b.tempo[p.i]), sSigma);
    durNll += gridGaussianNll(p.b.durationGrid[p.i], toGrid(p.dur, p.b.tempo[p.i]), dSigma);
  }
  return {
    pitch: pitchNll / n,
    step: stepNll / n,
    duration: durNll / n,
    stepRmseGrid: sSigma,
    durationRmseGrid: dSigma,
    notes: n,
  };
}

/** A note the baseline writes: pitch, step and duration in seconds. */
export interface BaselineNote {
  pitch: number;
  step: number;
  duration: number;
}

/**
 * Generates notes the tutorial's way: predict from the last `window` notes, sample the pitch, take step and
 * duration from the regression heads (clamped at 0), append, slide.
 */
export function generateBaseline(
  model: tf.LayersModel,
  seed: readonly BaselineNote[],
  count: number,
  rng: Random,
  temperature = 1,
): BaselineNote[] {
  const window = seed.length;
  const notes = [...seed];
  for (let i = 0; i < count; i++) {
    const recent = notes.slice(-window);
    const [logits, step, duration] = tf.tidy(() => {
      const x = tf.tensor3d(
        recent.flatMap((n) => [n.pitch / 128, n.step, n.duration]),
        [1, window, 3],
      );
      const [p, s, d] = model.predict(x) as tf.Tensor[];
      return [Array.from(p.dataSync()), s.dataSync()[0], d.dataSync()[0]];
    }) as [number[], number, number];
    const scaled = logits.map((l) => l / temperature);
    const max = Math.max(...scaled);
    const probs = scaled.map((l) => Math.exp(l - max));
    let r = rng() * probs.reduce((a, b) => a + b, 0);
    let pitch = 0;
    while (pitch < 127 && (r -= probs[pitch]) > 0) pitch++;
    notes.push({ pitch, step: Math.max(0, step), duration: Math.max(0, duration) });
  }
  return notes.slice(window);
}

/** The first `window` notes of a stream, as baseline input (absolute pitch, seconds). */
export function baselineSeed(stream: Stream, window: number): BaselineNote[] {
  return notesOf(stream)
    .slice(0, window)
    .map((n) => ({ pitch: n.pitch, step: n.step, duration: n.duration }));
}
