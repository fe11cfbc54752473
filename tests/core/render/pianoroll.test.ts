import { describe, expect, it } from 'vitest';
import { barBeats, pianoRoll, ROLE_COLOURS } from '../../../core/render/pianoroll';
import { emptySequence } from '../../../core/sequence';
import { bandPiece } from './fixture';

const pixel = (r: { width: number; data: Uint8Array }, x: number, y: number): number[] =>
  Array.from(r.data.subarray((y * r.width + x) * 4, (y * r.width + x) * 4 + 4));

describe('pianoRoll', () => {
  it('has the requested size and colours each role where its notes are', () => {
    const seq = bandPiece();
    const r = pianoRoll(seq, { width: 400, height: 200 });
    expect([r.width, r.height, r.data.length]).toEqual([400, 200, 400 * 200 * 4]);
    const colours = new Set<string>();
    for (let i = 0; i < r.data.length; i += 4) colours.add(`${r.data[i]},${r.data[i + 1]},${r.data[i + 2]}`);
    // Harmony (velocity 70) and full-velocity-ish drums show as scaled versions of their role colour.
    const hue = (c: readonly number[]): string => c.map((v) => (v / Math.max(...c)).toFixed(1)).join();
    const hues = new Set([...colours].map((c) => hue(c.split(',').map(Number))));
    for (const role of ['melody', 'harmony', 'bass', 'drums'] as const)
      expect(hues.has(hue(ROLE_COLOURS[role])), role).toBe(true);
    // The bottom lane holds the drums: the first kick (beat 0) paints its pixel in the drum colour.
    const bottom = pixel(r, 1, 199);
    expect(hue(bottom.slice(0, 3))).toBe(hue(ROLE_COLOURS.drums));
  });

  it('puts bar lines at bar starts through time-signature changes', () => {
    const seq = emptySequence(120);
    seq.timeSignatures.push({ beat: 8, numerator: 3, denominator: 4 });
    seq.totalBeats = 14;
    expect(barBeats(seq)).toEqual([0, 4, 8, 11]);
    const r = pianoRoll(seq, { width: 140, height: 10 });
    expect(pixel(r, 40, 5)).toEqual([70, 74, 86, 255]);
    expect(pixel(r, 41, 5)).toEqual([22, 24, 30, 255]);
  });

  it('rejects a bad size', () => {
    expect(() => pianoRoll(bandPiece(), { width: 0 })).toThrow(RangeError);
  });
});
