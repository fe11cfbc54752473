/**
 * Maxima of float magnitudes without data-dependent branches. A non-negative float's bit pattern, read as
 * an integer, orders as the float does, and the larger of two integers is integer arithmetic
 * (`a - ((a - b) & ((a - b) >> 31))`), so these loops never mispredict on noisy audio, where a float
 * `Math.max` or `?:` does about half the time (several times slower). Each result equals the plain maximum
 * exactly: the float inputs are compared as they are, never rounded further.
 */

/** Sign bit cleared: the magnitude of a float32 as its bit pattern. */
const MAGNITUDE = 0x7fffffff;

/** The larger of two non-negative int32 values. */
const larger = (a: number, b: number): number => {
  const d = a - b;
  return a - (d & (d >> 31));
};

/** The bit patterns of a float array, as a view on the same memory. */
export const bitsOf = (x: Float32Array): Int32Array => new Int32Array(x.buffer, x.byteOffset, x.length);

/**
 * Raises `env[i]` to the larger of `|ch[i]|` and the magnitude of the 4-point estimate halfway to the next
 * sample, `(9 (ch[i] + ch[i+1]) - ch[i-1] - ch[i+2]) / 16` rounded to float, for i in [from, to) inside
 * [1, length - 2) (where every neighbour exists). `mid` is scratch of at least `to - from` floats.
 */
export function raiseEnvelope(
  ch: Float32Array,
  env: Float32Array,
  mid: Float32Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) mid[i - from] = (9 * (ch[i] + ch[i + 1]) - ch[i - 1] - ch[i + 2]) / 16;
  const x = bitsOf(ch);
  const m = bitsOf(mid);
  const e = bitsOf(env);
  for (let i = from; i < to; i++) {
    const a = x[i] & MAGNITUDE;
    const b = m[i - from] & MAGNITUDE;
    const d = a - b;
    const top = a - (d & (d >> 31));
    const old = e[i];
    const f = old - top;
    e[i] = old - (f & (f >> 31));
  }
}

/**
 * `out[j]` = the largest of `env[j .. j + w - 1]` (the window cut at the end), for non-negative `env`, by
 * van Herk and Gil-Werman's method: in blocks of `w`, the maximum from j to its block's end and the
 * maximum from the next block's start to j + w - 1. Done for the blocks that start in [from, to) (`from`
 * a multiple of `w`), so that it can go a stretch at a time; `prefix` is scratch of `w` ints.
 */
export function windowMax(
  env: Float32Array,
  w: number,
  out: Float32Array,
  prefix: Int32Array,
  from: number,
  to: number,
): void {
  const n = env.length;
  const x = bitsOf(env);
  const o = bitsOf(out);
  for (let s = from; s < Math.min(n, to); s += w) {
    const e = Math.min(n, s + w);
    // Suffix maxima of this block, into out.
    let run = 0;
    for (let j = e - 1; j >= s; j--) o[j] = run = larger(run, x[j]);
    // Prefix maxima of the next block (as far as the signal goes).
    const next = Math.min(n, e + w);
    run = 0;
    for (let t = e; t < next; t++) prefix[t - e] = run = larger(run, x[t]);
    // The window from j reaches j + w - 1 = e + (j - s) - 1 into the next block, when j > s.
    const reach = next - e;
    for (let j = s + 1; j < e; j++) {
      const t = j - s - 1;
      if (t < reach) o[j] = larger(o[j], prefix[t]);
      else o[j] = larger(o[j], reach > 0 ? prefix[reach - 1] : 0);
    }
  }
}
