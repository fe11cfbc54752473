/** Sampling from logits: temperature, nucleus (top-p), an optional additive bias, a seeded random source. */
import type { Random } from '../random';

/** Options of {@link sampleLogits}. */
export interface SampleOptions {
  /** Softmax temperature (> 0). Default 1. */
  temperature?: number;
  /** Keep the smallest set of most likely values whose probability reaches `topP`. Default 0.95. */
  topP?: number;
  /** Added to the logits before the temperature (e.g. -Infinity to forbid a value). */
  bias?: ArrayLike<number>;
}

/** Softmax of logits / temperature, as probabilities. */
export function softmax(logits: ArrayLike<number>, temperature = 1, bias?: ArrayLike<number>): Float64Array {
  const n = logits.length;
  const p = new Float64Array(n);
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    p[i] = (logits[i] + (bias ? bias[i] : 0)) / temperature;
    if (p[i] > max) max = p[i];
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += p[i] = Number.isFinite(p[i]) ? Math.exp(p[i] - max) : 0;
  for (let i = 0; i < n; i++) p[i] /= sum;
  return p;
}

/**
 * Samples an index from logits. Deterministic for a given random source. The nucleus is found by picking
 * the most likely remaining value until `topP` is reached (ties go to the lower index), which costs a few
 * passes for the peaked distributions a trained model gives, instead of a full sort.
 */
export function sampleLogits(logits: ArrayLike<number>, rng: Random, o: SampleOptions = {}): number {
  const temperature = Math.max(1e-3, o.temperature ?? 1);
  const topP = Math.min(1, Math.max(1e-6, o.topP ?? 0.95));
  const p = softmax(logits, temperature, o.bias);
  const n = p.length;
  const taken = new Uint8Array(n);
  const nucleus: number[] = [];
  let kept = 0;
  while (kept < topP && nucleus.length < n) {
    let best = -1;
    for (let i = 0; i < n; i++) if (!taken[i] && (best < 0 || p[i] > p[best])) best = i;
    if (p[best] <= 0 && nucleus.length > 0) break;
    taken[best] = 1;
    nucleus.push(best);
    kept += p[best];
  }
  let r = rng() * kept;
  for (const i of nucleus) {
    r -= p[i];
    if (r <= 0) return i;
  }
  return nucleus[nucleus.length - 1];
}
