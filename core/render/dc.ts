/**
 * A DC blocker for the premix. Some SoundFont samples carry a DC offset (FluidR3's Warm Pad, program 89:
 * its mean is about half its RMS), the synth's reverb passes DC on, and the loudness normaliser cannot
 * see it (BS.1770's K-weighting has a high-pass at about 38 Hz), so a quiet pad piece came out of the
 * normaliser sitting a third of full scale off zero: headroom lost to the limiter, a click wherever an
 * editor cuts the file. A one-pole high-pass far under the lowest note removes it.
 */
import type { Seconds } from '../sequence';

/** Corner frequency of the DC blocker, Hz: under a tenth of a dB off at E1 (41 Hz), a bass's lowest note. */
export const DC_CUTOFF_HZ = 5;

/** Settings of {@link blockDc}. */
export interface DcBlockOptions {
  /** Corner frequency in Hz. Default {@link DC_CUTOFF_HZ}. */
  cutoffHz?: number;
  /**
   * The audio repeats (a loop): the filter starts as if the end had just played, so that the seam carries
   * no step. Default false (it starts from silence).
   */
  loop?: boolean;
}

/** Time constant of a one-pole filter with corner `cutoffHz`. */
const timeConstant = (cutoffHz: number): Seconds => 1 / (2 * Math.PI * cutoffHz);

/**
 * Removes the DC offset of every channel in place: `y[n] = x[n] - x[n-1] + r * y[n-1]` with
 * `r = exp(-2 pi fc / fs)`, a first-order high-pass whose gain at DC is exactly zero. With `loop`, the
 * filter's state is first run over the last ten time constants of the channel (wrapping round a shorter
 * one), so the output is the loop's steady state and its end meets its start.
 */
export function blockDc(
  channels: readonly Float32Array[],
  sampleRate: number,
  options: DcBlockOptions = {},
): void {
  const cutoff = options.cutoffHz ?? DC_CUTOFF_HZ;
  const r = Math.exp((-2 * Math.PI * cutoff) / sampleRate);
  const warm = options.loop ? Math.ceil(10 * timeConstant(cutoff) * sampleRate) : 0;
  for (const ch of channels) {
    const n = ch.length;
    if (n === 0) continue;
    let x1 = 0;
    let y1 = 0;
    for (let k = warm; k > 0; k--) {
      const x = ch[(((n - k) % n) + n) % n];
      y1 = x - x1 + r * y1;
      x1 = x;
    }
    for (let i = 0; i < n; i++) {
      const x = ch[i];
      y1 = x - x1 + r * y1;
      x1 = x;
      ch[i] = y1;
    }
  }
}
