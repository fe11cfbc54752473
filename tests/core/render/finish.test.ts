import { describe, expect, it } from 'vitest';
import { finishSteps } from '../../../core/render/finish';
import { integratedLoudness, samplePeakDbfs } from '../../../core/render/loudness';
import { levelSteps, normalise } from '../../../core/render/normalise';
import { runSteps } from '../../../core/render/steps';
import { RenderError } from '../../../core/errors';
import { encodeWav } from '../../../core/render/wav';

const RATE = 48000;

/** A loud, uneven stereo signal of `seconds`: a chord with a burst that the limiter has to catch. */
function signal(seconds: number): Float32Array[] {
  const n = Math.round(seconds * RATE);
  let seed = 3;
  const noise = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 0.05;
  const left = Float32Array.from({ length: n }, (_, i) => {
    const burst = i % 24000 < 300 ? 6 : 1;
    return burst * 0.2 * (Math.sin(i / 11) + 0.5 * Math.sin(i / 3.7)) + noise();
  });
  const right = Float32Array.from(left, (x, i) => 0.8 * x + 0.1 * Math.sin(i / 17));
  return [left, right];
}

describe('finishSteps (gain, limiter, measurement and WAV in one sweep)', () => {
  it.each([
    ['2.5 s stereo, 16-bit, limited', 2.5, 2, 16, true],
    ['2.5 s mono, 24-bit, limited', 2.5, 1, 24, true],
    ['0.25 s (shorter than a gating block)', 0.25, 2, 16, false],
    ['1.03 s (a partial last step), limited', 1.03, 2, 16, true],
  ] as const)(
    '%s: the same WAV, loudness and peak as normalising, measuring and encoding',
    (_, s, n, bits, limited) => {
      const source = signal(s).slice(0, n);
      const level = runSteps(levelSteps(source, RATE));
      expect(level.curve !== null).toBe(limited);
      const plain = normalise(source, RATE);
      const fused = runSteps(finishSteps(source, level, RATE, bits));
      expect(Buffer.from(fused.wav).equals(Buffer.from(encodeWav(plain.channels, RATE, bits)))).toBe(true);
      expect(fused.lufs).toBe(plain.lufs);
      expect(fused.lufs).toBe(integratedLoudness(plain.channels, RATE));
      expect(fused.peakDbfs).toBe(samplePeakDbfs(plain.channels));
      expect(fused.peakDbfs).toBeLessThanOrEqual(-1.1 + 1e-6);
    },
  );

  it('passes silence through as silence, measured as -Infinity', () => {
    const source = [new Float32Array(30000), new Float32Array(30000)];
    const level = runSteps(levelSteps(source, RATE));
    expect(level).toEqual({ gain: 1, curve: null, gainDb: 0, limitedDb: 0 });
    const fused = runSteps(finishSteps(source, level, RATE, 16));
    expect(fused.lufs).toBe(-Infinity);
    expect(fused.peakDbfs).toBe(-Infinity);
    expect(fused.wav.subarray(44).every((b) => b === 0)).toBe(true);
  });
});

describe('finishSteps on bad input', () => {
  it('throws RenderError for no channels', () => {
    expect(() => runSteps(finishSteps([], { gain: 1, curve: null }, RATE, 16))).toThrow(RenderError);
  });
});
