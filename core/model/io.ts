/**
 * Model files: `config.json` (checked first), `model.json` (the tf.layers topology and weight specs) and
 * `weights.bin`. Reading goes through an injected loader so that every host (Node files, UXP's file
 * system, fetch in a browser) can supply the bytes.
 */
import * as tf from '@tensorflow/tfjs';
import { ModelLoadError } from '../errors';
import type { ModelConfig } from './config';
import type { FileLoader, ModelParts } from './read';
import { readModelParts } from './read';

export type { FileLoader } from './read';
export { weightArrays } from './read';

/** The files of a saved model. */
export interface ModelFiles {
  'config.json': Uint8Array;
  'model.json': Uint8Array;
  'weights.bin': Uint8Array;
}

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Serialises a model and its config into the three files. */
export async function saveModel(model: tf.LayersModel, config: ModelConfig): Promise<ModelFiles> {
  let files: ModelFiles | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const weights =
        a.weightData instanceof ArrayBuffer
          ? new Uint8Array(a.weightData)
          : new Uint8Array(tf.io.concatenateArrayBuffers(a.weightData as ArrayBuffer[]));
      files = {
        'config.json': bytes(JSON.stringify(config, null, 2) + '\n'),
        'model.json': bytes(
          JSON.stringify({
            format: 'layers-model',
            modelTopology: a.modelTopology,
            weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }],
          }),
        ),
        'weights.bin': weights,
      };
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  return files!;
}

/** A loaded model's parts: the checked config, the topology and the raw weights with their specs. */
export interface LoadedArtifacts extends ModelParts {
  artifacts: tf.io.ModelArtifacts;
}

/**
 * Reads and checks a model's files ({@link readModelParts}) and adds the tf.io artifacts for tf.layers.
 * @throws {ModelLoadError} on a missing file, a config that does not match the code, or weights that do not
 * match the topology.
 */
export async function readModelFiles(loader: FileLoader): Promise<LoadedArtifacts> {
  const parts = await readModelParts(loader);
  return {
    ...parts,
    artifacts: {
      modelTopology: parts.topology,
      weightSpecs: parts.specs as tf.io.WeightsManifestEntry[],
      weightData: parts.weightData,
    },
  };
}

/** Builds the tf.layers model from loaded artifacts. */
export async function toLayersModel(a: LoadedArtifacts): Promise<tf.LayersModel> {
  try {
    return await tf.loadLayersModel(tf.io.fromMemory(a.artifacts));
  } catch (cause) {
    throw new ModelLoadError('the weights do not fit the model topology', { cause });
  }
}
