import { afterAll, describe, expect, it } from 'vitest';
import { BASELINE_VELOCITY, baselinePiece, fallbackSeed } from '../../../core/eval/baseline';
import { middleExcerpt } from '../../../core/eval/excerpt';
import { makeConfig } from '../../../core/model/config';
import { buildNetwork } from '../../../core/model/network';
import { durationSeconds } from '../../../core/sequence';
import { line, piece } from './helpers';

describe('baseline pieces', () => {
  const net = buildNetwork(makeConfig('seed-baseline', { kind: 'seed-baseline', units: 8, window: 5 }), 2);
  afterAll(() => net.dispose());

  it('fill the asked length with one melody at 120 bpm, the same for the same seed', () => {
    const seed = fallbackSeed(5);
    const a = baselinePiece(net, seed, { seconds: 6, seed: 3 });
    expect(a.tempos).toEqual([{ beat: 0, bpm: 120 }]);
    expect(durationSeconds(a)).toBeGreaterThanOrEqual(6);
    expect(a.notes.length).toBeGreaterThan(0);
    for (const n of a.notes) {
      expect(n.start).toBeLessThan(12);
      expect(n.end).toBeGreaterThan(n.start);
      expect(n).toMatchObject({ role: 'melody', velocity: BASELINE_VELOCITY, isDrum: false });
    }
    expect(a.notes.map((n) => n.start)).toEqual([...a.notes.map((n) => n.start)].sort((x, y) => x - y));
    expect(JSON.stringify(baselinePiece(net, seed, { seconds: 6, seed: 3 }))).toBe(JSON.stringify(a));
    expect(JSON.stringify(baselinePiece(net, seed, { seconds: 6, seed: 4 }).notes)).not.toBe(
      JSON.stringify(a.notes),
    );
  });

  it('stop at maxNotes when the steps collapse', () => {
    const s = baselinePiece(net, fallbackSeed(5), { seconds: 600, seed: 1, maxNotes: 40, chunk: 8 });
    expect(s.notes.length).toBeLessThanOrEqual(40);
  });
});

describe('reference excerpts', () => {
  it('cut the asked seconds from the middle, on a bar line, shifted to 0', () => {
    // 100 beats of 4/4 at 120 bpm = 50 s; the middle 10 s start at 20 s = beat 40 (a bar line).
    const song = piece(
      line(
        Array.from({ length: 100 }, (_, i) => 48 + (i % 24)),
        1,
        1.5,
      ),
      120,
      4,
      100,
    );
    const ex = middleExcerpt(song, 10);
    expect(ex.totalBeats).toBe(20);
    expect(ex.notes.length).toBe(20);
    expect(ex.notes[0]).toMatchObject({ pitch: 48 + (40 % 24), start: 0, end: 1.5 });
    // The last note is cut at the window's end.
    expect(ex.notes[19]).toMatchObject({ start: 19, end: 20 });
    expect(ex.tempos).toEqual([{ beat: 0, bpm: 120 }]);
    expect(ex.meta?.excerptFromBeat).toBe(40);
    expect(middleExcerpt(song, 60)).toBe(song);
  });
});
