import { describe, expect, it } from 'vitest';
import { compareSets, interDistances, intraDistances } from '../../../core/eval/mgeval/compare';
import {
  euclidean,
  MGEVAL_FEATURES,
  mgevalFeatures,
  noteLengthClass,
} from '../../../core/eval/mgeval/features';
import { evaluateKde, fitKde, klDivergence, overlapArea } from '../../../core/eval/mgeval/stats';
import { seededRandom } from '../../../core/random';
import { line, note, piece } from './helpers';

describe('MGEval features', () => {
  it('counts, histograms, range, pitch shift and IOI of a small piece (drums left out)', () => {
    // 120 bpm: a beat is 0.5 s. C (2 beats), E, G (1 beat each), and a chord C+G at beat 4; a drum hit.
    const seq = piece([
      note(60, 0, 2),
      note(64, 2, 3),
      note(67, 3, 4),
      note(48, 4, 5),
      note(67, 4, 5),
      note(36, 0, 1, 'drums'),
    ]);
    const f = mgevalFeatures(seq);
    expect(f.usedPitches).toEqual([4]);
    expect(f.usedNotes).toEqual([5]);
    // Duration-weighted: C 2 + 1 beats, E 1, G 2 of 6.
    expect(f.pitchClassHistogram[0]).toBeCloseTo(3 / 6, 12);
    expect(f.pitchClassHistogram[4]).toBeCloseTo(1 / 6, 12);
    expect(f.pitchClassHistogram[7]).toBeCloseTo(2 / 6, 12);
    expect(f.pitchRange).toEqual([19]);
    // Onset order 60, 64, 67, 48, 67: |4| + |3| + |19| + |19| over 4.
    expect(f.avgPitchShift).toEqual([45 / 4]);
    // Onsets 0, 1, 1.5, 2, 2 s: mean interval (2 - 0) / 4.
    expect(f.avgIoi[0]).toBeCloseTo(0.5, 12);
    // Lengths: half, quarter, quarter, quarter, quarter.
    expect(f.noteLengthHistogram[1]).toBeCloseTo(1 / 5, 12);
    expect(f.noteLengthHistogram[2]).toBeCloseTo(4 / 5, 12);
    // Transitions half->quarter once, quarter->quarter three times.
    expect(f.noteLengthTransition[1 * 12 + 2]).toBeCloseTo(1 / 4, 12);
    expect(f.noteLengthTransition[2 * 12 + 2]).toBeCloseTo(3 / 4, 12);
    for (const name of MGEVAL_FEATURES) expect(f[name].every(Number.isFinite)).toBe(true);
  });

  it('pitch-class transitions: a note ending within 50 ms of another starting, per track', () => {
    const f = mgevalFeatures(piece([note(60, 0, 1), note(64, 1, 2), note(67, 3, 4)]));
    // C ends at 0.5 s where E starts; E ends at 1 s, nothing starts then; G follows a gap.
    const nonzero = f.pitchClassTransition.flatMap((v, i) => (v ? [[i, v]] : []));
    expect(nonzero).toEqual([[0 * 12 + 4, 1]]);
    // Different tracks do not connect.
    const two = piece([
      { ...note(60, 0, 1), track: 0 },
      { ...note(64, 1, 2, 'bass'), track: 1 },
    ]);
    expect(mgevalFeatures(two).pitchClassTransition.every((v) => v === 0)).toBe(true);
  });

  it('note lengths snap to the nearest of MGEval twelve classes', () => {
    expect(noteLengthClass(4)).toBe(0);
    expect(noteLengthClass(0.5)).toBe(3);
    expect(noteLengthClass(0.26)).toBe(4);
    expect(noteLengthClass(1.5)).toBe(6);
    expect(noteLengthClass(1 / 3)).toBe(11);
    expect(noteLengthClass(10)).toBe(0);
    expect(euclidean([0, 3], [4, 0])).toBe(5);
  });
});

