/**
 * The rules-only control: the shipped model's files with its weights replaced by seeded random ones of the
 * same shapes (an untrained network), loaded and run through the very same pipeline. Whatever the control
 * reaches, the rules reach without the model. Each tensor of rank 2 or more is drawn uniformly from
 * +-sqrt(6 / (fan in + fan out)) (Glorot's initialisation, fan out = the last dimension, fan in = the
 * product of the others); each vector (a bias) is zero.
 */
import type { FileLoader, WeightSpec } from '../model/read';
import { seededRandom } from '../random';

/** Seeded random weights for `specs`, in manifest order (float32 bytes, as `weights.bin`). */
export function randomWeights(specs: readonly WeightSpec[], seed: number): Uint8Array {
  const rng = seededRandom(seed);
  const sizes = specs.map((s) => s.shape.reduce((a, b) => a * b, 1));
  const out = new Float32Array(sizes.reduce((a, b) => a + b, 0));
  let at = 0;
  specs.forEach((s, i) => {
    if (s.shape.length >= 2) {
      const fanOut = s.shape[s.shape.length - 1];
      const limit = Math.sqrt(6 / (sizes[i] / fanOut + fanOut));
      for (let k = 0; k < sizes[i]; k++) out[at + k] = (rng() * 2 - 1) * limit;
    }
    at += sizes[i];
  });
  return new Uint8Array(out.buffer);
}

/**
 * A loader that serves the model of `loader` with random weights of the same shapes (seeded): the same
 * `config.json` and `model.json`, another `weights.bin`.
 */
export function controlLoader(loader: FileLoader, seed: number): FileLoader {
  return async (name) => {
    if (name !== 'weights.bin') return loader(name);
    const model = JSON.parse(new TextDecoder().decode(await loader('model.json'))) as {
      weightsManifest?: { weights?: WeightSpec[] }[];
    };
    return randomWeights(model.weightsManifest?.[0]?.weights ?? [], seed);
  };
}
