import { describe, expect, it } from 'vitest';
import {
  gridDeviation,
  looksLikePerformance,
  PERFORMANCE_DEVIATION,
} from '../../../core/features/corpus-grid';
import type { NoteSequence } from '../../../core/sequence';

const seq = (starts: number[], bpm = 120): NoteSequence => ({
  notes: starts.map((start) => ({
    pitch: 60,
    start,
    end: start + 0.25,
    velocity: 80,
    role: 'melody',
    program: 0,
    isDrum: false,
  })),
  tempos: [{ beat: 0, bpm }],
  timeSignatures: [{ beat: 0, numerator: 4, denominator: 4 }],
  keySignatures: [],
  tracks: [],
  totalBeats: 8,
});

describe('corpus grid', () => {
  it('measures the onsets against the sixteenth and eighth-triplet marks', () => {
    expect(gridDeviation(seq([0, 0.25, 1 / 3, 2.5, 3.75]))).toBeCloseTo(0, 12);
    // 0.125 is an eighth of a beat from 0 and from 1/4; 1.05 is 0.05 from the beat.
    expect(gridDeviation(seq([0.125, 1.05]))).toBeCloseTo((0.125 + 0.05) / 2, 12);
    expect(gridDeviation(seq([]))).toBe(0);
  });

  it('reads a file as a performance only at the default tempo, with no stated bpm, off the grid', () => {
    const off = [0.1, 1.12, 2.09, 3.13];
    expect(gridDeviation(seq(off))).toBeGreaterThan(PERFORMANCE_DEVIATION);
    expect(looksLikePerformance(seq(off))).toBe(true);
    expect(looksLikePerformance(seq(off), 120)).toBe(false);
    expect(looksLikePerformance(seq(off, 96))).toBe(false);
    expect(looksLikePerformance(seq([0, 1, 2, 3]))).toBe(false);
  });
});
