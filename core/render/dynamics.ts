/**
 * Gain stages of the renderer on float PCM: gain, fade-out, and a look-ahead peak limiter whose output
 * never exceeds its ceiling (inter-sample peaks are estimated at half-sample positions too). The limiter's
 * gain curve is computed from a peak envelope apart from the audio, so that a normaliser can try several
 * gains over one envelope.
 */
import { borrow } from './buffers';
import { raiseEnvelope, windowMax } from './peaks';
import type { Steps } from './steps';
import { runSteps, STEP_SAMPLES } from './steps';

/** Settings of {@link limit}. */
export interface LimiterOptions {
  /** Highest allowed level, in dBFS. Default -1.1 (a margin under -1 dBFS for 16-bit rounding). */
  ceilingDbfs?: number;
  /** Look-ahead (and attack) time in seconds. Default 0.005. */
  lookaheadSeconds?: number;
  /** Release time constant in seconds. Default 0.08. */
  releaseSeconds?: number;
}

const LIMITER_DEFAULTS: Required<LimiterOptions> = {
  ceilingDbfs: -1.1,
  lookaheadSeconds: 0.005,
  releaseSeconds: 0.08,
};

/** Converts decibels to a linear amplitude factor. */
export const dbToGain = (db: number): number => 10 ** (db / 20);

/** Multiplies every sample of every channel by `gain`. */
export function applyGain(channels: readonly Float32Array[], gain: number): void {
  if (gain === 1) return;
  for (const ch of channels) for (let i = 0; i < ch.length; i++) ch[i] *= gain;
}

/**
 * Fades the last `seconds` out to silence along a half-cosine (smooth at both ends); the last sample is 0.
 * A fade longer than the signal covers the whole signal.
 */
export function fadeOut(channels: readonly Float32Array[], sampleRate: number, seconds: number): void {
  const length = channels[0]?.length ?? 0;
  const n = Math.min(length, Math.round(seconds * sampleRate));
  if (n <= 0) return;
  const start = length - n;
  for (let i = 0; i < n; i++) {
    const g = 0.5 + 0.5 * Math.cos((Math.PI * (i + 1)) / n);
    for (const ch of channels) ch[start + i] *= g;
  }
}

/**
 * The envelope of one channel over [from, to), raised into `env` (see {@link peakEnvelopeSteps}); `mid` is
 * scratch of at least `to - from` floats.
 */
function envelopeRange(
  ch: Float32Array,
  env: Float32Array,
  mid: Float32Array,
  from: number,
  to: number,
): void {
  const length = ch.length;
  // Inside [1, length - 2) every neighbour exists: a branch-free loop (the same arithmetic as at the edges).
  const lo = Math.min(to, Math.max(from, 1));
  const hi = Math.max(lo, Math.min(to, length - 2));
  for (let i = from; i < lo; i++) envelopeAt(ch, env, i);
  raiseEnvelope(ch, env, mid, lo, hi);
  for (let i = hi; i < to; i++) envelopeAt(ch, env, i);
}

/** {@link envelopeRange} at one sample, with the signal taken as its first sample before it and 0 after. */
function envelopeAt(ch: Float32Array, env: Float32Array, i: number): void {
  const length = ch.length;
  const a = ch[i > 0 ? i - 1 : 0];
  const b = ch[i];
  const c = i + 1 < length ? ch[i + 1] : 0;
  const d = i + 2 < length ? ch[i + 2] : 0;
  const mid = (9 * (b + c) - a - d) / 16;
  const m = Math.max(b < 0 ? -b : b, mid < 0 ? -mid : mid);
  if (m > env[i]) env[i] = m;
}

/**
 * The level a limiter must respect at each sample: the larger of the sample's magnitude over all channels
 * and a 4-point estimate of the signal halfway to the next sample (a cheap true-peak guard).
 */
export function* peakEnvelopeSteps(channels: readonly Float32Array[]): Steps<Float32Array> {
  const length = channels[0]?.length ?? 0;
  const env = borrow(length);
  const mid = new Float32Array(Math.min(length, STEP_SAMPLES));
  for (let c = 0; c < channels.length; c++)
    for (let from = 0; from < length; from += STEP_SAMPLES) {
      const to = Math.min(length, from + STEP_SAMPLES);
      envelopeRange(channels[c], env, mid, from, to);
      yield (c + to / length) / channels.length;
    }
  return env;
}

/** The limiter's gain at every sample, and its deepest value. */
export interface LimiterCurve {
  gain: Float32Array;
  deepest: number;
}

/**
 * Minimum over [i, i + w - 1] of the gain each sample needs, into `into` when given (a buffer of `env`'s
 * length) or a new array. The need `e > ceiling ? ceiling / e : 1` falls as the level `e` rises, so a
 * window's least need is the need of its loudest sample: the window maxima of `env`, then one division.
 */
