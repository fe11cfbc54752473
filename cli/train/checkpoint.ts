/**
 * Checkpoints of a training run: the model files, the optimizer's state and the loop's counters, written
 * to a temporary folder and renamed into place, so that a `kill -9` loses at most the epoch under way.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelLoadError } from '../../core/errors';
import type { ModelConfig } from '../../core/model/config';
import type { ModelFiles } from '../../core/model/io';
import { readModelFiles, saveModel, weightArrays } from '../../core/model/io';
import { buildNetwork } from '../../core/model/network';

/** The loop's counters saved with a checkpoint. */
export interface RunState {
  /** Next epoch to run. */
  epoch: number;
  bestLoss: number;
  staleEpochs: number;
  seed: number;
  /** Training seconds spent so far. */
  seconds: number;
}

/** Writes model files into a folder, all or none (temporary names, renamed into place together). */
export function writeModelFiles(dir: string, files: ModelFiles): void {
  mkdirSync(dir, { recursive: true });
  const temps = Object.entries(files).map(([name, data]) => {
    const temp = join(dir, `.${name}.${process.pid}.partial`);
    return { name, data, temp };
  });
  try {
    for (const t of temps) writeFileSync(t.temp, t.data);
    for (const t of temps) renameSync(t.temp, join(dir, t.name));
  } finally {
    for (const t of temps) rmSync(t.temp, { force: true });
  }
}

/** Saves a checkpoint (atomically: write beside, then rename). */
export async function saveCheckpoint(
  dir: string,
  model: tf.LayersModel,
  config: ModelConfig,
  optimizer: tf.Optimizer,
  state: RunState,
): Promise<void> {
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  writeModelFiles(tmp, await saveModel(model, config));
  const named = await optimizer.getWeights();
  const { data, specs } = await tf.io.encodeWeights(named);
  writeFileSync(join(tmp, 'optimizer.bin'), new Uint8Array(data));
  writeFileSync(join(tmp, 'optimizer.json'), JSON.stringify(specs));
  writeFileSync(join(tmp, 'state.json'), JSON.stringify(state, null, 2));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
}

/** True when `dir` holds a finished checkpoint. */
export function hasCheckpoint(dir: string): boolean {
  return existsSync(join(dir, 'state.json'));
}

/**
 * Loads a checkpoint if one exists: the model, the optimizer's weights restored, the counters and the
 * config it was saved with. The network is built afresh and given the saved weights by name, so that its
 * variables come in the order of the run that saved it (the optimizer's moments are matched to the
 * variables by that order; a graph rebuilt from model.json may list the band LSTM's head layers in another).
 * @throws {ModelLoadError} when its files are damaged.
 */
export async function loadCheckpoint(
  dir: string,
  optimizer: tf.Optimizer,
): Promise<{ model: tf.LayersModel; state: RunState; config: ModelConfig } | null> {
  if (!hasCheckpoint(dir)) return null;
  try {
    return await readCheckpoint(dir, optimizer);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ModelLoadError(
      `the checkpoint in ${dir} is damaged (${why}): remove it, or run without --resume`,
      {
        cause: err,
      },
    );
  }
}

/**
 * A network built from a model folder's files (`config.json`, `model.json`, `weights.bin`) and given its
 * saved weights by name, with the config it was saved with.
 * @throws {ModelLoadError} when a weight the network needs is missing (or a file does not parse).
 */
export async function readNetwork(dir: string): Promise<{ model: tf.LayersModel; config: ModelConfig }> {
  const loaded = await readModelFiles(async (name) => new Uint8Array(readFileSync(join(dir, name))));
  const model = buildNetwork(loaded.config);
  const saved = weightArrays(loaded);
  try {
    model.weights.forEach((w) => {
      const v = saved.get(w.originalName);
      if (!v) throw new ModelLoadError(`${dir} lacks weight ${w.originalName}`);
      const t = tf.tensor(v, w.shape as number[]);
      w.write(t);
      t.dispose();
    });
  } catch (err) {
    model.dispose();
    throw err;
  }
  return { model, config: loaded.config };
}

async function readCheckpoint(
  dir: string,
  optimizer: tf.Optimizer,
): Promise<{ model: tf.LayersModel; state: RunState; config: ModelConfig }> {
  const { model, config } = await readNetwork(dir);
  const specs = JSON.parse(readFileSync(join(dir, 'optimizer.json'), 'utf8')) as tf.io.WeightsManifestEntry[];
  const buf = readFileSync(join(dir, 'optimizer.bin'));
  const decoded = tf.io.decodeWeights(
    buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength),
    specs,
  );
  await optimizer.setWeights(Object.entries(decoded).map(([name, tensor]) => ({ name, tensor })));
  const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as RunState;
  if (!Number.isInteger(state?.epoch) || typeof state.seconds !== 'number')
    throw new ModelLoadError('state.json has no epoch and seconds');
  return { model, state, config };
}
