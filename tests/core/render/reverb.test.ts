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

/**
 * The same reverb the plain way: each comb and all-pass a delay line of its own, run one after another
 * over a float block (Freeverb's structure with LightReverb's tunings and parameters).
 */
class PlainReverb {
  private readonly lines: { buffer: Float32Array; at: number; z: number }[];
  private readonly pre = new Float32Array(Math.ceil(48000 * 0.128) + 1);
  private preAt = 0;
  private lowZ = 0;

  constructor(
    private readonly feedback: number,
    private readonly damp: number,
    private readonly gain: number,
    private readonly preDelay: number,
    private readonly lowA: number,
  ) {
    const scale = 48000 / 44100;
    const side = (base: number[], spread: number): number[] =>
      base.map((n) => Math.round((n + spread) * scale));
    const lengths = [
      ...side([1116, 1277, 1422, 1557], 0),
      ...side([1116, 1277, 1422, 1557], 23),
      ...side([556, 341], 0),
      ...side([556, 341], 23),
    ];
    this.lines = lengths.map((n) => ({ buffer: new Float32Array(n), at: 0, z: 0 }));
  }

  process(input: Float32Array, left: Float32Array, right: Float32Array, start: number, count: number): void {
    const x = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      this.lowZ += this.lowA * (input[i] - this.lowZ);
      this.pre[this.preAt] = this.lowZ;
      x[i] = this.pre[(this.preAt - this.preDelay + this.pre.length) % this.pre.length];
      this.preAt = (this.preAt + 1) % this.pre.length;
    }
    for (const side of [0, 1]) {
      const sum = new Float32Array(count);
      for (const line of this.lines.slice(side * 4, side * 4 + 4))
        for (let i = 0; i < count; i++) {
          const y = line.buffer[line.at];
          line.z = y + this.damp * (line.z - y);
          line.buffer[line.at] = x[i] + this.feedback * line.z;
          line.at = (line.at + 1) % line.buffer.length;
          sum[i] += y;
        }
      for (const line of this.lines.slice(8 + side * 2, 10 + side * 2))
        for (let i = 0; i < count; i++) {
          const b = line.buffer[line.at];
          line.buffer[line.at] = sum[i] + 0.5 * b;
          sum[i] = b - sum[i];
          line.at = (line.at + 1) % line.buffer.length;
        }
      const out = side === 0 ? left : right;
      for (let i = 0; i < count; i++) out[start + i] += sum[i] * this.gain;
    }
  }
}

describe('LightReverb against a plain reference', () => {
  it('writes the same samples, bit for bit, over uneven blocks', () => {
    const reverb = new LightReverb(48000);
    reverb.time = 90;
    reverb.preDelayTime = 20;
    reverb.preLowpass = 5;
    reverb.level = 100;
    reverb.character = 2;
    const plain = new PlainReverb(
      0.7 + 0.28 * (90 / 127) ** 0.7,
      0.42,
      (100 / 127) * 0.09,
      Math.round(0.02 * 48000),
      1 - Math.exp((-2 * Math.PI * 8000 * 0.63 ** 5) / 48000),
    );
    let seed = 9;
    const n = 48000;
    const input = Float32Array.from(
      { length: n },
      () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5,
    );
    const outputs = [0, 1, 2, 3].map(() => new Float32Array(n));
    for (let at = 0, k = 0; at < n; k++) {
      const count = Math.min(n - at, k % 3 ? 128 : 37);
      const block = input.subarray(at, at + count);
      reverb.process(block, outputs[0], outputs[1], at, count);
      plain.process(block, outputs[2], outputs[3], at, count);
      at += count;
    }
    expect(outputs[0].some((v) => v !== 0)).toBe(true);
    expect(outputs[0]).toEqual(outputs[2]);
    expect(outputs[1]).toEqual(outputs[3]);
  });
});
