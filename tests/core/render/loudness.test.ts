import { describe, expect, it } from 'vitest';
import {
  blockPowers,
  dcOffsetDbfs,
  integratedLoudness,
  kWeighting,
  LOUDNESS_OFFSET,
} from '../../../core/render/loudness';

const RATE = 48000;

/** A sine of `freq` Hz at `dbfs` (peak amplitude re full scale) for `seconds`. */
function sine(freq: number, dbfs: number, seconds: number, rate = RATE): Float32Array {
  const a = 10 ** (dbfs / 20);
  return Float32Array.from(
    { length: Math.round(seconds * rate) },
    (_, i) => a * Math.sin((2 * Math.PI * freq * i) / rate),
  );
}

/** |H(e^jw)|^2 of the two K-weighting stages at `freq`. */
function kGainDb(freq: number): number {
  const w = (2 * Math.PI * freq) / RATE;
  let power = 1;
  for (const f of kWeighting(RATE)) {
    const num = [
      f.b0 + f.b1 * Math.cos(w) + f.b2 * Math.cos(2 * w),
      -f.b1 * Math.sin(w) - f.b2 * Math.sin(2 * w),
    ];
    const den = [
      1 + f.a1 * Math.cos(w) + f.a2 * Math.cos(2 * w),
      -f.a1 * Math.sin(w) - f.a2 * Math.sin(2 * w),
    ];
    power *= (num[0] ** 2 + num[1] ** 2) / (den[0] ** 2 + den[1] ** 2);
  }
  return 10 * Math.log10(power);
}

describe('BS.1770-4 loudness', () => {
  it('derives the 48 kHz K-weighting coefficients printed in the standard (Tables 1 and 2)', () => {
    const [shelf, hp] = kWeighting(48000);
    expect(shelf.b0).toBeCloseTo(1.53512485958697, 10);
    expect(shelf.b1).toBeCloseTo(-2.69169618940638, 10);
    expect(shelf.b2).toBeCloseTo(1.19839281085285, 10);
    expect(shelf.a1).toBeCloseTo(-1.69065929318241, 10);
    expect(shelf.a2).toBeCloseTo(0.73248077421585, 10);
    expect([hp.b0, hp.b1, hp.b2]).toEqual([1, -2, 1]);
    expect(hp.a1).toBeCloseTo(-1.99004745483398, 10);
    expect(hp.a2).toBeCloseTo(0.99007225036621, 10);
  });

  it('reads a 997 Hz stereo sine at -20 dBFS as -20.0 LUFS', () => {
    // The standard's -0.691 offset cancels the K-filter's gain at 997 Hz (+0.691 dB), so that a 0 dBFS sine
    // in ONE channel reads -3.01 LKFS: -0.691 + 10 log10(0.5) + 0.691. A sine of peak A has mean square
    // A^2 / 2; two channels at -20 dBFS sum to 2 * 0.01 / 2 = 0.01, i.e. -20 dB, and the offset and the
    // filter gain cancel again: -20.0 LUFS (EBU Tech 3341 case 1 is the same at -23 dBFS -> -23.0 LUFS).
    expect(kGainDb(997)).toBeCloseTo(-LOUDNESS_OFFSET, 2);
    const s = sine(997, -20, 3);
    expect(integratedLoudness([s, s], RATE)).toBeCloseTo(-20, 1);
    expect(integratedLoudness([s], RATE)).toBeCloseTo(-23.01, 1);
  });

  it('ignores silence (absolute gate) and quiet passages 10 LU down (relative gate)', () => {
    // EBU Tech 3341 case 3, shortened: -36 / -23 / -36 dBFS stereo sine reads -23 LUFS, the -36 parts
    // falling under the relative gate (-33); the blocks that straddle a change count, hence 0.2 LU.
    const quiet = sine(1000, -36, 1);
    const loud = sine(1000, -23, 20);
    const joined = Float32Array.from([...quiet, ...loud, ...quiet]);
    expect(integratedLoudness([joined, joined], RATE)).toBeCloseTo(-23, 0);
    expect(Math.abs(integratedLoudness([joined, joined], RATE) + 23)).toBeLessThan(0.2);
    // 4 s of tone then 4 s of silence: the 37 all-tone blocks and the 3 that straddle the cut (3/4, 1/2 and
    // 1/4 tone: 1.5 blocks' worth of power) pass the gates, the all-silent ones fall under -70 LUFS.
    const gap = Float32Array.from([...loud.subarray(0, RATE * 4), ...new Float32Array(RATE * 4)]);
    expect(integratedLoudness([gap, gap], RATE)).toBeCloseTo(-23 + 10 * Math.log10(38.5 / 40), 1);
  });

  it('uses 400 ms blocks at 100 ms hops, and one block for a shorter clip', () => {
    expect(blockPowers([new Float32Array(RATE)], RATE)).toHaveLength(7);
    expect(blockPowers([new Float32Array(RATE / 10)], RATE)).toHaveLength(1);
    const s = sine(997, -20, 0.2);
    expect(integratedLoudness([s, s], RATE)).toBeCloseTo(-20, 0);
  });

  it('gives -Infinity, never NaN, for silence and empty input', () => {
    expect(integratedLoudness([new Float32Array(RATE), new Float32Array(RATE)], RATE)).toBe(-Infinity);
    expect(integratedLoudness([new Float32Array(0)], RATE)).toBe(-Infinity);
  });
});

describe('dcOffsetDbfs', () => {
  it("reports the worse channel's mean in dBFS, and -Infinity for a zero mean", () => {
    const left = Float32Array.from({ length: 1000 }, (_, i) => 0.1 + (i % 2 ? 0.5 : -0.5));
    const right = Float32Array.from({ length: 1000 }, (_, i) => -0.01 + (i % 2 ? 0.2 : -0.2));
    expect(dcOffsetDbfs([left, right])).toBeCloseTo(-20, 4);
    expect(dcOffsetDbfs([right])).toBeCloseTo(-40, 4);
    expect(dcOffsetDbfs([Float32Array.from([0.5, -0.5]), new Float32Array(0)])).toBe(-Infinity);
  });
});
