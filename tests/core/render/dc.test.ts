import { describe, expect, it } from 'vitest';
import { blockDc, DC_CUTOFF_HZ } from '../../../core/render/dc';

const RATE = 48000;

/** `seconds` of `offset + amplitude * sin(2 pi hz t)`. */
function tone(seconds: number, offset: number, amplitude: number, hz: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < out.length; i++) out[i] = offset + amplitude * Math.sin((2 * Math.PI * hz * i) / RATE);
  return out;
}

const mean = (xs: Float32Array): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const rms = (xs: Float32Array): number => Math.sqrt(xs.reduce((s, x) => s + x * x, 0) / xs.length);
const db = (ratio: number): number => 20 * Math.log10(ratio);

describe('blockDc', () => {
  it('takes a constant offset out and leaves a 220 Hz tone as it was', () => {
    const x = tone(2, 0.3, 0.2, 220);
    blockDc([x], RATE);
    const settled = x.subarray(RATE);
    expect(Math.abs(mean(settled))).toBeLessThan(1e-4);
    expect(Math.abs(db(rms(settled) / (0.2 / Math.SQRT2)))).toBeLessThan(0.01);
  });

  it('costs a bass under a tenth of a dB at E1 (41.2 Hz)', () => {
    const x = tone(2, 0, 0.5, 41.2);
    blockDc([x], RATE);
    const loss = db(rms(x.subarray(RATE)) / (0.5 / Math.SQRT2));
    expect(loss).toBeLessThan(0);
    expect(loss).toBeGreaterThan(-0.1);
  });

  it('filters every channel on its own', () => {
    const left = tone(1, 0.25, 0, 1);
    const right = tone(1, -0.5, 0, 1);
    blockDc([left, right], RATE);
    expect(Math.abs(left[left.length - 1])).toBeLessThan(1e-4);
    expect(Math.abs(right[right.length - 1])).toBeLessThan(1e-4);
    expect(left[0]).toBeCloseTo(0.25, 6); // from silence, the first sample is the step itself
    expect(right[0]).toBeCloseTo(-0.5, 6);
  });

  it('starts a loop in its steady state, so that its end meets its start', () => {
    // Whole cycles of 100 Hz in one second: the loop repeats seamlessly, with an offset of 0.3.
    const loop = tone(1, 0.3, 0.2, 100);
    const plain = Float32Array.from(loop);
    blockDc([loop], RATE, { loop: true });
    blockDc([plain], RATE);
    const head = (c: Float32Array) => c.subarray(0, RATE / 100); // the first 10 ms, one cycle
    expect(Math.abs(mean(head(loop)))).toBeLessThan(1e-3);
    expect(mean(head(plain))).toBeGreaterThan(0.2); // the step from silence is still decaying
    // The sample after the last is the first again: the same step as within the loop.
    const step = loop[0] - loop[loop.length - 1];
    const inside = loop[1] - loop[0];
    expect(Math.abs(step - inside)).toBeLessThan(1e-3);
  });

  it('wraps the warm-up round a loop shorter than it, and leaves empty channels alone', () => {
    const short = tone(0.01, 0.4, 0, 1); // 10 ms, shorter than ten time constants
    blockDc([short, new Float32Array(0)], RATE, { loop: true, cutoffHz: DC_CUTOFF_HZ });
    expect(short.every((x) => Number.isFinite(x))).toBe(true);
    expect(Math.abs(mean(short))).toBeLessThan(1e-3);
  });
});
