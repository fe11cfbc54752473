import { describe, expect, it } from 'vitest';
import { fadeOut, limit } from '../../../core/render/dynamics';
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
