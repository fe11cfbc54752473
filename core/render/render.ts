/**
 * NoteSequence -> finished WAV: SoundFont synthesis, a DC blocker, a fade-out, loudness normalisation to a
 * target integrated loudness (BS.1770-4) and a look-ahead limiter that keeps the sample peak under -1 dBFS.
 */
import type { NoteSequence, Role } from '../sequence';
import { durationSeconds, secondsToBeats } from '../sequence';
import { borrow, giveBack } from './buffers';
import { blockDc } from './dc';
import { fadeOut } from './dynamics';
import { finishSteps } from './finish';
import type { LevelOptions } from './normalise';
import { LEVEL_DEFAULTS, levelSteps } from './normalise';
import type { SliceOptions, Slicer } from './slice';
import { slicer } from './slice';
import { driveSteps } from './steps';
import { synthesize } from './synth';
import type { WavBitDepth } from './wav';

/** Settings of {@link renderWav}; every field has a default. */
export interface RenderOptions extends LevelOptions {
  /** Sample rate in Hz. Default 48000. */
  sampleRate?: number;
  /** WAV sample width. Default 16. */
  bitDepth?: WavBitDepth;
  /** Longest fade-out at the end, in seconds. Default 1.5. */
  fadeSeconds?: number;
  /** Fade-out as a share of the whole piece, for short pieces (the shorter of the two wins). Default 0.1. */
  fadeShare?: number;
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
  ...LEVEL_DEFAULTS,
  sampleRate: 48000,
  bitDepth: 16,
  fadeSeconds: 1.5,
  fadeShare: 0.1,
  effects: true,
  loop: false,
};

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
  giveBack(...mix);
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
  const level = await driveSteps(levelSteps(mix, sampleRate, o), slice.part(0, 0.6));
  const { wav, lufs, peakDbfs } = await driveSteps(
    finishSteps(mix, level, sampleRate, o.bitDepth),
    slice.part(0.6, 1),
  );
  giveBack(level.curve);
  const seconds = mix[0].length / sampleRate;
  return { wav, seconds, peakDbfs, lufs, limitedDb: level.limitedDb, gainDb: level.gainDb };
}

/**
 * The mix before gain and limiting: `seq` synthesised (only the roles in `only`, when given: a stem),
 * a loop's tail folded into its start, its DC offset removed ({@link blockDc}), the end faded.
 * {@link renderWav} normalises this.
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
  blockDc(channels, sampleRate, { loop: o.loop });
  const seconds = channels[0].length / sampleRate;
  if (!o.loop) fadeOut(channels, sampleRate, Math.min(o.fadeSeconds, seconds * o.fadeShare));
  return { channels, sampleRate };
}

/** The first `frames` samples of `c`, with whatever lies beyond them added back onto the start. */
function foldTail(c: Float32Array, frames: number): Float32Array {
  if (c.length <= frames) return c;
  const out = borrow(frames);
  out.set(c.subarray(0, frames));
  for (let i = frames; i < c.length; i++) out[(i - frames) % Math.max(1, frames)] += c[i];
  giveBack(c);
  return out;
}
