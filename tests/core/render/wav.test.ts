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

/** The writer's job done the plain way: clamp, Math.round, one DataView write per sample. */
function referenceData(channels: Float32Array[], bitDepth: 16 | 24): Uint8Array {
  const width = bitDepth / 8;
  const full = bitDepth === 16 ? 32767 : 8388607;
  const out = new Uint8Array(channels[0].length * channels.length * width);
  const view = new DataView(out.buffer);
  for (let i = 0; i < channels[0].length; i++)
    for (let c = 0; c < channels.length; c++) {
      const x = channels[c][i];
      const v = Math.round((Number.isNaN(x) ? 0 : Math.max(-1, Math.min(1, x))) * full);
      const at = (i * channels.length + c) * width;
      if (width === 2) view.setInt16(at, v, true);
      else for (let b = 0; b < 3; b++) out[at + b] = (v >> (8 * b)) & 0xff;
    }
  return out;
}

describe('integer PCM against a plain reference writer', () => {
  // Every half-step boundary, full scale and beyond, NaN and -0, and a long random stretch.
  const edge = [0, -0, NaN, 1, -1, 1.5, -1.5, 0.5 / 32767, -0.5 / 32767, 1.5 / 32767, -1.5 / 32767, 1e-9];
  let seed = 7;
  const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2.2 - 1.1;
  const left = Float32Array.from([...edge, ...Array.from({ length: 4000 }, random)]);
  const right = Float32Array.from(left, (x, i) => (i % 3 ? -x : x * 0.999));

  it.each([16, 24] as const)('writes %i-bit samples byte for byte as the reference does', (bits) => {
    const bytes = encodeWav([left, right], 44100, bits);
    expect(bytes.subarray(44)).toEqual(referenceData([left, right], bits));
    const mono = encodeWav([left], 44100, bits);
    expect(mono.subarray(44)).toEqual(referenceData([left], bits));
  });
});
