/**
 * The tf-free pieces the panel needs from core/model (core/model/read.ts, core/model/fields.ts) read the
 * shipped model as an independent reading does: the files parsed here by hand, the weights decoded by
 * tfjs's own `tf.io.decodeWeights`, the input and output names taken from the saved tf.layers topology.
 * (io.ts re-exports read.ts, so comparing the two would compare the code with itself.)
 */
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ModelLoadError } from '../../core/errors';
import * as fields from '../../core/model/fields';
import { readModelParts, weightArrays } from '../../core/model/read';

const loader = async (name: string) => new Uint8Array(await readFile(`assets/model/${name}`));

interface SavedModel {
  modelTopology: {
    config: { input_layers: [string, number, number][]; output_layers: [string, number, number][] };
  };
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

const saved = async (): Promise<SavedModel> =>
  JSON.parse(new TextDecoder().decode(await loader('model.json')));

describe('the tf-free model reader', () => {
  it('reads the shipped config, weight specs and weights as an independent reading does', async () => {
    const parts = await readModelParts(loader);
    expect(parts.config).toEqual(JSON.parse(new TextDecoder().decode(await loader('config.json'))));
    const model = await saved();
    expect(model.weightsManifest).toHaveLength(1);
    expect(parts.specs).toEqual(model.weightsManifest[0].weights);
    const bytes = await loader('weights.bin');
    const decoded = tf.io.decodeWeights(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      model.weightsManifest[0].weights,
    );
    const mine = weightArrays(parts);
    expect([...mine.keys()]).toEqual(Object.keys(decoded));
    for (const [name, values] of mine) {
      const theirs = decoded[name].dataSync();
      expect(values.length, name).toBe(theirs.length);
      expect(
        Buffer.from(values.buffer, values.byteOffset, values.byteLength).equals(
          Buffer.from(theirs.buffer, theirs.byteOffset, theirs.byteLength),
        ),
        name,
      ).toBe(true);
    }
    Object.values(decoded).forEach((t) => t.dispose());
  });

  it('refuses missing and mismatched files with ModelLoadError', async () => {
    const missing = (name: string) =>
      name === 'weights.bin' ? Promise.reject(new Error('ENOENT')) : loader(name);
    await expect(readModelParts(missing)).rejects.toBeInstanceOf(ModelLoadError);
    const short = async (name: string) => (name === 'weights.bin' ? new Uint8Array(8) : loader(name));
    await expect(readModelParts(short)).rejects.toThrow(/weights\.bin has 8 bytes/);
  });

  it('names the inputs and heads in the order of the saved tf.layers graph', async () => {
    const { config } = (await saved()).modelTopology;
    // The shipped band LSTM (onset conditioning on): the previous event and family, the conditioning,
    // then the next onset's fields and its conditioning; heads in sampling order.
    expect(config.input_layers.map(([name]) => name)).toEqual([
      ...fields.BAND_INPUTS.map((f) => `in_${f}`),
      'in_cond',
      ...fields.NOTE_INPUTS.map(fields.nextInputName),
      'in_next_cond',
    ]);
    expect(config.output_layers.map(([name]) => name)).toEqual(fields.BAND_HEADS.map((h) => `head_${h}`));
  });
});
