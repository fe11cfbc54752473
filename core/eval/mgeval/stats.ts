/**
 * The statistics behind MGEval's comparison: a one-dimensional Gaussian kernel density estimate with Scott's
 * bandwidth (scipy's `gaussian_kde` default), the overlapped area of two densities and their
 * Kullback-Leibler divergence.
 */

/** A Gaussian KDE: the samples and the kernel's standard deviation. */
export interface Kde {
  samples: Float64Array;
  bandwidth: number;
}

/** Smallest kernel width, for a sample whose values are all equal. */
const MIN_BANDWIDTH = 1e-3;

/**
 * Fits a Gaussian KDE: bandwidth = n^(-1/5) x the sample standard deviation (ddof 1), Scott's rule as in
 * scipy's `gaussian_kde`; at least 1e-3 (so that a sample of equal values is a narrow bump, not a spike).
 * @throws {RangeError} on an empty sample.
 */
export function fitKde(samples: ArrayLike<number>): Kde {
  const n = samples.length;
  if (n === 0) throw new RangeError('a KDE needs at least one sample');
  const xs = Float64Array.from(samples);
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const variance = n > 1 ? xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) : 0;
  return { samples: xs, bandwidth: Math.max(MIN_BANDWIDTH, Math.pow(n, -0.2) * Math.sqrt(variance)) };
}

/** Evaluates a KDE at every point of `grid`. */
export function evaluateKde(kde: Kde, grid: readonly number[]): number[] {
  const h = kde.bandwidth;
  const norm = 1 / (kde.samples.length * h * Math.sqrt(2 * Math.PI));
  const sorted = Float64Array.from(kde.samples).sort();
  return grid.map((x) => {
    // Kernels further than 8 bandwidths contribute < 1e-14 of their peak: skip them.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < x - 8 * h) lo = mid + 1;
      else hi = mid;
    }
    let s = 0;
    for (let i = lo; i < sorted.length && sorted[i] <= x + 8 * h; i++)
      s += Math.exp(-0.5 * ((x - sorted[i]) / h) ** 2);
    return s * norm;
  });
}

/** `count` evenly spaced points from `lo` to `hi` inclusive (one point when they are equal). */
export function linspace(lo: number, hi: number, count: number): number[] {
  if (count <= 1 || hi === lo) return [lo];
  return Array.from({ length: count }, (_, i) => lo + ((hi - lo) * i) / (count - 1));
}

function range(a: ArrayLike<number>, b: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const xs of [a, b])
    for (let i = 0; i < xs.length; i++) {
      lo = Math.min(lo, xs[i]);
      hi = Math.max(hi, xs[i]);
    }
  return [lo, hi];
}

function trapezoid(ys: readonly number[], xs: readonly number[]): number {
  let s = 0;
  for (let i = 1; i < xs.length; i++) s += ((ys[i] + ys[i - 1]) / 2) * (xs[i] - xs[i - 1]);
  return s;
}

/** Settings of the comparison statistics. */
export interface StatsOptions {
  /** Points of the integration grid. Default 1000. */
  points?: number;
}

/**
 * MGEval `overlap_area`: the integral of min(pdf_A, pdf_B) over [min, max] of both samples together
 * (trapezoid rule). 1 when the two distributions are equal, 0 when they do not meet. Samples that span no
 * range (all values equal in both) overlap fully when they are equal, and are compared on their kernels'
 * width otherwise.
 */
export function overlapArea(a: ArrayLike<number>, b: ArrayLike<number>, options: StatsOptions = {}): number {
  const ka = fitKde(a);
  const kb = fitKde(b);
  let [lo, hi] = range(a, b);
  if (hi - lo < 1e-12) return 1;
  if (hi - lo < 8 * Math.min(ka.bandwidth, kb.bandwidth)) {
    lo -= 4 * Math.max(ka.bandwidth, kb.bandwidth);
    hi += 4 * Math.max(ka.bandwidth, kb.bandwidth);
  }
  const grid = linspace(lo, hi, options.points ?? 1000);
  const pa = evaluateKde(ka, grid);
  const pb = evaluateKde(kb, grid);
  return Math.min(
    1,
    trapezoid(
      pa.map((p, i) => Math.min(p, pb[i])),
      grid,
    ),
  );
}

/**
 * KL(A || B) in nats between the KDEs of two samples, both evaluated on one grid over [min, max] of the two
 * samples and normalised to sum 1 (as scipy's `stats.entropy`); densities are floored at 1e-10 of the
 * largest so that a point where only A has mass costs a large but finite amount. (MGEval's `kl_dist`
 * samples A and B on two different grids; one shared grid is the divergence it means.)
 */
export function klDivergence(a: ArrayLike<number>, b: ArrayLike<number>, options: StatsOptions = {}): number {
  const [lo, hi] = range(a, b);
  if (hi - lo < 1e-12) return 0;
  const grid = linspace(lo, hi, options.points ?? 1000);
  const pa = evaluateKde(fitKde(a), grid);
  const pb = evaluateKde(fitKde(b), grid);
  const floor = 1e-10 * Math.max(...pa, ...pb);
  const qa = pa.map((p) => Math.max(p, floor));
  const qb = pb.map((p) => Math.max(p, floor));
  const sa = qa.reduce((s, x) => s + x, 0);
  const sb = qb.reduce((s, x) => s + x, 0);
  let kl = 0;
  for (let i = 0; i < grid.length; i++) {
    const p = qa[i] / sa;
    kl += p * Math.log(p / (qb[i] / sb));
  }
  return Math.max(0, kl);
}
