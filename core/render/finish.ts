/**
 * The last sweep of a render: the normaliser's gain and the limiter's curve applied to the premix, the
 * result measured (sample peak, BS.1770-4 loudness) and written as WAV samples, a 100 ms stretch at a time
 * through one short buffer that stays in cache, instead of a finished copy of the audio read three times.
 * It gives exactly what applying the level, then `integratedLoudness`, `samplePeakDbfs` and `encodeWav`
 * give (the same arithmetic in the same order).
 */
import { RenderError } from '../errors';
import type { Level } from './normalise';
import { applyLevel } from './normalise';
import { kEnergy, kFilter } from './kweight';
import { blocksOfSteps, gatedLoudness, gatingStep } from './loudness';
import type { Steps } from './steps';
import type { WavBitDepth } from './wav';
import { newWav, writeSamples } from './wav';

/** The finished WAV and what was measured on its samples before they were quantised. */
export interface Finished {
  wav: Uint8Array;
  /** Integrated loudness, LUFS (`-Infinity` for silence). */
  lufs: number;
  /** Sample peak, dBFS (`-Infinity` for silence). */
  peakDbfs: number;
}

/** Gating blocks per BS.1770 block (400 ms in 100 ms steps). */
const STEPS_PER_BLOCK = 4;

/**
 * `source` x `level` as a WAV, with its loudness and peak, in one pass per channel.
 * @throws {RenderError} on no channels or audio too long for a WAV file.
 */
export function* finishSteps(
  source: readonly Float32Array[],
  level: Pick<Level, 'gain' | 'curve'>,
  sampleRate: number,
  bitDepth: WavBitDepth,
): Steps<Finished> {
  if (source.length === 0) throw new RenderError('WAV needs at least one channel');
  const frames = source[0].length;
  const wav = newWav(frames, source.length, sampleRate, bitDepth);
  const step = gatingStep(sampleRate);
  // Shorter than one gating block: one block over the whole length (as blockPowers measures it).
  const whole = frames < STEPS_PER_BLOCK * step;
  const size = whole ? frames : step;
  const chunks = source.map(() => new Float32Array(size));
  const filters = source.map(() => kFilter(sampleRate));
  const energies = source.map(() => new Float64Array(whole ? 1 : Math.floor(frames / step)));
  let peak = 0;
  for (let j = 0, from = 0; from < frames; j++, from += size) {
    const to = Math.min(frames, from + size);
    const parts = chunks.map((c) => (to - from === size ? c : c.subarray(0, to - from)));
    for (let c = 0; c < source.length; c++) {
      applyLevel(source[c], parts[c], level.gain, level.curve, from, to, 0);
      peak = peakOf(parts[c], peak);
      writeSamples(wav, parts[c], c, from);
    }
    if (j < energies[0].length)
      for (let c = 0; c < source.length; c++) energies[c][j] = kEnergy(filters[c], parts[c]);
    if (j % 4 === 3) yield to / frames;
  }
  const blocks =
    frames === 0
      ? []
      : whole
        ? [energies.reduce((sum, e) => sum + e[0] / frames, 0)]
        : blocksOfSteps(energies, step);
  return {
    wav: wav.bytes,
    lufs: gatedLoudness(blocks),
    peakDbfs: peak > 0 ? 20 * Math.log10(peak) : -Infinity,
  };
}

/** The larger of `peak` and the largest magnitude in `x`. */
function peakOf(x: Float32Array, peak: number): number {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const m = v < 0 ? -v : v;
    if (m > peak) peak = m;
  }
  return peak;
}
