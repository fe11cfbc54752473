/**
 * NoteSequence -> finished WAV: SoundFont synthesis, a fade-out, loudness normalisation to a target
 * integrated loudness (BS.1770-4) and a look-ahead limiter that keeps the sample peak under -1 dBFS.
 */
import type { NoteSequence, Role } from '../sequence';
import { durationSeconds, secondsToBeats } from '../sequence';
import { applyGain, dbToGain, fadeOut, limit } from './dynamics';
import { integratedLoudness, samplePeakDbfs } from './loudness';
import { synthesize } from './synth';
import type { WavBitDepth } from './wav';
import { encodeWav } from './wav';

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
 * An empty or silent sequence gives a silent WAV of the same length (no NaN anywhere).
 * @throws {RenderError} for a SoundFont spessasynth cannot read, or a synthesis failure.
 */
export async function renderWav(
  seq: NoteSequence,
  soundfont: Uint8Array,
  options: RenderOptions = {},
): Promise<RenderResult> {
  const o = { ...DEFAULTS, ...options };
  const { channels: mix, sampleRate } = await premix(seq, soundfont, o);
  const { channels, lufs, limitedDb } = normalise(mix, sampleRate, o);
  return {
    wav: encodeWav(channels, sampleRate, o.bitDepth),
    seconds: mix[0].length / sampleRate,
    peakDbfs: samplePeakDbfs(channels),
    lufs,
    limitedDb,
  };
}

/**
 * The mix before gain and limiting: `seq` synthesised (only the roles in `only`, when given: a stem),
 * a loop's tail folded into its start, the end faded. {@link renderWav} normalises this.
 * @throws {RenderError} for a SoundFont spessasynth cannot read, or a synthesis failure.
 */
export async function premix(
  seq: NoteSequence,
  soundfont: Uint8Array,
  options: RenderOptions & { only?: readonly Role[] } = {},
): Promise<{ channels: Float32Array[]; sampleRate: number }> {
  const o = { ...DEFAULTS, ...options };
  const length = durationSeconds(seq);
  const tail = o.loop ? Math.min(LOOP_TAIL_SECONDS, length) : 0;
  const synthesized = await synthesize(
    tail > 0 ? { ...seq, totalBeats: secondsToBeats(length + tail, seq.tempos) } : seq,
    soundfont,
    { sampleRate: o.sampleRate, effects: o.effects, ...(options.only && { only: options.only }) },
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

/**
 * Brings `source` to the target loudness under the peak ceiling: gain, limit, measure, and correct the gain
 * from the measurement (up to {@link PASSES} times, each from the untouched source). `gainDb` is the gain
 * applied before the limiter (what stems take to sum to the mix before it).
 */
export function normalise(
  source: Float32Array[],
  sampleRate: number,
  options: Pick<RenderOptions, 'targetLufs' | 'peakCeilingDbfs' | 'maxGainDb'> = {},
): { channels: Float32Array[]; lufs: number; limitedDb: number; gainDb: number } {
  const o = { ...DEFAULTS, ...options };
  const before = integratedLoudness(source, sampleRate);
  if (!Number.isFinite(before)) return { channels: source, lufs: before, limitedDb: 0, gainDb: 0 };
  let gainDb = Math.min(o.maxGainDb, o.targetLufs - before);
  let best = { channels: source, lufs: before, limitedDb: 0, gainDb: 0 };
  for (let pass = 0; pass < PASSES; pass++) {
    const channels = source.map((c) => c.slice());
    applyGain(channels, dbToGain(gainDb));
    const limitedDb = limit(channels, sampleRate, { ceilingDbfs: o.peakCeilingDbfs - 0.1 });
    const lufs = integratedLoudness(channels, sampleRate);
    best = { channels, lufs, limitedDb, gainDb };
    const error = o.targetLufs - lufs;
    if (Math.abs(error) <= TOLERANCE_LU || gainDb >= o.maxGainDb) break;
    gainDb = Math.min(o.maxGainDb, gainDb + error);
  }
  return best;
}