function* heldNeed(env: Float32Array, ceiling: number, w: number, into?: Float32Array): Steps<Float32Array> {
  const length = env.length;
  const held = into ?? new Float32Array(length);
  const prefix = new Int32Array(w);
  const stretch = Math.max(1, Math.round(STEP_SAMPLES / w)) * w;
  for (let from = 0; from < length; from += stretch) {
    const to = Math.min(length, from + stretch);
    windowMax(env, w, held, prefix, from, to);
    needRange(held, ceiling, from, to);
    yield 0.1 + (0.4 * to) / length;
  }
  return held;
}

/** Each level in `held` [from, to) replaced by the gain it needs under `ceiling` (a plain loop). */
function needRange(held: Float32Array, ceiling: number, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const m = held[i];
    held[i] = m > ceiling ? ceiling / m : 1;
  }
}

/** State of {@link releaseAndSmooth}, carried from chunk to chunk. */
interface SmoothState {
  ring: Float32Array;
  previous: number;
  sum: number;
  deepest: number;
}

/** Release and smoothing over [from, to) (a plain loop, see {@link holdRange}). */
function smoothRange(
  held: Float32Array,
  env: Float32Array,
  ceiling: number,
  release: number,
  s: SmoothState,
  from: number,
  to: number,
): void {
  const { ring } = s;
  const w = ring.length;
  let { previous, sum, deepest } = s;
  for (let i = from; i < to; i++) {
    let h = held[i];
    if (i > 0) {
      const up = previous + (1 - previous) * release;
      if (up < h) h = up;
    }
    previous = h;
    // Moving average over the w released gains ending at i (before the start: the first gain).
    const k = i % w;
    sum += h - ring[k];
    ring[k] = h;
    const need = env[i] > ceiling ? ceiling / env[i] : 1;
    const a = sum / w;
    // Rounding in the running sum must never lift the gain above what this sample needs.
    const g = a < need ? a : need;
    if (g < deepest) deepest = g;
    held[i] = g;
  }
  s.previous = previous;
  s.sum = sum;
  s.deepest = deepest;
}

/**
 * Releases `held` exponentially and smooths it by a moving average of `w` samples, in place, never above the
 * gain each sample needs; returns the deepest gain.
 */
function* releaseAndSmooth(
  held: Float32Array,
  env: Float32Array,
  ceiling: number,
  w: number,
  release: number,
): Steps<number> {
  const length = held.length;
  const s: SmoothState = {
    ring: new Float32Array(w).fill(held[0]),
    previous: held[0],
    sum: held[0] * w,
    deepest: 1,
  };
  for (let from = 0; from < length; from += STEP_SAMPLES) {
    smoothRange(held, env, ceiling, release, s, from, Math.min(length, from + STEP_SAMPLES));
    yield 0.5 + (0.5 * from) / length;
  }
  return s.deepest;
}

/**
 * The gain a look-ahead limiter applies to a signal whose peak envelope is `env` x `scale`: the gain each
 * sample needs is held over the look-ahead window, released exponentially, then smoothed by a moving
 * average as long as the window. Each averaged gain is a mean of values no larger than the gain needed at
 * that sample, so the output never exceeds the ceiling. `null` when nothing needs limiting. The curve is
 * written into `into` when given (a buffer of `env`'s length, reused from pass to pass), else a new array.
 */
export function* limiterCurveSteps(
  env: Float32Array,
  scale: number,
  sampleRate: number,
  options: LimiterOptions = {},
  into?: Float32Array,
): Steps<LimiterCurve | null> {
  const o = { ...LIMITER_DEFAULTS, ...options };
  const ceiling = dbToGain(o.ceilingDbfs) / scale;
  let loudest = 0;
  for (let i = 0; i < env.length; i++) if (env[i] > loudest) loudest = env[i];
  if (loudest <= ceiling) return null;
  yield 0.1;
  const w = Math.max(1, Math.round(o.lookaheadSeconds * sampleRate));
  const gain = yield* heldNeed(env, ceiling, w, into);
  const deepest = yield* releaseAndSmooth(
    gain,
    env,
    ceiling,
    w,
    1 - Math.exp(-1 / (o.releaseSeconds * sampleRate)),
  );
  return { gain, deepest };
}

/**
 * Look-ahead peak limiter, in place (see {@link limiterCurveSteps}).
 * @returns the largest gain reduction applied, in dB (0 when nothing was limited).
 */
export function limit(
  channels: readonly Float32Array[],
  sampleRate: number,
  options: LimiterOptions = {},
): number {
  if ((channels[0]?.length ?? 0) === 0) return 0;
  const curve = runSteps(limiterCurveSteps(runSteps(peakEnvelopeSteps(channels)), 1, sampleRate, options));
  if (!curve) return 0;
  for (const ch of channels) for (let i = 0; i < ch.length; i++) ch[i] *= curve.gain[i];
  return -20 * Math.log10(curve.deepest);
}
