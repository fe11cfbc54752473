/**
 * Novelty: the longest run of notes that a generated part shares with the training set. A part is a list of
 * notes in onset order (then pitch); each note after the first becomes a token (pitch interval, onset
 * interval on a 1/12-beat grid), so a run is the same melodic and rhythmic pattern, transposed or not.
 * Durations and velocities are ignored. The search is exact: every candidate run is verified token by
 * token, lengthened one note at a time while any run of that length is still shared.
 */
import type { Beats, Note } from '../sequence';

/**
 * A part turned into tokens: `tokens[j]` leads from note j to note j + 1; `onsets[j]` and `pitches[j]` are
 * note j's onset (beats) and pitch.
 */
export interface TokenStream {
  tokens: Int32Array;
  onsets: Float64Array;
  pitches: Int32Array;
}

/** Grid steps per beat of the onset intervals. */
export const NOVELTY_GRID = 12;
const ONSET_CAP = 8191;

/** Tokens of a part (any notes: one role, one track). Onset intervals beyond 682 beats are capped. */
export function tokenize(notes: readonly Note[]): TokenStream {
  const sorted = [...notes].sort((a, b) => a.start - b.start || a.pitch - b.pitch);
  const steps = sorted.map((n) => Math.round(n.start * NOVELTY_GRID));
  const tokens = new Int32Array(Math.max(0, sorted.length - 1));
  for (let j = 1; j < sorted.length; j++)
    tokens[j - 1] =
      (sorted[j].pitch - sorted[j - 1].pitch + 128) * (ONSET_CAP + 1) +
      Math.min(ONSET_CAP, steps[j] - steps[j - 1]);
  return {
    tokens,
    onsets: Float64Array.from(steps.map((s) => s / NOVELTY_GRID)),
    pitches: Int32Array.from(sorted.map((n) => n.pitch)),
  };
}

/** The training parts' tokens. */
export interface NoveltyIndex {
  streams: Int32Array[];
  /** Tokens in all streams. */
  size: number;
}

/** An index with no parts yet. */
export function emptyIndex(): NoveltyIndex {
  return { streams: [], size: 0 };
}

/** Adds one training part (one role of one piece) to the index; a part of fewer than two notes adds nothing. */
export function addPart(index: NoveltyIndex, notes: readonly Note[]): void {
  const t = tokenize(notes).tokens;
  if (t.length === 0) return;
  index.streams.push(t);
  index.size += t.length;
}

/** Builds the index from training parts. */
export function buildIndex(parts: Iterable<readonly Note[]>): NoveltyIndex {
  const index = emptyIndex();
  for (const p of parts) addPart(index, p);
  return index;
}

/** The longest shared run of one part. */
export interface SharedRun {
  /** Notes in the run (0 when no run of `minNotes` is shared). */
  notes: number;
  /** Onset of its first note to onset of its last, in beats (the longest such span found). */
  beats: Beats;
  /** Where the longest-in-beats run starts in the part, in beats. */
  at: Beats;
}

/** Settings of {@link longestSharedRuns}. */
export interface NoveltyOptions {
  /** Shortest run looked for, in notes. Default 5. */
  minNotes?: number;
  /**
   * Fewest distinct pitches a run needs to count: a drone, a repeated note or a two-note trill is shared
   * with any corpus and copies nothing. Default 3.
   */
  minPitches?: number;
}

const B1 = 0x01000193;
const B2 = 0x5bd1e995;

function hashKey(h1: number, h2: number): number {
  return (h1 >>> 0) * 2097152 + (h2 >>> 11);
}

interface Candidate {
  query: number;
  at: number;
}

interface Group {
  /** One member's position, to verify a training window against. */
  query: number;
  at: number;
  members: Candidate[];
  found: boolean;
}

