/**
 * NoteSequence -> finished WAV: SoundFont synthesis, a fade-out, loudness normalisation to a target
 * integrated loudness (BS.1770-4) and a look-ahead limiter that keeps the sample peak under -1 dBFS.
 */
import type { NoteSequence, Role } from '../sequence';
import { durationSeconds, secondsToBeats } from '../sequence';
import type { LimiterCurve } from './dynamics';
import { dbToGain, fadeOut, limiterCurveSteps, peakEnvelopeSteps } from './dynamics';
import { blockPowerSteps, gatedLoudness, samplePeakDbfs, weightedBlockPowerSteps } from './loudness';
import type { SliceOptions, Slicer } from './slice';
import { slicer } from './slice';
import type { Steps } from './steps';
import { driveSteps, runSteps, STEP_SAMPLES } from './steps';
import { synthesize } from './synth';
import type { WavBitDepth } from './wav';
import { encodeWavSteps } from './wav';

/** Settings of {@link renderWav}; every field has a default. */
export interface RenderOptions {
  /** Sample rate in Hz. Default 48000. */
  sampleRate?: number;
  /** WAV sample width. Default 16. */
  bitDepth?: WavBitDepth;
  /** Integrated loudness to normalise to, in LUFS. Default -16. */
  targetLufs?: number;
  /** Highest sample peak, in dBFS; the limiter aims 0.1 dB below it. Default -1. */
  peakCeilingDbfs?: number;
  /** Longest fade-out at the end, in seconds. Default 1.5. */
  fadeSeconds?: number;
  /** Fade-out as a share of the whole piece, for short pieces (the shorter of the two wins). Default 0.1. */
  fadeShare?: number;
  /** Largest gain the normaliser may add, in dB (keeps a near-silent piece from being blown up). Default 40. */
  maxGainDb?: number;
  /** Whether the synth's reverb and chorus run. Default true. */
  effects?: boolean;
  /**
   * Render for looping: no fade-out, and the release and reverb tail that rings past the end (up to
   * {@link LOOP_TAIL_SECONDS}) is mixed into the start, so the file repeats without a seam. Default false.
   */
  loop?: boolean;
}

/** Longest tail folded back into the start of a loop, in seconds. */
export const LOOP_TAIL_SECONDS = 2;

/** A rendered piece and what was measured on it. */
export interface RenderResult {
  /** The WAV file's bytes (PCM, stereo). */
  wav: Uint8Array;
  /** Length in seconds (frames / sample rate). */
  seconds: number;
  /** Sample peak of the final audio, dBFS (`-Infinity` for silence). */
  peakDbfs: number;
  /** Integrated loudness of the final audio, LUFS (`-Infinity` for silence). */
  lufs: number;
  /** Largest gain reduction the limiter applied, dB. */
  limitedDb: number;
}

const DEFAULTS: Required<RenderOptions> = {
  sampleRate: 48000,
  bitDepth: 16,
  targetLufs: -16,
  peakCeilingDbfs: -1,
  fadeSeconds: 1.5,
  fadeShare: 0.1,
  maxGainDb: 40,
  effects: true,
  loop: false,
};
/** Passes of gain-then-limit: limiting lowers loudness a little, so the gain is corrected and re-applied. */
const PASSES = 3;
/** Loudness error accepted without another pass, in LU. */
const TOLERANCE_LU = 0.1;

/**
 * Renders a NoteSequence to a stereo WAV of exactly `durationSeconds(seq)` with the given SoundFont bytes.
 * An empty or silent sequence gives a silent WAV of the same length (no NaN anywhere). With `slicing`, the
 * work shares its thread: it pauses every `budgetMs`, reports progress and can be cancelled.
 * @throws {RenderError} for a SoundFont spessasynth cannot read, or a synthesis failure.
 * @throws {CancelledError} when `slicing.signal` is aborted.
 */
export async function renderWav(
  seq: NoteSequence,
  soundfont: Uint8Array,
  options: RenderOptions = {},
  slicing: SliceOptions = {},
): Promise<RenderResult> {
  const o = { ...DEFAULTS, ...options };
  const slice = slicer(slicing);
  const { channels: mix, sampleRate } = await premix(seq, soundfont, o, slice.part(0, 0.7));
  const { gainDb: _gain, ...result } = await master(mix, sampleRate, o, slice.part(0.7, 1));
  await slice.tick(1);
  return result;
}

/**
 * The finished WAV of a premix ({@link premix}): normalised, limited and encoded, with what was measured and
 * the gain applied before the limiter.
 * @throws {CancelledError} when `slice`'s signal is aborted.
 */
export async function master(
  mix: Float32Array[],
  sampleRate: number,
  options: RenderOptions,
  slice: Slicer,
): Promise<RenderResult & { gainDb: number }> {
  const o = { ...DEFAULTS, ...options };
  const { channels, lufs, limitedDb, gainDb } = await driveSteps(
    normaliseSteps(mix, sampleRate, o),
    slice.part(0, 0.9),
  );
  const wav = await driveSteps(encodeWavSteps(channels, sampleRate, o.bitDepth), slice.part(0.9, 1));
  const seconds = mix[0].length / sampleRate;
  return { wav, seconds, peakDbfs: samplePeakDbfs(channels), lufs, limitedDb, gainDb };
}

/**
 * The mix before gain and limiting: `seq` synthesised (only the roles in `only`, when given: a stem),
 * a loop's tail folded into its start, the end faded. {@link renderWav} normalises this.
 * @throws {RenderError} for a SoundFont spessasynth cannot read, or a synthesis failure.
 * @throws {CancelledError} when `slicing`'s signal is aborted.
 */
