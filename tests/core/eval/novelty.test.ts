import { describe, expect, it } from 'vitest';
import { buildIndex, longestSharedRuns, tokenize } from '../../../core/eval/novelty';
import { seededRandom } from '../../../core/random';
import type { Note } from '../../../core/sequence';
import { line, note } from './helpers';

const TUNE = [60, 62, 64, 65, 67, 65, 64, 62, 60, 67, 69, 71, 72, 71, 69, 67];

describe('novelty tokens', () => {
  it('are transposition-invariant and follow onset then pitch order', () => {
    const a = tokenize(line(TUNE));
    const b = tokenize(line(TUNE.map((p) => p + 5)));
    expect(Array.from(b.tokens)).toEqual(Array.from(a.tokens));
    expect(a.tokens.length).toBe(15);
    expect(Array.from(a.onsets.slice(0, 3))).toEqual([0, 0.5, 1]);
    const chord = tokenize([note(67, 0, 1), note(60, 0, 1), note(64, 0, 1)]);
    expect(Array.from(chord.pitches)).toEqual([60, 64, 67]);
    expect(tokenize([note(60, 0, 1)]).tokens.length).toBe(0);
  });
});

/** Brute force: the longest common run of tokens whose notes hold at least `minPitches` pitches. */
function bruteForce(training: Note[][], query: Note[], minNotes: number, minPitches: number): number {
  const q = tokenize(query);
  let best = 0;
  for (const part of training) {
    const t = tokenize(part).tokens;
    for (let i = 0; i < q.tokens.length; i++)
      for (let j = 0; j < t.length; j++) {
        let k = 0;
        while (i + k < q.tokens.length && j + k < t.length && q.tokens[i + k] === t[j + k]) {
          k++;
          const notes = k + 1;
          if (notes >= minNotes && new Set(q.pitches.slice(i, i + k + 1)).size >= minPitches)
            best = Math.max(best, notes);
        }
      }
  }
  return best;
}

describe('longest shared run', () => {
  it('finds a transposed excerpt of a training tune, in notes and beats', () => {
    const index = buildIndex([line(TUNE), line([50, 52, 50, 52, 50, 52, 50, 52, 50])]);
    // 10 notes of the tune (index 3..12), a fifth up, after two unrelated notes.
    const excerpt = [40, 47, ...TUNE.slice(3, 13).map((p) => p + 7)];
    const [run] = longestSharedRuns(index, [tokenize(line(excerpt, 0.5, 0.5, 'melody', 8))]);
    expect(run).toEqual({ notes: 10, beats: 4.5, at: 9 });
  });

  it('does not count a repeated note or a trill, however long', () => {
    const drone = line(new Array(32).fill(48));
    const trill = line(Array.from({ length: 32 }, (_, i) => 60 + (i % 2)));
    const index = buildIndex([drone, trill]);
    const runs = longestSharedRuns(index, [tokenize(drone), tokenize(trill)]);
    expect(runs).toEqual([
      { notes: 0, beats: 0, at: 0 },
      { notes: 0, beats: 0, at: 0 },
    ]);
    expect(longestSharedRuns(index, [tokenize(trill)], { minPitches: 2 })[0].notes).toBe(32);
  });

  it('does not join the end of one training part to the start of another', () => {
    const index = buildIndex([line(TUNE.slice(0, 8)), line(TUNE.slice(8))]);
    const [run] = longestSharedRuns(index, [tokenize(line(TUNE))], { minNotes: 2 });
    expect(run.notes).toBe(8);
  });

  it('agrees with a brute-force search on random parts', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const rng = seededRandom(seed);
      const randomPart = (n: number): Note[] =>
        line(
          Array.from({ length: n }, () => 60 + Math.floor(rng() * 4)),
          0.5,
        ).map((x, i) => (i % 3 === 0 ? { ...x, start: x.start + 0.25 * Math.floor(rng() * 2) } : x));
      const training = [randomPart(120), randomPart(80)];
      const queries = [
        randomPart(60),
        [...training[0].slice(30, 45)].map((x) => ({ ...x, pitch: x.pitch + 2 })),
      ];
      const runs = longestSharedRuns(buildIndex(training), queries.map(tokenize), {
        minNotes: 3,
        minPitches: 3,
      });
      queries.forEach((q, i) => expect(runs[i].notes).toBe(bruteForce(training, q, 3, 3)));
      expect(runs[1].notes).toBeGreaterThanOrEqual(15);
    }
  });
});