describe('KDE, overlapped area and KL divergence', () => {
  it('fits Scott bandwidth (n^-1/5 x sample std) and evaluates the Gaussian mixture', () => {
    const kde = fitKde([0, 1, 2, 3, 4]);
    expect(kde.bandwidth).toBeCloseTo(Math.pow(5, -0.2) * Math.sqrt(2.5), 12);
    const h = kde.bandwidth;
    const direct =
      [0, 1, 2, 3, 4].reduce((s, x) => s + Math.exp(-0.5 * ((2 - x) / h) ** 2), 0) /
      (5 * h * Math.sqrt(2 * Math.PI));
    expect(evaluateKde(kde, [2])[0]).toBeCloseTo(direct, 12);
    expect(fitKde([3, 3, 3]).bandwidth).toBe(1e-3);
    expect(() => fitKde([])).toThrow(RangeError);
  });

  it('overlap is about 1 for the same sample and 0 for samples far apart; KL is 0 for the same and grows with the shift', () => {
    const rng = seededRandom(4);
    const a = Array.from({ length: 300 }, () => rng() + rng() + rng());
    // MGEval integrates over the samples' range only, so the KDE's tails beyond it are not counted.
    expect(overlapArea(a, a)).toBeGreaterThan(0.97);
    expect(overlapArea(a, a)).toBeLessThanOrEqual(1);
    expect(
      overlapArea(
        a,
        a.map((x) => x + 100),
      ),
    ).toBeLessThan(1e-6);
    expect(klDivergence(a, a)).toBeCloseTo(0, 10);
    const near = klDivergence(
      a,
      a.map((x) => x + 0.2),
    );
    const far = klDivergence(
      a,
      a.map((x) => x + 0.8),
    );
    expect(near).toBeGreaterThan(0.01);
    expect(far).toBeGreaterThan(near);
    expect(
      overlapArea(
        a,
        a.map((x) => x + 0.8),
      ),
    ).toBeLessThan(
      overlapArea(
        a,
        a.map((x) => x + 0.2),
      ),
    );
    expect(overlapArea([2, 2], [2, 2])).toBe(1);
  });
});

describe('set comparison', () => {
  const melody = (seed: number, step: number): ReturnType<typeof piece> => {
    const rng = seededRandom(seed);
    return piece(
      line(
        Array.from({ length: 32 }, () => 60 + Math.floor(rng() * 12)),
        step,
      ),
    );
  };
  const reference = Array.from({ length: 8 }, (_, i) => mgevalFeatures(melody(i + 1, 0.5)));
  const similar = Array.from({ length: 8 }, (_, i) => mgevalFeatures(melody(i + 100, 0.5)));
  const different = Array.from({ length: 8 }, (_, i) => mgevalFeatures(melody(i + 200, 1.5)));

  it('counts each intra-set pair once and every inter-set pair', () => {
    expect(intraDistances(reference, 'pitchRange').length).toBe(28);
    expect(interDistances(similar, reference, 'pitchRange').length).toBe(64);
    expect(intraDistances(reference, 'usedNotes').every((d) => d === 0)).toBe(true);
  });

  it('a set like the reference overlaps it more, and diverges less, than a set of other rhythms', () => {
    const near = compareSets(similar, reference);
    const far = compareSets(different, reference);
    expect(near.map((c) => c.feature)).toEqual([...MGEVAL_FEATURES]);
    const at = (cs: typeof near, f: string): (typeof near)[number] => cs.find((c) => c.feature === f)!;
    for (const f of ['avgIoi', 'noteLengthHistogram']) {
      expect(at(near, f).oa).toBeGreaterThan(at(far, f).oa);
      expect(at(near, f).kld).toBeLessThan(at(far, f).kld);
    }
    expect(at(near, 'usedNotes').inter.mean).toBe(0);
    const curve = at(near, 'pitchClassHistogram').curves.inter;
    expect(curve.x.length).toBe(80);
    expect(curve.y.some((y) => y > 0)).toBe(true);
    expect(() => compareSets(similar.slice(0, 1), reference)).toThrow(RangeError);
  });
});
