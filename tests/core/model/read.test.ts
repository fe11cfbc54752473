import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelLoadError } from '../../../core/errors';
import type { ModelFiles } from '../../../core/model/io';
import { MusicModel } from '../../../core/model/model';
import { readModelParts } from '../../../core/model/read';
import { memoryLoader, tinyModelFiles } from '../../fixtures/tiny-model';

let files: ModelFiles;
beforeAll(async () => {
  await tf.setBackend('cpu');
  files = await tinyModelFiles();
});

const json = (b: Uint8Array): Record<string, unknown> => JSON.parse(new TextDecoder().decode(b));
const bytes = (x: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(x));
type Manifest = { weightsManifest: { paths: string[]; weights: { name: string; shape: number[] }[] }[] };

async function refusal(f: ModelFiles): Promise<string> {
  const err = await MusicModel.load(memoryLoader(f)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelLoadError);
  return (err as Error).message;
}

describe('reading model files', () => {
  it('refuses a weights.bin of the right size holding NaN or infinite values', async () => {
    const nan = new Float32Array(files['weights.bin'].byteLength / 4).fill(NaN);
    expect(await refusal({ ...files, 'weights.bin': new Uint8Array(nan.buffer) })).toBe(
      'weights.bin is damaged: weight emb_pitch/embeddings holds NaN at index 0 (every weight must be a finite number)',
    );
    const one = new Float32Array(files['weights.bin'].slice().buffer);
    one[one.length - 1] = Infinity;
    expect(await refusal({ ...files, 'weights.bin': new Uint8Array(one.buffer) })).toMatch(
      /^weights.bin is damaged: weight head_velocity\/bias holds Infinity/,
    );
  });

  it('refuses a manifest in another order, or with another name or shape, than the architecture', async () => {
    const m = json(files['model.json']) as unknown as Manifest;
    const weights = m.weightsManifest[0].weights;
    const swapped = [weights[1], weights[0], ...weights.slice(2)];
    const reordered = { ...m, weightsManifest: [{ ...m.weightsManifest[0], weights: swapped }] };
    expect(await refusal({ ...files, 'model.json': bytes(reordered) })).toBe(
      "model.json's weights manifest does not match the architecture in config.json: entry 1 is emb_step/embeddings [49, 4], expected emb_pitch/embeddings [129, 6]",
    );
    const renamed = structuredClone(m);
    renamed.weightsManifest[0].weights[7].name = 'other/kernel';
    expect(await refusal({ ...files, 'model.json': bytes(renamed) })).toMatch(/entry 8 is other\/kernel/);
    const short = structuredClone(m);
    short.weightsManifest[0].weights.pop();
    expect(await refusal({ ...files, 'model.json': bytes(short) })).toMatch(
      /is missing, expected head_velocity\/bias/,
    );
  });

  it('refuses a config whose architecture sizes are not whole positive numbers', async () => {
    for (const [units, message] of [
      ['many', /architecture.units must be a list of layer widths/],
      [['16', 12], /architecture.units\[0\] is "16": it must be a whole number from 1 to 8192/],
      [[16, -1], /architecture.units\[1\] is -1/],
      [[16, 1e9], /architecture.units\[1\] is 1000000000/],
    ] as const) {
      const c = json(files['config.json']) as { architecture: { units: unknown } };
      c.architecture.units = units;
      expect(await refusal({ ...files, 'config.json': bytes(c) })).toMatch(message);
    }
    const c = json(files['config.json']) as { architecture: { embed: Record<string, unknown> } };
    c.architecture.embed.chord = 2.5;
    expect(await refusal({ ...files, 'config.json': bytes(c) })).toMatch(/architecture.embed.chord is 2.5/);
  });

  it('reads sound files', async () => {
    const parts = await readModelParts(memoryLoader(files));
    expect(parts.specs.map((s) => s.name)[0]).toBe('emb_pitch/embeddings');
  });
});
