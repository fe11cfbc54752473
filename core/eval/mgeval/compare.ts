/**
 * MGEval's set comparison: for each feature, the intra-set distances (every pair of pieces within a set,
 * MGEval's leave-one-out cross-validation, each pair counted once) and the inter-set distances (every
 * generated piece against every reference piece); then the overlapped area (OA) and the KL divergence (KLD)
 * between the reference set's intra-set distribution and the inter-set distribution. A generated set that
 * resembles the reference has inter-set distances like the reference's own: OA near 1, KLD near 0.
 */
import type { MgevalFeature, MgevalVector } from './features';
import { euclidean, MGEVAL_FEATURES } from './features';
import type { StatsOptions } from './stats';
import { evaluateKde, fitKde, klDivergence, linspace, overlapArea } from './stats';

/** Mean and standard deviation of a distance distribution. */
export interface DistanceStats {
  mean: number;
  std: number;
  count: number;
}

/** A density curve for plotting: x and the KDE at x. */
export interface Curve {
  x: number[];
  y: number[];
}

/** One feature's comparison of a generated set with the reference set. */
export interface FeatureComparison {
  feature: MgevalFeature;
  /** Intra-set distances of the generated set. */
  intraGenerated: DistanceStats;
  /** Intra-set distances of the reference set. */
  intraReference: DistanceStats;
  /** Generated-vs-reference distances. */
  inter: DistanceStats;
  /** Overlapped area of intra(reference) and inter, 0..1 (higher: closer to the reference). */
  oa: number;
  /** KL(intra(reference) || inter), nats (lower: closer to the reference). */
  kld: number;
  /** KDE curves on one shared x range, for the report's plots. */
  curves: { intraReference: Curve; intraGenerated: Curve; inter: Curve };
}

/** Settings of {@link compareSets}. */
export interface CompareOptions extends StatsOptions {
  /** Points per plotted curve. Default 80. */
  curvePoints?: number;
}

/** Pairwise distances within one set (each unordered pair once). */
export function intraDistances(set: readonly MgevalVector[], feature: MgevalFeature): Float64Array {
  const out = new Float64Array((set.length * (set.length - 1)) / 2);
  let k = 0;
  for (let i = 0; i < set.length; i++)
    for (let j = i + 1; j < set.length; j++) out[k++] = euclidean(set[i][feature], set[j][feature]);
  return out;
}

/** Distances from every piece of `a` to every piece of `b`. */
export function interDistances(
  a: readonly MgevalVector[],
  b: readonly MgevalVector[],
  feature: MgevalFeature,
): Float64Array {
  const out = new Float64Array(a.length * b.length);
  let k = 0;
  for (const x of a) for (const y of b) out[k++] = euclidean(x[feature], y[feature]);
  return out;
}

function stats(xs: Float64Array): DistanceStats {
  const n = xs.length;
  const mean = n ? xs.reduce((s, x) => s + x, 0) / n : NaN;
  const std = n ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n) : NaN;
  return { mean, std, count: n };
}

/** Curves over [min, 99th percentile] of all distances (a few far outliers would squash the plot). */
function curves(sets: Float64Array[], points: number): Curve[] {
  const all = Float64Array.from(sets.flatMap((s) => Array.from(s))).sort();
  const lo = all.length ? all[0] : 0;
  const hi = all.length ? all[Math.floor(0.99 * (all.length - 1))] : 1;
  const pad = (hi - lo) * 0.05 || 0.5;
  const x = linspace(Math.max(0, lo - pad), hi + pad, points);
  return sets.map((s) => ({ x, y: s.length ? evaluateKde(fitKde(s), x) : x.map(() => 0) }));
}

/**
 * Compares a generated set with a reference set on every MGEval feature.
 * @throws {RangeError} when either set has fewer than two pieces (no intra-set distances).
 */
export function compareSets(
  generated: readonly MgevalVector[],
  reference: readonly MgevalVector[],
  options: CompareOptions = {},
): FeatureComparison[] {
  if (generated.length < 2 || reference.length < 2)
    throw new RangeError('MGEval needs at least two generated and two reference pieces');
  return MGEVAL_FEATURES.map((feature) => {
    const intraGen = intraDistances(generated, feature);
    const intraRef = intraDistances(reference, feature);
    const inter = interDistances(generated, reference, feature);
    const [cRef, cGen, cInter] = curves([intraRef, intraGen, inter], options.curvePoints ?? 80);
    return {
      feature,
      intraGenerated: stats(intraGen),
      intraReference: stats(intraRef),
      inter: stats(inter),
      oa: overlapArea(intraRef, inter, options),
      kld: klDivergence(intraRef, inter, options),
      curves: { intraReference: cRef, intraGenerated: cGen, inter: cInter },
    };
  });
}
