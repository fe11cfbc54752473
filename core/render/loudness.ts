/**
 * Loudness after ITU-R BS.1770-4: K-weighting (a high-shelf "pre-filter" and the RLB high-pass), mean square
 * over 400 ms blocks with 75% overlap, an absolute gate at -70 LUFS and a relative gate 10 LU below the
 * absolutely gated loudness. Channels weigh 1 (left, right, centre); pure functions over float PCM.
 */
import { kFilter, stepEnergy } from './kweight';

/** Offset in BS.1770's loudness formula: L = -0.691 + 10 log10(sum of weighted mean squares). */
export const LOUDNESS_OFFSET = -0.691;
const BLOCK_SECONDS = 0.4;
const STEP_SECONDS = 0.1;
const ABSOLUTE_GATE = -70;
const RELATIVE_GATE = -10;

export { kWeighting } from './kweight';
export type { Biquad } from './kweight';

/**
 * Sums of the K-weighted signal's squares over consecutive steps of `step` samples (a trailing partial
 * step is dropped): the raw material of every gating block.
 */
function* stepEnergies(
  channel: Float32Array,
  sampleRate: number,
  step: number,
  squares?: Float32Array,
): Generator<number, Float64Array, void> {
  const k = kFilter(sampleRate);
  const out = new Float64Array(Math.floor(channel.length / step));
  for (let j = 0; j < out.length; j++) {
    out[j] = stepEnergy(channel, k.shelf, k.highPass, k.state, squares, j * step, (j + 1) * step);
    if (j % 8 === 7) yield j / out.length;
  }
  return out;
}

const toLufs = (meanSquare: number): number =>
  meanSquare > 0 ? LOUDNESS_OFFSET + 10 * Math.log10(meanSquare) : -Infinity;

/**
 * Mean squares (summed over channels) of every 400 ms gating block, hopping by 100 ms, as steps that yield
 * their progress. A signal shorter than one block gives one block over its whole length.
 */
export function* blockPowerSteps(
  channels: readonly Float32Array[],
  sampleRate: number,
  squares?: Float32Array,
): Generator<number, number[], void> {
  const length = channels[0]?.length ?? 0;
  const step = Math.round(STEP_SECONDS * sampleRate);
  const per = Math.round(BLOCK_SECONDS / STEP_SECONDS);
  if (length === 0) return [];
  if (length < per * step) {
    let sum = 0;
    for (const ch of channels) {
      const e = stepEnergies(ch, sampleRate, length);
      let r = e.next();
      while (!r.done) r = e.next();
      sum += r.value[0] / length;
    }
    return [sum];
  }
  const steps: Float64Array[] = [];
  for (let c = 0; c < channels.length; c++) {
    const e = stepEnergies(channels[c], sampleRate, step, squares);
    for (let r = e.next(); ; r = e.next()) {
      if (r.done) {
        steps.push(r.value);
        break;
      }
      yield (c + r.value) / channels.length;
    }
  }
  return blocksOfSteps(steps, step);
}

/** Samples in one 100 ms hop of the gating blocks at `sampleRate`. */
export const gatingStep = (sampleRate: number): number => Math.round(STEP_SECONDS * sampleRate);

/**
 * Mean squares of the gating blocks (400 ms, hopping by 100 ms) from each channel's K-weighted energies
 * over consecutive steps of `step` samples ({@link gatingStep}), summed over channels.
 */
export function blocksOfSteps(steps: readonly Float64Array[], step: number): number[] {
  const per = Math.round(BLOCK_SECONDS / STEP_SECONDS);
  const blocks: number[] = [];
  for (let b = 0; b + per <= steps[0].length; b++) {
    let sum = 0;
    for (const e of steps) for (let k = b; k < b + per; k++) sum += e[k];
    blocks.push(sum / (per * step));
  }
  return blocks;
}

/**
 * Gating-block powers of a signal whose K-weighted squares (summed over channels) are `squares`, after a
 * slowly varying gain `curve` (a limiter's): each square weighed by the gain's square. The K-weighting's
 * memory is a few milliseconds, far shorter than a limiter's attack and release, so this equals measuring
 * the limited signal to within hundredths of a dB; {@link blockPowerSteps} measures it exactly.
 */
export function* weightedBlockPowerSteps(
  squares: Float32Array,
  curve: Float32Array,
  sampleRate: number,
): Generator<number, number[], void> {
  const step = Math.round(STEP_SECONDS * sampleRate);
  const per = Math.round(BLOCK_SECONDS / STEP_SECONDS);
  const steps = new Float64Array(Math.floor(squares.length / step));
  if (squares.length < per * step) {
    let sum = 0;
    for (let i = 0; i < squares.length; i++) sum += squares[i] * curve[i] * curve[i];
    return [sum / Math.max(1, squares.length)];
  }
  for (let j = 0, i = 0; j < steps.length; j++) {
    let acc = 0;
    for (const end = i + step; i < end; i++) acc += squares[i] * curve[i] * curve[i];
    steps[j] = acc;
    if (j % 16 === 15) yield j / steps.length;
  }
  return blocksOfSteps([steps], step);
}

/** Mean squares of every gating block (see {@link blockPowerSteps}). */
export function blockPowers(channels: readonly Float32Array[], sampleRate: number): number[] {
  const steps = blockPowerSteps(channels, sampleRate);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Integrated loudness in LUFS from gating-block powers (BS.1770-4's two gates). */
export function gatedLoudness(blocks: readonly number[]): number {
  const absolute = blocks.filter((p) => toLufs(p) > ABSOLUTE_GATE);
  if (absolute.length === 0) return -Infinity;
  const relative = toLufs(absolute.reduce((a, b) => a + b, 0) / absolute.length) + RELATIVE_GATE;
  const gated = absolute.filter((p) => toLufs(p) > relative);
  return toLufs(gated.reduce((a, b) => a + b, 0) / gated.length);
}

/**
 * Integrated loudness in LUFS (BS.1770-4 with gating) of one or more channels of equal length.
 * @returns `-Infinity` for silence or a signal whose every block is below the absolute gate.
 */
export function integratedLoudness(channels: readonly Float32Array[], sampleRate: number): number {
  return gatedLoudness(blockPowers(channels, sampleRate));
}

/** Largest absolute sample over all channels, in dBFS (`-Infinity` for silence). */
export function samplePeakDbfs(channels: readonly Float32Array[]): number {
  let peak = 0;
  for (const ch of channels)
    for (let i = 0; i < ch.length; i++) {
      const x = ch[i];
      const m = x < 0 ? -x : x;
      if (m > peak) peak = m;
    }
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

/**
 * DC offset: the largest of the channels' means, as a level in dBFS (`-Infinity` when every channel
 * averages exactly zero), as `sox stats` reports "DC offset" (here in decibels of full scale).
 */
export function dcOffsetDbfs(channels: readonly Float32Array[]): number {
  let worst = 0;
  for (const ch of channels) {
    if (ch.length === 0) continue;
    let sum = 0;
    for (const x of ch) sum += x;
    worst = Math.max(worst, Math.abs(sum / ch.length));
  }
  return worst > 0 ? 20 * Math.log10(worst) : -Infinity;
}
