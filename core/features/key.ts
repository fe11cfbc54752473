/**
 * Krumhansl-Schmuckler key finding on duration-weighted pitch classes (Krumhansl & Kessler 1982 profiles).
 */
import type { Mode, Note } from '../sequence';

const MAJOR = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const MINOR = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

/** A key estimate; `score` is the Pearson correlation of the best profile. */
export interface KeyEstimate {
  tonic: number;
  mode: Mode;
  score: number;
}

function correlate(a: readonly number[], b: readonly number[]): number {
  const ma = a.reduce((s, x) => s + x, 0) / 12;
  const mb = b.reduce((s, x) => s + x, 0) / 12;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < 12; i++) {
    num += (a[i] - ma) * (b[i] - mb);
    da += (a[i] - ma) ** 2;
    db += (b[i] - mb) ** 2;
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}

/** Duration-weighted pitch-class histogram of the pitched (non-drum) notes. */
export function pitchClassHistogram(notes: readonly Note[]): number[] {
  const h = new Array<number>(12).fill(0);
  for (const n of notes) if (!n.isDrum) h[n.pitch % 12] += n.end - n.start;
  return h;
}

/**
 * Finds the key whose rotated profile (major or minor, tonic first) correlates best with a pitch-class
 * histogram; C major with score 0 when the histogram is flat or empty.
 */
export function findKeyWithProfiles(
  h: readonly number[],
  major: readonly number[],
  minor: readonly number[],
): KeyEstimate {
  let best: KeyEstimate = { tonic: 0, mode: 'major', score: -Infinity };
  for (let tonic = 0; tonic < 12; tonic++) {
    const rotated = h.map((_, i) => h[(i + tonic) % 12]);
    const maj = correlate(rotated, major);
    const min = correlate(rotated, minor);
    if (maj > best.score) best = { tonic, mode: 'major', score: maj };
    if (min > best.score) best = { tonic, mode: 'minor', score: min };
  }
  return best.score === 0 || !Number.isFinite(best.score) ? { tonic: 0, mode: 'major', score: 0 } : best;
}

/** Finds the key of a pitch-class histogram with the Krumhansl-Kessler profiles. */
export function findKeyOfHistogram(h: readonly number[]): KeyEstimate {
  return findKeyWithProfiles(h, MAJOR, MINOR);
}

/** Finds the key of a set of notes (drums ignored). */
export function findKey(notes: readonly Note[]): KeyEstimate {
  return findKeyOfHistogram(pitchClassHistogram(notes));
}

/**
 * How well `key` fits the notes: its profile's correlation with their histogram minus the best key's
 * (0 when `key` is the one heard, negative otherwise; -1 for no pitched notes).
 */
export function keyFit(notes: readonly Note[], key: { tonic: number; mode: Mode }): number {
  const h = pitchClassHistogram(notes);
  const best = findKeyOfHistogram(h);
  if (best.score === 0) return -1;
  const rotated = h.map((_, i) => h[(i + key.tonic) % 12]);
  return correlate(rotated, key.mode === 'major' ? MAJOR : MINOR) - best.score;
}

/** True when two keys are relative keys (C major / A minor) or the same key. */
export function isSameOrRelative(
  a: { tonic: number; mode: Mode },
  b: { tonic: number; mode: Mode },
): boolean {
  if (a.tonic === b.tonic && a.mode === b.mode) return true;
  if (a.mode === b.mode) return false;
  const major = a.mode === 'major' ? a : b;
  const minor = a.mode === 'major' ? b : a;
  return (major.tonic + 9) % 12 === minor.tonic;
}
