/**
 * Loudness normalisation under a peak ceiling: the gain that brings a premix to its target integrated
 * loudness (BS.1770-4) and the look-ahead limiter's curve that keeps it under the ceiling, found in a few
 * passes over one peak envelope and one set of K-weighted squares.
 */
import { borrow, giveBack } from './buffers';
import type { LimiterCurve } from './dynamics';
import { dbToGain, limiterCurveSteps, peakEnvelopeSteps } from './dynamics';
import { blockPowerSteps, gatedLoudness, weightedBlockPowerSteps } from './loudness';
import type { Steps } from './steps';
import { runSteps, STEP_SAMPLES } from './steps';

/** Settings of {@link normalise}; every field has a default. */
export interface LevelOptions {
  /** Integrated loudness to normalise to, in LUFS. Default -16. */
  targetLufs?: number;
  /** Highest sample peak, in dBFS; the limiter aims 0.1 dB below it. Default -1. */
  peakCeilingDbfs?: number;
  /** Largest gain the normaliser may add, in dB (keeps a near-silent piece from being blown up). Default 40. */
  maxGainDb?: number;
}

/** Defaults of {@link LevelOptions}. */
export const LEVEL_DEFAULTS: Required<LevelOptions> = { targetLufs: -16, peakCeilingDbfs: -1, maxGainDb: 40 };
/** Passes of gain-then-limit: limiting lowers loudness a little, so the gain is corrected and re-applied. */
const PASSES = 3;
/** Loudness error accepted without another pass, in LU. */
const TOLERANCE_LU = 0.1;

/** What {@link normalise} returns. */
export interface Normalised {
  channels: Float32Array[];
  lufs: number;
  limitedDb: number;
  /** The gain applied before the limiter, dB (0 for silence). */
  gainDb: number;
}

/** The level a source is brought to: out = source x `gain` x `curve` (when there is one). */
export interface Level {
  gain: number;
  /** The limiter's gain at every sample; null when nothing is limited. */
  curve: Float32Array | null;
  /** `gain` in dB (0 for silence). */
  gainDb: number;
  limitedDb: number;
}

/**
 * Brings `source` to the target loudness under the peak ceiling: gain, limit, measure, and correct the gain
 * from the measurement (up to {@link PASSES} times, each from the untouched source). The peak envelope and
 * the source's gating blocks are measured once; a pass without limiting reads its loudness from them.
 * `gainDb` is the gain applied before the limiter (what stems take to sum to the mix before it).
 */
export function normalise(
  source: Float32Array[],
  sampleRate: number,
  options: LevelOptions = {},
): Normalised {
  return runSteps(normaliseSteps(source, sampleRate, options));
}

/** {@link normalise} as steps that yield their progress. */
export function* normaliseSteps(
  source: Float32Array[],
  sampleRate: number,
  options: LevelOptions = {},
): Steps<Normalised> {
  const level = yield* scaled(levelSteps(source, sampleRate, options), (f) => 0.75 * f);
  const { gain, curve, gainDb, limitedDb } = level;
  const channels = source.map((c) => new Float32Array(c.length));
  for (let k = 0; k < source.length; k++)
    for (let from = 0; from < source[k].length; from += STEP_SAMPLES) {
      const to = Math.min(source[k].length, from + STEP_SAMPLES);
      applyLevel(source[k], channels[k], gain, curve, from, to);
      yield 0.75 + 0.05 * ((k + to / source[k].length) / source.length);
    }
  giveBack(curve);
  // What is reported is measured on the finished audio itself.
  const lufs = gatedLoudness(yield* scaled(blockPowerSteps(channels, sampleRate), (f) => 0.8 + 0.2 * f));
  return { channels, lufs, limitedDb, gainDb };
}

/**
 * The gain and limiter curve of {@link normalise}, without applying them (see {@link applyLevel}); for
 * silence, a gain of 1 and no curve. The curve is lent (`buffers.ts`): give it back when done with it.
 */
export function* levelSteps(
  source: readonly Float32Array[],
  sampleRate: number,
  options: LevelOptions = {},
): Steps<Level> {
  const o = { ...LEVEL_DEFAULTS, ...options };
  const share = (from: number, to: number) => (f: number) => from + (to - from) * f;
  const length = source[0]?.length ?? 0;
  const squares = borrow(length);
  const blocks = yield* scaled(blockPowerSteps(source, sampleRate, squares), share(0, 0.25));
  const before = gatedLoudness(blocks);
  if (!Number.isFinite(before)) {
    giveBack(squares);
    return { gain: 1, curve: null, gainDb: 0, limitedDb: 0 };
  }
  const env = yield* scaled(peakEnvelopeSteps(source), share(0.25, 0.4));
  // One buffer for every pass's curve: each pass replaces the one before.
  const buffer = borrow(length);
  let gainDb = Math.min(o.maxGainDb, o.targetLufs - before);
  let level: Level = { gain: 1, curve: null, gainDb: 0, limitedDb: 0 };
  for (let pass = 0; pass < PASSES; pass++) {
    const at = 0.4 + (0.6 * pass) / PASSES;
    const gain = dbToGain(gainDb);
    const limiter = { ceilingDbfs: o.peakCeilingDbfs - 0.1 };
    const curve: LimiterCurve | null = yield* scaled(
      limiterCurveSteps(env, gain, sampleRate, limiter, buffer),
      share(at, at + 0.15),
    );
    level = {
      gain,
      curve: curve?.gain ?? null,
      gainDb,
      limitedDb: curve ? -20 * Math.log10(curve.deepest) : 0,
    };
    // The loudness after gain and limiter, from the source's K-weighted squares (see weightedBlockPowerSteps).
    const lufs = curve
      ? gatedLoudness(
          (yield* scaled(
            weightedBlockPowerSteps(squares, curve.gain, sampleRate),
            share(at + 0.15, at + 0.2),
          )).map((p) => p * gain * gain),
        )
      : gatedLoudness(blocks.map((p) => p * gain * gain));
    const error = o.targetLufs - lufs;
    if (Math.abs(error) <= TOLERANCE_LU || gainDb >= o.maxGainDb) break;
    gainDb = Math.min(o.maxGainDb, gainDb + error);
  }
  giveBack(squares, env, level.curve ? null : buffer);
  return level;
}

/** out = source x gain (x curve) over [from, to) (a plain loop: generators run hot loops slowly). */
export function applyLevel(
  source: Float32Array,
  out: Float32Array,
  gain: number,
  curve: Float32Array | null,
  from: number,
  to: number,
  at = from,
): void {
  const shift = at - from;
  if (curve) for (let i = from; i < to; i++) out[i + shift] = source[i] * gain * curve[i];
  else for (let i = from; i < to; i++) out[i + shift] = source[i] * gain;
}

/** Runs `steps`, mapping the progress it yields through `map`. */
function* scaled<T>(steps: Generator<number, T, void>, map: (f: number) => number): Steps<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    yield map(r.value);
  }
}
