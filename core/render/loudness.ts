/**
 * Loudness after ITU-R BS.1770-4: K-weighting (a high-shelf "pre-filter" and the RLB high-pass), mean square
 * over 400 ms blocks with 75% overlap, an absolute gate at -70 LUFS and a relative gate 10 LU below the
 * absolutely gated loudness. Channels weigh 1 (left, right, centre); pure functions over float PCM.
 */

/** Coefficients of one biquad section, normalised so that a0 = 1. */
export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** Offset in BS.1770's loudness formula: L = -0.691 + 10 log10(sum of weighted mean squares). */
export const LOUDNESS_OFFSET = -0.691;
const BLOCK_SECONDS = 0.4;
const STEP_SECONDS = 0.1;
const ABSOLUTE_GATE = -70;
const RELATIVE_GATE = -10;

/**
 * The two K-weighting stages at `sampleRate`, derived from their analogue prototypes (shelf: f0 1681.97 Hz,
 * gain 4.0 dB, Q 0.7072; high-pass: f0 38.135 Hz, Q 0.5003) by the bilinear transform. At 48 kHz they equal
 * the coefficients printed in BS.1770-4, Tables 1 and 2.
 */
export function kWeighting(sampleRate: number): [Biquad, Biquad] {
  let k = Math.tan((Math.PI * 1681.974450955533) / sampleRate);
  let q = 0.7071752369554196;
  const vh = 10 ** (3.999843853973347 / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / q + k * k;
  const shelf: Biquad = {
    b0: (vh + (vb * k) / q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q + k * k) / a0,
  };
  k = Math.tan((Math.PI * 38.13547087602444) / sampleRate);
  q = 0.5003270373238773;
  a0 = 1 + k / q + k * k;
  const highPass: Biquad = {
    b0: 1,
    b1: -2,
    b2: 1,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q + k * k) / a0,
  };
  return [shelf, highPass];
}

/**
 * Sums of the K-weighted signal's squares over consecutive 100 ms steps (a trailing partial step is
 * dropped): the raw material of every gating block.
 */
function stepEnergies(channel: Float32Array, sampleRate: number, step: number): Float64Array {
  const [s, h] = kWeighting(sampleRate);
  const out = new Float64Array(Math.floor(channel.length / step));
  // Direct form I, both stages, state in locals for speed.
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  let z1 = 0;
  let z2 = 0;
  for (let i = 0, j = 0; j < out.length; j++) {
    let acc = 0;
    for (const end = i + step; i < end; i++) {
      const x = channel[i];
      const y = s.b0 * x + s.b1 * x1 + s.b2 * x2 - s.a1 * y1 - s.a2 * y2;
      x2 = x1;
      x1 = x;
      const z = h.b0 * y + h.b1 * y1 + h.b2 * y2 - h.a1 * z1 - h.a2 * z2;
      y2 = y1;
      y1 = y;
      z2 = z1;
      z1 = z;
      acc += z * z;
    }
    out[j] = acc;
  }
  return out;
}

const toLufs = (meanSquare: number): number =>
  meanSquare > 0 ? LOUDNESS_OFFSET + 10 * Math.log10(meanSquare) : -Infinity;

/**
 * Mean squares (summed over channels) of every 400 ms gating block, hopping by 100 ms. A signal shorter than
 * one block gives one block over its whole length, so that short clips still read a loudness.
 */
export function blockPowers(channels: readonly Float32Array[], sampleRate: number): number[] {
  const length = channels[0]?.length ?? 0;
  const step = Math.round(STEP_SECONDS * sampleRate);
  const per = Math.round(BLOCK_SECONDS / STEP_SECONDS);
  if (length === 0) return [];
  if (length < per * step) {
    let sum = 0;
    for (const ch of channels) sum += stepEnergies(ch, sampleRate, length)[0] / length;
    return [sum];
  }
  const steps = channels.map((ch) => stepEnergies(ch, sampleRate, step));
  const blocks: number[] = [];
  for (let b = 0; b + per <= steps[0].length; b++) {
    let sum = 0;
    for (const e of steps) for (let k = b; k < b + per; k++) sum += e[k];
    blocks.push(sum / (per * step));
  }
  return blocks;
}

/**
 * Integrated loudness in LUFS (BS.1770-4 with gating) of one or more channels of equal length.
 * @returns `-Infinity` for silence or a signal whose every block is below the absolute gate.
 */
export function integratedLoudness(channels: readonly Float32Array[], sampleRate: number): number {
  const blocks = blockPowers(channels, sampleRate);
  const absolute = blocks.filter((p) => toLufs(p) > ABSOLUTE_GATE);
  if (absolute.length === 0) return -Infinity;
  const relative = toLufs(absolute.reduce((a, b) => a + b, 0) / absolute.length) + RELATIVE_GATE;
  const gated = absolute.filter((p) => toLufs(p) > relative);
  return toLufs(gated.reduce((a, b) => a + b, 0) / gated.length);
}

/** Largest absolute sample over all channels, in dBFS (`-Infinity` for silence). */
export function samplePeakDbfs(channels: readonly Float32Array[]): number {
  let peak = 0;
  for (const ch of channels) for (const x of ch) peak = Math.max(peak, Math.abs(x));
  return peak > 0 ? 20 * Math.log10(peak) : -Infinity;
}

/** Root-mean-square level over all channels, in dBFS (`-Infinity` for silence). */
export function rmsDbfs(channels: readonly Float32Array[]): number {
  let sum = 0;
  let n = 0;
  for (const ch of channels) {
    for (const x of ch) sum += x * x;
    n += ch.length;
  }
  return sum > 0 ? 10 * Math.log10(sum / n) : -Infinity;
}
