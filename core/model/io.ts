/**
 * Model files: `config.json` (checked first), `model.json` (the tf.layers topology and weight specs) and
 * `weights.bin`. Reading goes through an injected loader so that every host (Node files, UXP's file
 * system, fetch in a browser) can supply the bytes.
 */
import * as tf from '@tensorflow/tfjs';
import { ModelLoadError } from '../errors';
import type { ModelConfig } from './config';
import { checkConfig } from './config';

/** Reads one file of a model folder by name; rejects when it is missing. */
export type FileLoader = (name: string) => Promise<Uint8Array>;

/** The files of a saved model. */
export interface ModelFiles {
  'config.json': Uint8Array;
  'model.json': Uint8Array;
  'weights.bin': Uint8Array;
}

const text = (b: Uint8Array): string => new TextDecoder().decode(b);
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

async function read(loader: FileLoader, name: string): Promise<Uint8Array> {
  try {
    return await loader(name);
  } catch (cause) {
    throw new ModelLoadError(`model file ${name} is missing or unreadable`, { cause });
  }
}

/** A loaded model's parts: the checked config, the topology and the raw weights with their specs. */
export interface LoadedArtifacts {
  config: ModelConfig;
  artifacts: tf.io.ModelArtifacts;
  specs: tf.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
}

/**
 * Reads and checks a model's files.
 * @throws {ModelLoadError} on a missing file, a config that does not match the code, or weights that do not
 * match the topology.
 */
export async function readModelFiles(loader: FileLoader): Promise<LoadedArtifacts> {
  let config: ModelConfig;
  try {
    config = checkConfig(JSON.parse(text(await read(loader, 'config.json'))));
  } catch (err) {
    if (err instanceof ModelLoadError) throw err;
    throw new ModelLoadError('config.json is not valid JSON', { cause: err });
  }
  let topology: { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
  try {
    topology = JSON.parse(text(await read(loader, 'model.json')));
  } catch (err) {
    if (err instanceof ModelLoadError) throw err;
    throw new ModelLoadError('model.json is not valid JSON', { cause: err });
  }
  const specs = topology.weightsManifest?.[0]?.weights;
  if (!Array.isArray(specs)) throw new ModelLoadError('model.json has no weights manifest');
  const data = await read(loader, 'weights.bin');
  const expected = specs.reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (data.byteLength !== expected)
    throw new ModelLoadError(`weights.bin has ${data.byteLength} bytes, the topology needs ${expected}`);
  const weightData = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  return {
    config,
    artifacts: { modelTopology: topology.modelTopology, weightSpecs: specs, weightData },
    specs,
    weightData,
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

/** Named float32 arrays from the raw weights (for the plain-TypeScript inference path). */
export function weightArrays(a: LoadedArtifacts): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  let offset = 0;
  for (const s of a.specs) {
    const n = s.shape.reduce((x, y) => x * y, 1);
    out.set(s.name, new Float32Array(a.weightData, offset, n));
    offset += n * 4;
  }
  return out;
}