export async function premix(
  seq: NoteSequence,
  soundfont: Uint8Array,
  options: RenderOptions & { only?: readonly Role[] } = {},
  slicing: SliceOptions | Slicer = {},
): Promise<{ channels: Float32Array[]; sampleRate: number }> {
  const o = { ...DEFAULTS, ...options };
  const length = durationSeconds(seq);
  const tail = o.loop ? Math.min(LOOP_TAIL_SECONDS, length) : 0;
  const synthesized = await synthesize(
    tail > 0 ? { ...seq, totalBeats: secondsToBeats(length + tail, seq.tempos) } : seq,
    soundfont,
    { sampleRate: o.sampleRate, effects: o.effects, ...(options.only && { only: options.only }) },
    slicing,
  );
  const sampleRate = synthesized.sampleRate;
  const frames = Math.round(length * sampleRate);
  const channels = [synthesized.left, synthesized.right].map((c) => foldTail(c, frames));
  const seconds = channels[0].length / sampleRate;
  if (!o.loop) fadeOut(channels, sampleRate, Math.min(o.fadeSeconds, seconds * o.fadeShare));
  return { channels, sampleRate };
}

/** The first `frames` samples of `c`, with whatever lies beyond them added back onto the start. */
function foldTail(c: Float32Array, frames: number): Float32Array {
  if (c.length <= frames) return c;
  const out = c.slice(0, frames);
  for (let i = frames; i < c.length; i++) out[(i - frames) % Math.max(1, frames)] += c[i];
  return out;
}

/** What {@link normalise} returns. */
export interface Normalised {
  channels: Float32Array[];
  lufs: number;
  limitedDb: number;
  /** The gain applied before the limiter, dB (0 for silence). */
  gainDb: number;
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
  options: Pick<RenderOptions, 'targetLufs' | 'peakCeilingDbfs' | 'maxGainDb'> = {},
): Normalised {
  return runSteps(normaliseSteps(source, sampleRate, options));
}

/** {@link normalise} as steps that yield their progress. */
export function* normaliseSteps(
  source: Float32Array[],
  sampleRate: number,
  options: Pick<RenderOptions, 'targetLufs' | 'peakCeilingDbfs' | 'maxGainDb'> = {},
): Steps<Normalised> {
  const o = { ...DEFAULTS, ...options };
  const share = (from: number, to: number) => (f: number) => from + (to - from) * f;
  const squares = new Float32Array(source[0]?.length ?? 0);
  const blocks = yield* scaled(blockPowerSteps(source, sampleRate, undefined, squares), share(0, 0.2));
  const before = gatedLoudness(blocks);
  if (!Number.isFinite(before)) return { channels: source, lufs: before, limitedDb: 0, gainDb: 0 };
  const env = yield* scaled(peakEnvelopeSteps(source), share(0.2, 0.3));
  let gainDb = Math.min(o.maxGainDb, o.targetLufs - before);
  let gain = 1;
  let appliedDb = 0;
  let curve: LimiterCurve | null = null;
  for (let pass = 0; pass < PASSES; pass++) {
    const at = 0.3 + (0.45 * pass) / PASSES;
    gain = dbToGain(gainDb);
    appliedDb = gainDb;
    curve = yield* scaled(
      limiterCurveSteps(env, gain, sampleRate, { ceilingDbfs: o.peakCeilingDbfs - 0.1 }),
      share(at, at + 0.1),
    );
    // The loudness after gain and limiter, from the source's K-weighted squares (see weightedBlockPowerSteps).
    const lufs = curve
      ? gatedLoudness(
          (yield* scaled(
            weightedBlockPowerSteps(squares, curve.gain, sampleRate),
            share(at + 0.1, at + 0.15),
          )).map((p) => p * gain * gain),
        )
      : gatedLoudness(blocks.map((p) => p * gain * gain));
    const error = o.targetLufs - lufs;
    if (Math.abs(error) <= TOLERANCE_LU || gainDb >= o.maxGainDb) break;
    gainDb = Math.min(o.maxGainDb, gainDb + error);
  }
  const channels = source.map((c) => new Float32Array(c.length));
  for (let k = 0; k < source.length; k++)
    for (let from = 0; from < source[k].length; from += STEP_SAMPLES) {
      const to = Math.min(source[k].length, from + STEP_SAMPLES);
      applyRange(source[k], channels[k], gain, curve?.gain ?? null, from, to);
      yield 0.75 + 0.05 * ((k + to / source[k].length) / source.length);
    }
  // What is reported is measured on the finished audio itself.
  const lufs = gatedLoudness(yield* scaled(blockPowerSteps(channels, sampleRate), share(0.8, 1)));
  return { channels, lufs, limitedDb: curve ? -20 * Math.log10(curve.deepest) : 0, gainDb: appliedDb };
}

/** out = c x gain (x curve) over [from, to) (a plain loop: generators run hot loops slowly). */
function applyRange(
  c: Float32Array,
  out: Float32Array,
  gain: number,
  curve: Float32Array | null,
  from: number,
  to: number,
): void {
  if (curve) for (let i = from; i < to; i++) out[i] = c[i] * gain * curve[i];
  else for (let i = from; i < to; i++) out[i] = c[i] * gain;
}

/** Runs `steps`, mapping the progress it yields through `map`. */
function* scaled<T>(steps: Generator<number, T, void>, map: (f: number) => number): Steps<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    yield map(r.value);
  }
}
