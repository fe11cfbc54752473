/** The starting point of a fine-tuning run (`audiogenesis train --init`): a trained model's network. */
import type * as tf from '@tensorflow/tfjs';
import { isDeepStrictEqual } from 'node:util';
import { ModelLoadError, UsageError } from '../../core/errors';
import type { ModelConfig } from '../../core/model/config';
import type { SamplingConfig } from '../../core/model/sampling';
import { readNetwork } from './checkpoint';

/** A fine-tune's starting point: the trained network, and the decoding settings chosen for its weights. */
export interface InitialNetwork {
  model: tf.LayersModel;
  /** Its `config.json` `sampling` (absent when it has none). */
  sampling?: SamplingConfig;
}

/**
 * The network of the model in `dir`, with its weights and decoding settings, to fine-tune under `config`.
 * @throws {UsageError} when its architecture is not `config`'s.
 * @throws {ModelLoadError} when its files are missing or damaged.
 */
export async function initialNetwork(dir: string, config: ModelConfig): Promise<InitialNetwork> {
  let read: Awaited<ReturnType<typeof readNetwork>>;
  try {
    read = await readNetwork(dir);
  } catch (err) {
    throw new ModelLoadError(
      `cannot start from ${dir}: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
  // Compared as values: the same architecture whatever order its config.json lists the fields in.
  const same =
    isDeepStrictEqual(read.config.architecture, config.architecture) &&
    read.config.conditioning.size === config.conditioning.size;
  if (!same) {
    read.model.dispose();
    throw new UsageError(`--init ${dir} has another architecture than the configuration "${config.name}"`);
  }
  return { model: read.model, sampling: read.config.sampling };
}
