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

/** A gain applied to a signal before it is measured: a constant, times a per-sample curve if given. */
export interface MeasureGain {
  gain: number;
  curve?: Float32Array;
}

/**
 * Sums of the K-weighted signal's squares over consecutive 100 ms steps (a trailing partial step is
 * dropped): the raw material of every gating block. The signal is `channel` x `scale` when given.
 */
/** A K-weighting filter's state, carried from step to step. */
interface FilterState {
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  z1: number;
  z2: number;
}

/**
 * The K-weighted energy of `channel` x gain over [from, to) (a plain loop: generators run hot loops
 * slowly), adding each squared output into `squares` when given.
 */
function stepEnergy(
  channel: Float32Array,
  s: Biquad,
  h: Biquad,
  f: FilterState,
  scale: MeasureGain,
  squares: Float32Array | undefined,
  from: number,
  to: number,
): number {
  const g = scale.gain;
  const curve = scale.curve;
  let { x1, x2, y1, y2, z1, z2 } = f;
  let acc = 0;
  for (let i = from; i < to; i++) {
    const x = curve ? channel[i] * g * curve[i] : channel[i] * g;
    const y = s.b0 * x + s.b1 * x1 + s.b2 * x2 - s.a1 * y1 - s.a2 * y2;
    x2 = x1;
    x1 = x;
    const z = h.b0 * y + h.b1 * y1 + h.b2 * y2 - h.a1 * z1 - h.a2 * z2;
    y2 = y1;
    y1 = y;
    z2 = z1;
    z1 = z;
    acc += z * z;
    if (squares) squares[i] += z * z;
  }
  Object.assign(f, { x1, x2, y1, y2, z1, z2 });
  return acc;
}

/**
 * Sums of the K-weighted signal's squares over consecutive steps of `step` samples (a trailing partial
 * step is dropped): the raw material of every gating block. The signal is `channel` x `scale` when given.
 */
function* stepEnergies(
  channel: Float32Array,
  sampleRate: number,
  step: number,
  scale: MeasureGain = { gain: 1 },
  squares?: Float32Array,
): Generator<number, Float64Array, void> {
  const [s, h] = kWeighting(sampleRate);
  const out = new Float64Array(Math.floor(channel.length / step));
  const f: FilterState = { x1: 0, x2: 0, y1: 0, y2: 0, z1: 0, z2: 0 };
  for (let j = 0; j < out.length; j++) {
    out[j] = stepEnergy(channel, s, h, f, scale, squares, j * step, (j + 1) * step);
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
  scale?: MeasureGain,
  squares?: Float32Array,
): Generator<number, number[], void> {
  const length = channels[0]?.length ?? 0;
  const step = Math.round(STEP_SECONDS * sampleRate);
  const per = Math.round(BLOCK_SECONDS / STEP_SECONDS);
  if (length === 0) return [];
  if (length < per * step) {
    let sum = 0;
    for (const ch of channels) {
      const e = stepEnergies(ch, sampleRate, length, scale);
      let r = e.next();
      while (!r.done) r = e.next();
      sum += r.value[0] / length;
    }
    return [sum];
  }
  const steps: Float64Array[] = [];
  for (let c = 0; c < channels.length; c++) {
    const e = stepEnergies(channels[c], sampleRate, step, scale, squares);
    for (let r = e.next(); ; r = e.next()) {
      if (r.done) {
        steps.push(r.value);
        break;
      }
      yield (c + r.value) / channels.length;
    }
  }
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
  const blocks: number[] = [];
  for (let b = 0; b + per <= steps.length; b++) {
    let sum = 0;
    for (let k = b; k < b + per; k++) sum += steps[k];
    blocks.push(sum / (per * step));
  }
  return blocks;
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
