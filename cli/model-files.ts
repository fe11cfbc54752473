/** Node's loader for model folders, and where the shipped model lives. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileLoader } from '../core/model/io';
import { MusicModel } from '../core/model/model';
import { assetPath } from './paths';

/** The shipped default model: assets/model in the package. */
export const SHIPPED_MODEL = assetPath('model');

/** A loader that reads a model folder's files from disk. */
export function folderLoader(dir: string): FileLoader {
  return async (name) => new Uint8Array(await readFile(join(dir, name)));
}

/**
 * Loads the model in `dir` (default: the shipped one).
 * @throws {ModelLoadError} when files are missing or do not match the code.
 */
export function loadModel(dir: string = SHIPPED_MODEL): Promise<MusicModel> {
  return MusicModel.load(folderLoader(dir));
}
