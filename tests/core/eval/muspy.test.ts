import { describe, expect, it } from 'vitest';
import {
  drumPatternConsistency,
  emptyBeatRate,
  grooveConsistency,
  noteDensity,
  pitchClassEntropy,
  pitchRange,
  polyphony,
  qualityMetrics,
  QUALITY_METRICS,
  scaleConsistency,
  summarise,
} from '../../../core/eval/muspy';
import { line, note, piece } from './helpers';

describe('MusPy metrics', () => {
  it('pitch-class entropy: log2 of the classes used evenly, 0 for one class, NaN without pitched notes', () => {
    expect(pitchClassEntropy(piece(line([60, 62, 64, 65, 67, 69, 71])))).toBeCloseTo(Math.log2(7), 12);
    expect(pitchClassEntropy(piece(line([60, 72, 48])))).toBe(0);
    // Counts, not durations: C twice and D once.
    expect(pitchClassEntropy(piece([note(60, 0, 4), note(60, 4, 5), note(62, 5, 6)]))).toBeCloseTo(
      -(2 / 3) * Math.log2(2 / 3) - (1 / 3) * Math.log2(1 / 3),
      12,
    );
    expect(pitchClassEntropy(piece([note(36, 0, 1, 'drums')]))).toBeNaN();
  });

  it('scale consistency: the best of the 24 major and natural-minor scales', () => {
    expect(scaleConsistency(piece(line([60, 62, 64, 65, 67, 69, 71, 72])))).toBe(1);
    expect(scaleConsistency(piece(line([60, 62, 64, 65, 67, 69, 71, 61])))).toBe(7 / 8);
    // A harmonic-minor G# is outside every natural scale that holds the rest of A minor.
    expect(scaleConsistency(piece(line([57, 59, 60, 62, 64, 65, 68, 69])))).toBe(7 / 8);
    expect(scaleConsistency(piece([note(38, 0, 1, 'drums')]))).toBeNaN();
  });

  it('empty-beat rate counts the beats from start // res to end // res inclusive, over length // res + 1', () => {
    // Notes in beats 0 and 3: 4 beats, 2 touched.
    expect(emptyBeatRate(piece([note(60, 0, 0.5), note(62, 3, 3.5)]))).toBe(0.5);
    // A note ending on a beat line touches that beat too (MusPy's inclusive end): beats 0, 1 of 2.
    expect(emptyBeatRate(piece([note(60, 0, 1)]))).toBe(0);
    // Beats 0..4 with notes in beats 0 and 4 (1 beat long from 4 -> touches 4 and 5 of 6).
    expect(emptyBeatRate(piece([note(60, 0, 0.5), note(62, 4, 5)]))).toBeCloseTo(1 - 3 / 6, 12);
    expect(emptyBeatRate(piece([]))).toBeNaN();
  });

  it('polyphony: pitches on per step, over the steps where any pitch is on; drums ignored', () => {
    const chord = [note(60, 0, 1), note(64, 0, 1), note(67, 0, 1), note(72, 1, 2), note(36, 0, 2, 'drums')];
    expect(polyphony(piece(chord))).toBe(2);
    expect(polyphony(piece([note(60, 0, 1), note(62, 3, 4)]))).toBe(1);
    expect(polyphony(piece([note(36, 0, 1, 'drums')]))).toBeNaN();
  });

  it('groove consistency: 1 - Hamming distance of neighbouring bars over the bar grid', () => {
    const bar = (from: number): ReturnType<typeof note>[] =>
      [0, 1, 2, 3].map((b) => note(60, from + b, from + b + 0.5));
    expect(grooveConsistency(piece([...bar(0), ...bar(4)]))).toBe(1);
    // One onset of 48 grid positions missing in bar 2.
    expect(grooveConsistency(piece([...bar(0), ...bar(4).slice(0, 3)]))).toBeCloseTo(1 - 1 / 48, 12);
    // 3/4: bars of 36 steps; bar 2's one onset an eighth late: 2 positions differ.
    const waltz = [note(60, 0, 0.5), note(60, 3.5, 4)];
    expect(grooveConsistency(piece(waltz, 120, 3))).toBeCloseTo(1 - 2 / 36, 12);
    expect(grooveConsistency(piece([note(60, 0, 1)]))).toBeNaN();
  });

  it('drum-pattern consistency: sixteenths or eighth triplets, the better of the two; NaN without drums', () => {
    const d = (starts: number[]): ReturnType<typeof note>[] =>
      starts.map((s) => note(42, s, s + 0.1, 'drums'));
    expect(drumPatternConsistency(piece(d([0, 0.25, 0.5, 0.75, 1])))).toBe(1);
    expect(drumPatternConsistency(piece(d([0, 1 / 3, 2 / 3, 1])))).toBe(1);
    // 16ths hit 4 of 6 (0, .25, .5, .75), triplets 3 of 6 (0, 1/3, 2/3).
    expect(drumPatternConsistency(piece(d([0, 0.25, 0.5, 0.75, 1 / 3, 2 / 3])))).toBeCloseTo(4 / 6, 12);
    expect(drumPatternConsistency(piece(d([0.1, 0.6])))).toBe(0);
    expect(drumPatternConsistency(piece(line([60, 62])))).toBeNaN();
  });

  it('note density per second and pitch range (drums left out of the range)', () => {
    // 10 notes over 10 beats at 120 bpm = 5 s.
    expect(noteDensity(piece(line([60, 61, 62, 63, 64, 65, 66, 67, 68, 69], 1)))).toBe(2);
    expect(pitchRange(piece([note(48, 0, 1), note(79, 1, 2), note(35, 0, 1, 'drums')]))).toBe(31);
    expect(pitchRange(piece([]))).toBe(0);
  });

  it('qualityMetrics gathers every figure; summarise skips NaN', () => {
    const m = qualityMetrics(piece(line([60, 64, 67, 72], 1)));
    expect(Object.keys(m)).toEqual([...QUALITY_METRICS]);
    expect(m.pitchRange).toBe(12);
    expect(m.drumPatternConsistency).toBeNaN();
    expect(summarise([1, NaN, 3])).toEqual({ mean: 2, std: 1, n: 2 });
    expect(summarise([NaN])).toEqual({ mean: NaN, std: NaN, n: 0 });
  });
});
