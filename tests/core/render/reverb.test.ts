import { describe, expect, it } from 'vitest';
import { LightReverb } from '../../../core/render/reverb';

describe('LightReverb', () => {
  it('adds a decaying stereo tail to the outputs and stays stable at the longest time', () => {
    const reverb = new LightReverb(48000);
    reverb.time = 127;
    reverb.preDelayTime = 20;
    const block = 128;
    const left = new Float32Array(48000 * 3).fill(0.25);
    const right = new Float32Array(48000 * 3);
    const impulse = new Float32Array(block);
    impulse[0] = 1;
    for (let at = 0; at < left.length; at += block)
      reverb.process(at === 0 ? impulse : new Float32Array(block), left, right, at, block);
    const energy = (c: Float32Array, from: number, to: number): number =>
      c.subarray(from, to).reduce((a, x) => a + (x - (c === left ? 0.25 : 0)) ** 2, 0);
    // Silent through the 20 ms pre-delay, then sound on both sides, then a decay.
    expect(energy(right, 0, 900)).toBe(0);
    expect(energy(right, 0, 48000)).toBeGreaterThan(0);
    expect(energy(left, 0, 48000)).toBeGreaterThan(0);
    expect(energy(right, 96000, 144000)).toBeLessThan(energy(right, 0, 48000) / 10);
    expect(left.every(Number.isFinite) && right.every(Number.isFinite)).toBe(true);
    expect(reverb.getSnapshot()).toMatchObject({ time: 127, preDelayTime: 20, level: 64 });
  });
});
