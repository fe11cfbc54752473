/**
 * BS.1770-4's K-weighting filter (a high-shelf "pre-filter" and the RLB high-pass) and the energy of a
 * signal through it, in a plain loop with the coefficients in locals.
 */

/** Coefficients of one biquad section, normalised so that a0 = 1. */
export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

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

/** A K-weighting filter's state, carried from step to step. */
export interface FilterState {
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  z1: number;
  z2: number;
}

/**
 * The K-weighted energy of `channel` over [from, to), adding each squared output into `squares` when
 * given. A plain loop with the coefficients in locals (generators and property reads run hot loops slowly).
 */
export function stepEnergy(
  channel: Float32Array,
  s: Biquad,
  h: Biquad,
  f: FilterState,
  squares: Float32Array | undefined,
  from: number,
  to: number,
): number {
  const { b0, b1, b2, a1, a2 } = s;
  const { b0: c0, b1: c1, b2: c2, a1: d1, a2: d2 } = h;
  let { x1, x2, y1, y2, z1, z2 } = f;
  let acc = 0;
  for (let i = from; i < to; i++) {
    const x = channel[i];
    const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    x2 = x1;
    x1 = x;
    const z = c0 * y + c1 * y1 + c2 * y2 - d1 * z1 - d2 * z2;
    y2 = y1;
    y1 = y;
    z2 = z1;
    z1 = z;
    acc += z * z;
    if (squares !== undefined) squares[i] += z * z;
  }
  setState(f, x1, x2, y1, y2, z1, z2);
  return acc;
}

/** A K-weighting filter with its state: fed consecutive stretches of one channel, it filters them as one. */
export interface KFilter {
  shelf: Biquad;
  highPass: Biquad;
  state: FilterState;
}

/** A {@link KFilter} at `sampleRate`, at rest. */
export function kFilter(sampleRate: number): KFilter {
  const [shelf, highPass] = kWeighting(sampleRate);
  return { shelf, highPass, state: { x1: 0, x2: 0, y1: 0, y2: 0, z1: 0, z2: 0 } };
}

/** The sum of squares of `x` [from, to) K-weighted by `k` (whose state carries on to the next stretch). */
export function kEnergy(k: KFilter, x: Float32Array, from = 0, to = x.length): number {
  return stepEnergy(x, k.shelf, k.highPass, k.state, undefined, from, to);
}

/** Stores a filter's six delayed values. */
function setState(
  f: FilterState,
  x1: number,
  x2: number,
  y1: number,
  y2: number,
  z1: number,
  z2: number,
): void {
  f.x1 = x1;
  f.x2 = x2;
  f.y1 = y1;
  f.y2 = y2;
  f.z1 = z1;
  f.z2 = z2;
}
