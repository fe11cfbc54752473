/**
 * The tf-free pieces the panel needs from core/model (core/model/read.ts, core/model/fields.ts) agree with
 * the tfjs-side modules they are to replace on the panel's path (io.ts, network.ts).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ModelLoadError } from '../../core/errors';
import * as fields from '../../core/model/fields';
import { readModelFiles, weightArrays as ioWeights } from '../../core/model/io';
import * as network from '../../core/model/network';
import { readModelParts, weightArrays } from '../../core/model/read';

const loader = async (name: string) => new Uint8Array(await readFile(`assets/model/${name}`));

describe('the tf-free model reader', () => {
  it('reads the shipped model into the same config and weights as io.ts', async () => {
    const [a, b] = await Promise.all([readModelParts(loader), readModelFiles(loader)]);
    expect(a.config).toEqual(b.config);
    expect(a.specs).toEqual(b.specs);
    const wa = weightArrays(a);
    const wb = ioWeights(b);
    expect([...wa.keys()]).toEqual([...wb.keys()]);
    const bytes = (x: Float32Array | undefined) => Buffer.from(x!.buffer, x!.byteOffset, x!.byteLength);
    for (const [k, v] of wa) expect(bytes(v).equals(bytes(wb.get(k))), k).toBe(true);
  });
  it('refuses missing and mismatched files with ModelLoadError', async () => {
    const missing = (name: string) =>
      name === 'weights.bin' ? Promise.reject(new Error('ENOENT')) : loader(name);
    await expect(readModelParts(missing)).rejects.toBeInstanceOf(ModelLoadError);
    const short = async (name: string) => (name === 'weights.bin' ? new Uint8Array(8) : loader(name));
    await expect(readModelParts(short)).rejects.toThrow(/weights\.bin has 8 bytes/);
  });
  it('names the same fields and heads as network.ts', () => {
    expect(fields.EVENT_INPUTS).toEqual(network.EVENT_INPUTS);
    expect(fields.HEADS).toEqual(network.HEADS);
  });
});
