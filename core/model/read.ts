/**
 * Reading a saved model without tfjs: `config.json` (checked first), the weight specs of `model.json` and
 * `weights.bin` as named float32 arrays, which is all the plain-TypeScript stepper needs. Hosts without
 * tfjs (the Premiere panel) load models through this; `io.ts` adds the tf.layers side for training.
 */
import { ModelLoadError } from '../errors';
import type { ModelConfig } from './config';
import { checkConfig, expectedWeights } from './config';

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
 * @throws {ModelLoadError} on a missing file, a config that does not match the code, a weights manifest
 * that does not match the architecture, weights that do not match the manifest, or weights that are not
 * finite numbers.
 */
export async function readModelParts(loader: FileLoader): Promise<ModelParts> {
  const config = checkConfig(await json(loader, 'config.json'));
  const model = (await json(loader, 'model.json')) as {
    modelTopology?: object;
    weightsManifest?: { weights?: WeightSpec[] }[];
  } | null;
  const groups = model?.weightsManifest;
  const specs = groups?.[0]?.weights;
  if (!Array.isArray(specs) || groups?.length !== 1)
    throw new ModelLoadError('model.json has no weights manifest (one group, weights.bin)');
  checkManifest(specs, config);
  const data = await read(loader, 'weights.bin');
  const expected = specs.reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (data.byteLength !== expected)
    throw new ModelLoadError(`weights.bin has ${data.byteLength} bytes, the topology needs ${expected}`);
  const weightData = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  checkFinite(specs, weightData);
  return { config, topology: model?.modelTopology ?? {}, specs, weightData };
}

const shape = (s: readonly number[]): string => `[${s.join(', ')}]`;

/**
 * Checks a weights manifest against the architecture of `config`: the same names and shapes in the same
 * order (the order fixes where each tensor's bytes are, so a reordered manifest would bind bytes to the
 * wrong names), all float32.
 * @throws {ModelLoadError} at the first entry that differs.
 */
export function checkManifest(specs: readonly WeightSpec[], config: ModelConfig): void {
  const want = expectedWeights(config);
  for (let i = 0; i < Math.max(want.length, specs.length); i++) {
    const [got, w] = [specs[i], want[i]];
    const ok =
      got && w && got.name === w.name && Array.isArray(got.shape) && shape(got.shape) === shape(w.shape);
    if (!ok)
      throw new ModelLoadError(
        `model.json's weights manifest does not match the architecture in config.json: entry ${i + 1} is ${got ? `${String(got.name)} ${shape(got.shape ?? [])}` : 'missing'}, expected ${w ? `${w.name} ${shape(w.shape)}` : 'nothing more'}`,
      );
    if (got.dtype !== undefined && got.dtype !== 'float32')
      throw new ModelLoadError(`weight ${got.name} is ${String(got.dtype)}, not float32`);
  }
}

/**
 * Checks that every weight is a finite number.
 * @throws {ModelLoadError} naming the first tensor with a NaN or infinite value.
 */
export function checkFinite(specs: readonly WeightSpec[], weightData: ArrayBuffer): void {
  const values = new Float32Array(weightData);
  let offset = 0;
  for (const s of specs) {
    const n = s.shape.reduce((x, y) => x * y, 1);
    for (let i = offset; i < offset + n; i++)
      if (!Number.isFinite(values[i]))
        throw new ModelLoadError(
          `weights.bin is damaged: weight ${s.name} holds ${values[i]} at index ${i - offset} (every weight must be a finite number)`,
        );
    offset += n;
  }
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
