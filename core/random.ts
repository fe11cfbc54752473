/**
 * A seeded random source (mulberry32): the same seed gives the same numbers on every host, so the same
 * prompt and seed give the same music bit for bit.
 */

/** A random source: returns floats in [0, 1). */
export type Random = () => number;

/** Creates a seeded random source. */
export function seededRandom(seed: number): Random {
  let a = (Math.floor(seed) >>> 0) ^ 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [0, n). */
export function randomInt(rng: Random, n: number): number {
  return Math.floor(rng() * n);
}

/** Shuffles an array in place (Fisher-Yates) and returns it. */
export function shuffle<T>(rng: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
