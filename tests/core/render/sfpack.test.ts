import { describe, expect, it } from 'vitest';
import { RenderError } from '../../../core/errors';
import { isPackedSoundFont, packSoundFont, sampleData, unpackSoundFont } from '../../../core/render/sfpack';

/** A minimal RIFF 'sfbk' with an INFO list, an sdta/smpl chunk of `samples` and a pdta list. */
function fakeSf2(samples: Int16Array): Uint8Array {
  const chunk = (id: string, body: Uint8Array): Uint8Array => {
    const out = new Uint8Array(8 + body.length + (body.length & 1));
    out.set([...id].map((c) => c.charCodeAt(0)));
    new DataView(out.buffer).setUint32(4, body.length, true);
    out.set(body, 8);
    return out;
  };
  const list = (type: string, ...parts: Uint8Array[]): Uint8Array =>
    chunk(
      'LIST',
      Uint8Array.from([...[...type].map((c) => c.charCodeAt(0)), ...parts.flatMap((p) => [...p])]),
    );
  const smpl = new Uint8Array(samples.buffer.slice(0));
  const body = [
    ...[...'sfbk'].map((c) => c.charCodeAt(0)),
    ...list('INFO', chunk('INAM', new TextEncoder().encode('test bank\0'))),
    ...list('sdta', chunk('smpl', smpl)),
    ...list('pdta', chunk('phdr', new Uint8Array([1, 2, 3, 4, 5, 6]))),
  ];
  return chunk('RIFF', Uint8Array.from(body));
}

describe('the packed SoundFont', () => {
  const n = 5000;
  const samples = Int16Array.from({ length: n }, (_, i) =>
    Math.round(12000 * Math.sin(i / 9) * Math.exp(-i / 3000) + 3000 * Math.sin(i / 2.3)),
  );
  const sf2 = fakeSf2(samples);

  it('packs the samples to about a quarter and keeps every other byte exactly', () => {
    const packed = packSoundFont(sf2);
    expect(isPackedSoundFont(packed)).toBe(true);
    expect(packed.length).toBeLessThan(sf2.length * 0.4);
    const back = unpackSoundFont(packed);
    expect(back.length).toBe(sf2.length);
    const { offset, bytes } = sampleData(sf2);
    expect(Buffer.from(back.subarray(0, offset)).equals(Buffer.from(sf2.subarray(0, offset)))).toBe(true);
    expect(Buffer.from(back.subarray(offset + bytes)).equals(Buffer.from(sf2.subarray(offset + bytes)))).toBe(
      true,
    );
    const decoded = new Int16Array(back.buffer.slice(offset, offset + bytes));
    let signal = 0;
    let noise = 0;
    for (let i = 0; i < n; i++) {
      signal += samples[i] ** 2;
      noise += (samples[i] - decoded[i]) ** 2;
    }
    expect(10 * Math.log10(signal / noise)).toBeGreaterThan(20);
    // Each block starts exactly: damage never spreads from one block to the next.
    expect(decoded[0]).toBe(samples[0]);
    expect(decoded[1024]).toBe(samples[1024]);
  });

  it('is deterministic', () => {
    expect(Buffer.from(packSoundFont(sf2)).equals(Buffer.from(packSoundFont(sf2)))).toBe(true);
  });

  it('refuses what is not a SoundFont 2, or a damaged pack, with RenderError', () => {
    expect(() => packSoundFont(new TextEncoder().encode('RIFF....WAVEfmt '))).toThrow(RenderError);
    expect(() => unpackSoundFont(new Uint8Array(40))).toThrow(RenderError);
    const packed = packSoundFont(sf2);
    expect(() => unpackSoundFont(packed.subarray(0, packed.length - 10))).toThrow(/sizes do not add up/);
    const bad = packed.slice();
    new DataView(bad.buffer).setUint32(4, 99, true);
    expect(() => unpackSoundFont(bad)).toThrow(/version 99/);
  });
});
