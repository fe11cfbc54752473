/**
 * Gain stages of the renderer, in place on float PCM: gain, fade-out, and a look-ahead peak limiter whose
 * output never exceeds its ceiling (inter-sample peaks are estimated at half-sample positions too).
 */

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
 * The level a limiter must respect at each sample: the larger of the sample's magnitude over all channels
 * and a 4-point estimate of the signal halfway to the next sample (a cheap true-peak guard).
 */
function peakEnvelope(channels: readonly Float32Array[]): Float32Array {
  const length = channels[0].length;
  const env = new Float32Array(length);
  for (const ch of channels)
    for (let i = 0; i < length; i++) {
      const a = ch[Math.max(0, i - 1)];
      const b = ch[i];
      const c = i + 1 < length ? ch[i + 1] : 0;
      const d = i + 2 < length ? ch[i + 2] : 0;
      const mid = (9 * (b + c) - a - d) / 16;
      env[i] = Math.max(env[i], Math.abs(b), Math.abs(mid));
    }
  return env;
}

/** Minimum of `x` over the window [i, i + w - 1] for every i (monotone deque, O(n)). */
function forwardMin(x: Float32Array, w: number): Float32Array {
  const out = new Float32Array(x.length);
  const deque = new Int32Array(x.length);
  let head = 0;
  let tail = 0;
  for (let j = x.length - 1; j >= 0; j--) {
    while (tail > head && x[deque[tail - 1]] >= x[j]) tail--;
    deque[tail++] = j;
    while (deque[head] > j + w - 1) head++;
    out[j] = x[deque[head]];
  }
  return out;
}

/**
 * Look-ahead peak limiter, in place. The gain each sample needs is held over the look-ahead window, released
 * exponentially, then smoothed by a moving average as long as the window: each averaged gain is a mean of
 * values no larger than the gain needed at that sample, so the output never exceeds the ceiling.
 * @returns the largest gain reduction applied, in dB (0 when nothing was limited).
 */
export function limit(
  channels: readonly Float32Array[],
  sampleRate: number,
  options: LimiterOptions = {},
): number {
  const o = { ...LIMITER_DEFAULTS, ...options };
  const length = channels[0]?.length ?? 0;
  if (length === 0) return 0;
  const ceiling = dbToGain(o.ceilingDbfs);
  const w = Math.max(1, Math.round(o.lookaheadSeconds * sampleRate));
  const env = peakEnvelope(channels);
  const need = new Float32Array(length);
  let limited = false;
  for (let i = 0; i < length; i++) {
    need[i] = env[i] > ceiling ? ceiling / env[i] : 1;
    if (need[i] < 1) limited = true;
  }
  if (!limited) return 0;
  const held = forwardMin(need, w);
  const release = 1 - Math.exp(-1 / (o.releaseSeconds * sampleRate));
  for (let i = 1; i < length; i++) held[i] = Math.min(held[i], held[i - 1] + (1 - held[i - 1]) * release);
  // Moving average over the w samples ending at i (samples before the start count as the first gain).
  let sum = held[0] * w;
  let deepest = 1;
  for (let i = 0; i < length; i++) {
    sum += held[i] - (i >= w ? held[i - w] : held[0]);
    // Rounding in the running sum must never lift the gain above what this sample needs.
    const g = Math.min(sum / w, need[i]);
    deepest = Math.min(deepest, g);
    for (const ch of channels) ch[i] *= g;
  }
  return -20 * Math.log10(deepest);
}