/** Marks which candidate windows of `length` tokens occur in the index. */
function markShared(
  index: NoveltyIndex,
  queries: readonly TokenStream[],
  candidates: readonly Candidate[],
  length: number,
): Candidate[] {
  const groups = new Map<number, Group[]>();
  const windowHash = (t: Int32Array, s: number): number => {
    let h1 = 0;
    let h2 = 0;
    for (let k = 0; k < length; k++) {
      h1 = (Math.imul(h1, B1) + t[s + k]) | 0;
      h2 = (Math.imul(h2, B2) + t[s + k]) | 0;
    }
    return hashKey(h1, h2);
  };
  const same = (a: Int32Array, i: number, b: Int32Array, j: number): boolean => {
    for (let k = 0; k < length; k++) if (a[i + k] !== b[j + k]) return false;
    return true;
  };
  for (const c of candidates) {
    const t = queries[c.query].tokens;
    const key = windowHash(t, c.at);
    const list = groups.get(key) ?? [];
    const g = list.find((x) => same(queries[x.query].tokens, x.at, t, c.at));
    if (g) g.members.push(c);
    else list.push({ query: c.query, at: c.at, members: [c], found: false });
    groups.set(key, list);
  }
  let p1 = 1;
  let p2 = 1;
  for (let k = 0; k < length; k++) {
    p1 = Math.imul(p1, B1);
    p2 = Math.imul(p2, B2);
  }
  for (const t of index.streams) {
    if (t.length < length) continue;
    let h1 = 0;
    let h2 = 0;
    for (let s = 0; s < t.length; s++) {
      h1 = (Math.imul(h1, B1) + t[s]) | 0;
      h2 = (Math.imul(h2, B2) + t[s]) | 0;
      if (s >= length) {
        h1 = (h1 - Math.imul(t[s - length], p1)) | 0;
        h2 = (h2 - Math.imul(t[s - length], p2)) | 0;
      }
      if (s < length - 1) continue;
      const list = groups.get(hashKey(h1, h2));
      if (!list) continue;
      for (const g of list)
        if (!g.found && same(queries[g.query].tokens, g.at, t, s - length + 1)) g.found = true;
    }
  }
  const out: Candidate[] = [];
  for (const list of groups.values()) for (const g of list) if (g.found) out.push(...g.members);
  return out;
}

/**
 * Finds, for each query part, the longest run of notes it shares with the index (among runs of at least
 * `minPitches` distinct pitches): the most notes, and the longest span in beats.
 */
export function longestSharedRuns(
  index: NoveltyIndex,
  queries: readonly TokenStream[],
  options: NoveltyOptions = {},
): SharedRun[] {
  const minTokens = Math.max(1, (options.minNotes ?? 5) - 1);
  const minPitches = options.minPitches ?? 3;
  const distinct = (p: Int32Array, from: number, to: number): number => {
    const seen = new Set<number>();
    for (let i = from; i <= to && seen.size < minPitches; i++) seen.add(p[i]);
    return seen.size;
  };
  const best: SharedRun[] = queries.map(() => ({ notes: 0, beats: 0, at: 0 }));
  let length = minTokens;
  let candidates: Candidate[] = [];
  queries.forEach((q, query) => {
    for (let at = 0; at + length <= q.tokens.length; at++) candidates.push({ query, at });
  });
  while (candidates.length > 0) {
    const shared = markShared(index, queries, candidates, length);
    const alive = new Set<string>();
    for (const c of shared) {
      const q = queries[c.query];
      alive.add(`${c.query}:${c.at}`);
      if (distinct(q.pitches, c.at, c.at + length) < minPitches) continue;
      const span = q.onsets[c.at + length] - q.onsets[c.at];
      const b = best[c.query];
      b.notes = Math.max(b.notes, length + 1);
      if (span > b.beats) {
        b.beats = span;
        b.at = q.onsets[c.at];
      }
    }
    candidates = shared.filter(
      (c) => alive.has(`${c.query}:${c.at + 1}`) && c.at + length + 1 <= queries[c.query].tokens.length,
    );
    length++;
  }
  return best;
}
