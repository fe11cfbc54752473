/**
 * Reading a saved model without tfjs: `config.json` (checked first), the weight specs of `model.json` and
 * `weights.bin` as named float32 arrays, which is all the plain-TypeScript stepper needs. Hosts without
 * tfjs (the Premiere panel) load models through this; `io.ts` adds the tf.layers side for training.
 */
import { ModelLoadError } from '../errors';
import type { ModelConfig } from './config';
import { checkConfig } from './config';

/** Reads one file of a model folder by name; rejects when it is missing. */
export type FileLoader = (name: string) => Promise<Uint8Array>;

/** One weight tensor's entry in `model.json`'s weights manifest. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype?: string;
}

/** A model's files as read: the checked config, the topology, the weight specs and the raw weights. */
export interface ModelParts {
  config: ModelConfig;
  /** `model.json`'s `modelTopology`, untouched (tf.layers rebuilds the graph from it). */
  topology: object;
  specs: WeightSpec[];
  weightData: ArrayBuffer;
}

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

async function read(loader: FileLoader, name: string): Promise<Uint8Array> {
  try {
    return await loader(name);
  } catch (cause) {
    throw new ModelLoadError(`model file ${name} is missing or unreadable`, { cause });
  }
}

async function json(loader: FileLoader, name: string): Promise<unknown> {
  const bytes = await read(loader, name);
  try {
    return JSON.parse(text(bytes));
  } catch (cause) {
    throw new ModelLoadError(`${name} is not valid JSON`, { cause });
  }
}

/**
 * Reads and checks a model's files.
 * @throws {ModelLoadError} on a missing file, a config that does not match the code, or weights that do not
 * match the weights manifest.
 */
export async function readModelParts(loader: FileLoader): Promise<ModelParts> {
  const config = checkConfig(await json(loader, 'config.json'));
  const model = (await json(loader, 'model.json')) as {
    modelTopology?: object;
    weightsManifest?: { weights?: WeightSpec[] }[];
  } | null;
  const specs = model?.weightsManifest?.[0]?.weights;
  if (!Array.isArray(specs)) throw new ModelLoadError('model.json has no weights manifest');
  const data = await read(loader, 'weights.bin');
  const expected = specs.reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (data.byteLength !== expected)
    throw new ModelLoadError(`weights.bin has ${data.byteLength} bytes, the topology needs ${expected}`);
  const weightData = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  return { config, topology: model?.modelTopology ?? {}, specs, weightData };
}

/** Named float32 arrays from the raw weights, in manifest order. */
export function weightArrays(parts: Pick<ModelParts, 'specs' | 'weightData'>): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  let offset = 0;
  for (const s of parts.specs) {
    const n = s.shape.reduce((x, y) => x * y, 1);
    out.set(s.name, new Float32Array(parts.weightData, offset, n));
    offset += n * 4;
  }
  return out;
}
