import { describe, expect, it } from 'vitest';
import { decodeWav, encodeWav } from '../../../core/render';

describe('32-bit float WAV', () => {
  it('keeps samples beyond full scale exactly, with format tag 3 and a fact chunk', () => {
    const left = Float32Array.from({ length: 100 }, (_, i) => 1.7 * Math.sin(i / 7));
    const right = Float32Array.from({ length: 100 }, (_, i) => -0.3 * Math.cos(i / 5));
    const bytes = encodeWav([left, right], 48000, 32);
    const view = new DataView(bytes.buffer);
    expect(view.getUint16(20, true)).toBe(3);
    expect(String.fromCharCode(...bytes.subarray(38, 42))).toBe('fact');
    expect(view.getUint32(46, true)).toBe(100);
    expect(bytes.length).toBe(58 + 100 * 2 * 4);
    const d = decodeWav(bytes);
    expect(d).toMatchObject({ sampleRate: 48000, bitDepth: 32 });
    expect(d.channels).toEqual([left, right]);
  });

  it('still writes 16-bit PCM with the canonical 44-byte header', () => {
    const bytes = encodeWav([new Float32Array(10)], 8000);
    expect(bytes.length).toBe(44 + 20);
    expect(new DataView(bytes.buffer).getUint16(20, true)).toBe(1);
  });
});
