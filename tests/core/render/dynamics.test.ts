import { describe, expect, it } from 'vitest';
import { fadeOut, limit, limiterCurveSteps, peakEnvelopeSteps } from '../../../core/render/dynamics';
import { runSteps } from '../../../core/render/steps';
import { samplePeakDbfs } from '../../../core/render/loudness';
import { decodeWav, encodeWav } from '../../../core/render/wav';
import { RenderError } from '../../../core/errors';

const RATE = 48000;

describe('limiter and fade', () => {
  it('keeps every sample under the ceiling and leaves quiet parts alone', () => {
    const x = Float32Array.from({ length: RATE }, (_, i) => (i < RATE / 2 ? 0.2 : 1.8) * Math.sin(i / 7));
    const y = x.slice();
    const reduction = limit([y], RATE, { ceilingDbfs: -1.1 });
    expect(reduction).toBeGreaterThan(5);
    expect(samplePeakDbfs([y])).toBeLessThanOrEqual(-1.1 + 1e-6);
    expect(y[1000]).toBeCloseTo(x[1000], 6);
    // A lone full-scale click right at the start is caught too (no look-ahead before it).
    const click = new Float32Array(100);
    click[0] = 1;
    limit([click], RATE);
    expect(click[0]).toBeLessThanOrEqual(10 ** (-1.1 / 20) + 1e-6);
  });

  it('fades to exactly zero at the end', () => {
    const x = new Float32Array(RATE).fill(0.5);
    fadeOut([x], RATE, 0.5);
    expect(x[RATE / 4]).toBe(0.5);
    expect(x[RATE - 1]).toBe(0);
    expect(x[RATE - RATE / 4]).toBeCloseTo(0.25, 2);
  });
});

describe('WAV', () => {
  it('writes a canonical 16-bit PCM header and reads its samples back', () => {
    const l = Float32Array.from([0, 0.5, -0.5, 1]);
    const r = Float32Array.from([0.25, -1, 2, Number.NaN]);
    const wav = encodeWav([l, r], RATE);
    const v = new DataView(wav.buffer);
    expect(new TextDecoder().decode(wav.subarray(0, 4))).toBe('RIFF');
    expect(v.getUint32(4, true)).toBe(wav.length - 8);
    expect(new TextDecoder().decode(wav.subarray(8, 16))).toBe('WAVEfmt ');
    expect([v.getUint16(20, true), v.getUint16(22, true), v.getUint32(24, true)]).toEqual([1, 2, RATE]);
    expect([v.getUint32(28, true), v.getUint16(32, true), v.getUint16(34, true)]).toEqual([RATE * 4, 4, 16]);
    expect(v.getUint32(40, true)).toBe(16);
    const back = decodeWav(wav);
    expect(back.channels[0][1]).toBeCloseTo(0.5, 4);
    expect(Array.from(back.channels[1])).toEqual([expect.closeTo(0.25, 4), -1, 1, 0]);
  });

  it('writes 24-bit and refuses what is not a WAV', () => {
    const wav = encodeWav([Float32Array.from([-0.123456])], 44100, 24);
    expect(wav.length).toBe(47);
    expect(decodeWav(wav).channels[0][0]).toBeCloseTo(-0.123456, 6);
    expect(() => decodeWav(new Uint8Array(20))).toThrow(RenderError);
    expect(() => encodeWav([new Float32Array(2), new Float32Array(3)], RATE)).toThrow(RenderError);
  });
});

/** The peak envelope the plain way: every sample's magnitude and its half-sample estimate, bounds tested. */
function referenceEnvelope(channels: Float32Array[]): Float32Array {
  const n = channels[0].length;
  const env = new Float32Array(n);
  for (const ch of channels)
    for (let i = 0; i < n; i++) {
      const at = (k: number): number => (k < 0 ? ch[0] : k < n ? ch[k] : 0);
      const mid = (9 * (ch[i] + at(i + 1)) - at(i - 1) - at(i + 2)) / 16;
      env[i] = Math.max(env[i], Math.abs(ch[i]), Math.abs(mid));
    }
  return env;
}

/** The limiter's curve the plain way: each window's least need found by scanning it, then release and mean. */
function referenceCurve(env: Float32Array, ceiling: number, w: number, release: number): Float32Array {
  const need = (e: number): number => (e > ceiling ? ceiling / e : 1);
  const held = Float32Array.from(env, (_, i) => {
    let least = 1;
    for (let k = i; k < Math.min(env.length, i + w); k++) least = Math.min(least, need(env[k]));
    return least;
  });
  const ring = new Float32Array(w).fill(held[0]);
  let previous = held[0];
  let sum = held[0] * w;
  return held.map((x, i) => {
    const h = i > 0 ? Math.min(x, previous + (1 - previous) * release) : x;
    previous = h;
    sum += h - ring[i % w];
    ring[i % w] = h;
    return Math.min(sum / w, need(env[i]));
  });
}

describe('the limiter against a plain reference', () => {
  let seed = 11;
  const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 3;
  const left = Float32Array.from({ length: 20011 }, (_, i) => random() * (i % 1500 < 200 ? 1 : 0.2));
  const right = Float32Array.from({ length: 20011 }, random);

  it('computes the same peak envelope, edges included', () => {
    for (const n of [1, 2, 3, 4, 8193, 20011]) {
      const channels = [left.subarray(0, n), right.subarray(0, n)];
      expect(runSteps(peakEnvelopeSteps(channels))).toEqual(referenceEnvelope(channels));
    }
  });

  it('computes the same gain curve, sample for sample', () => {
    const env = referenceEnvelope([left, right]);
    const curve = runSteps(limiterCurveSteps(env, 2, RATE, { ceilingDbfs: -1.1, lookaheadSeconds: 0.005 }));
    const ceiling = 10 ** (-1.1 / 20) / 2;
    const reference = referenceCurve(env, ceiling, 240, 1 - Math.exp(-1 / (0.08 * RATE)));
    expect(curve!.gain).toEqual(reference);
    expect(Math.fround(curve!.deepest)).toBe(Math.min(...reference));
  });
});
