/**
 * A small deterministic softmax (multinomial logistic) regression over standardised features, trained by
 * full-batch gradient descent with L2 regularisation; the L2 weight is picked by k-fold cross-validation
 * grouped by song, so that clips of one song never sit on both sides of a fold.
 */
import { DataError } from '../../errors';
import { fnv1a } from '../hash';

/** A trained classifier, JSON-serialisable. */
export interface SoftmaxModel {
  /** Feature names, in input order. */
  features: string[];
  classes: string[];
  /** Training mean and standard deviation of each feature (standardisation). */
  mean: number[];
  std: number[];
  /** weights[class][feature] and bias[class], on standardised features. */
  weights: number[][];
  bias: number[];
  /** The L2 weight it was trained with. */
  l2: number;
}

/** Training settings. */
export interface TrainOptions {
  /** L2 weight on the weights (not the biases). Default 0.01. */
  l2?: number;
  /** Gradient steps. Default 1500. */
  iterations?: number;
  /** Step size. Default 0.5. */
  learningRate?: number;
}

function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

/**
 * Trains the classifier on rows `x` (feature vectors) with class indices `y`.
 * @throws {DataError} when there are no rows, rows of different lengths, or a label outside `classes`.
 */
export function trainSoftmax(
  x: readonly number[][],
  y: readonly number[],
  names: { features: readonly string[]; classes: readonly string[] },
  options: TrainOptions = {},
): SoftmaxModel {
  const { l2 = 0.01, iterations = 1500, learningRate = 0.5 } = options;
  const n = x.length;
  const d = names.features.length;
  const k = names.classes.length;
  if (n === 0) throw new DataError('no training examples');
  if (x.some((r) => r.length !== d)) throw new DataError(`every example needs ${d} features`);
  if (y.length !== n || y.some((c) => !(Number.isInteger(c) && c >= 0 && c < k)))
    throw new DataError('a label is missing or outside the classes');
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j], 0) / n);
  const std = mean.map((m, j) => Math.sqrt(x.reduce((s, r) => s + (r[j] - m) ** 2, 0) / n) || 1);
  const z = new Float64Array(n * d);
  x.forEach((r, i) => r.forEach((v, j) => (z[i * d + j] = (v - mean[j]) / std[j])));
  const w = new Float64Array(k * d);
  const b = new Float64Array(k);
  const gw = new Float64Array(k * d);
  const gb = new Float64Array(k);
  const p = new Float64Array(k);
  for (let it = 0; it < iterations; it++) {
    gw.fill(0);
    gb.fill(0);
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = b[c];
        for (let j = 0; j < d; j++) s += w[c * d + j] * z[i * d + j];
        p[c] = s;
        max = Math.max(max, s);
      }
      let total = 0;
      for (let c = 0; c < k; c++) total += p[c] = Math.exp(p[c] - max);
      for (let c = 0; c < k; c++) {
        const g = p[c] / total - (y[i] === c ? 1 : 0);
        gb[c] += g;
        for (let j = 0; j < d; j++) gw[c * d + j] += g * z[i * d + j];
      }
    }
    for (let c = 0; c < k; c++) {
      b[c] -= (learningRate * gb[c]) / n;
      for (let j = 0; j < d; j++) w[c * d + j] -= learningRate * (gw[c * d + j] / n + l2 * w[c * d + j]);
    }
  }
  const weights = Array.from({ length: k }, (_, c) => Array.from(w.subarray(c * d, (c + 1) * d)));
  return {
    features: [...names.features],
    classes: [...names.classes],
    mean,
    std,
    weights,
    bias: Array.from(b),
    l2,
  };
}

/** Class probabilities of one feature vector. */
export function predictProba(model: SoftmaxModel, features: readonly number[]): number[] {
  const z = features.map((v, j) => (v - model.mean[j]) / model.std[j]);
  return softmax(model.weights.map((wc, c) => wc.reduce((s, v, j) => s + v * z[j], model.bias[c])));
}

/** The most probable class index (the first on ties). */
export function predictClass(model: SoftmaxModel, features: readonly number[]): number {
  const p = predictProba(model, features);
  return p.indexOf(Math.max(...p));
}

/** A k x k confusion matrix: rows the true class, columns the predicted one. */
export function confusionMatrix(
  truth: readonly number[],
  predicted: readonly number[],
  k: number,
): number[][] {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  truth.forEach((t, i) => m[t][predicted[i]]++);
  return m;
}

/** Share of the diagonal of a confusion matrix (NaN when empty). */
export function accuracyOf(confusion: readonly number[][]): number {
  const total = confusion.flat().reduce((s, x) => s + x, 0);
  return total ? confusion.reduce((s, r, i) => s + r[i], 0) / total : NaN;
}

/** Fold of each example: its group (song) sorted by hash, dealt round-robin into `k` folds. */
export function groupFolds(groups: readonly string[], k: number): number[] {
  const songs = [...new Set(groups)].sort((a, b) => fnv1a(a) - fnv1a(b) || (a < b ? -1 : 1));
  const fold = new Map(songs.map((s, i) => [s, i % k]));
  return groups.map((g) => fold.get(g)!);
}

/**
 * Picks the L2 weight with the best mean accuracy over `k` song-grouped folds (the smallest on ties).
 * @returns the chosen weight and each candidate's cross-validated accuracy.
 */
export function chooseL2(
  x: readonly number[][],
  y: readonly number[],
  groups: readonly string[],
  names: { features: readonly string[]; classes: readonly string[] },
  candidates: readonly number[] = [0.001, 0.01, 0.1, 1],
  k = 5,
  options: Omit<TrainOptions, 'l2'> = {},
): { l2: number; accuracy: Record<string, number> } {
  const folds = groupFolds(groups, k);
  const accuracy: Record<string, number> = {};
  let best = candidates[0];
  for (const l2 of candidates) {
    let hits = 0;
    for (let f = 0; f < k; f++) {
      const train = x.map((_, i) => i).filter((i) => folds[i] !== f);
      const test = x.map((_, i) => i).filter((i) => folds[i] === f);
      if (train.length === 0 || test.length === 0) continue;
      const m = trainSoftmax(
        train.map((i) => x[i]),
        train.map((i) => y[i]),
        names,
        { ...options, l2 },
      );
      hits += test.filter((i) => predictClass(m, x[i]) === y[i]).length;
    }
    accuracy[String(l2)] = hits / x.length;
    if (accuracy[String(l2)] > accuracy[String(best)]) best = l2;
  }
  return { l2: best, accuracy };
}
