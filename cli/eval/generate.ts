/**
 * The two generated sets of an evaluation: the default model through `compose` (the main job, prompt in,
 * arranged piece out) and the seed baseline (the tutorial's model continuing a training melody; it reads
 * no prompt), with the same prompts and the same seed numbers.
 */
import { compose } from '../../core/compose';
import { ModelLoadError } from '../../core/errors';
import { baselinePiece, fallbackSeed } from '../../core/eval/baseline';
import { fnv1a } from '../../core/eval/hash';
import type { EvalPrompt } from '../../core/eval/prompts';
import type { BaselineNote } from '../../core/model/baseline';
import type { SeedBaselineArchitecture } from '../../core/model/config';
import type { LoadedArtifacts } from '../../core/model/io';
import { readModelFiles, toLayersModel } from '../../core/model/io';
import type { NoteSequence } from '../../core/sequence';
import { useNodeBackend } from '../backend';
import { folderLoader, loadModel } from '../model-files';

/** A generated set and the model that wrote it. */
export interface Generated {
  model: string;
  pieces: NoteSequence[];
}

/** Called after each piece. */
export type OnPiece = (done: number) => void;

/** Composes one piece per prompt with the model in `dir`; prompt i gets seed `seeds[i]`. */
export async function generateDefault(
  dir: string,
  prompts: readonly EvalPrompt[],
  seeds: readonly number[],
  seconds: number,
  onPiece?: OnPiece,
): Promise<Generated> {
  const model = await loadModel(dir);
  try {
    const pieces = prompts.map((p, i) => {
      const piece = compose(model, { prompt: p.prompt, seconds, seed: seeds[i] }).sequence;
      onPiece?.(i + 1);
      return piece;
    });
    return { model: model.version, pieces };
  } finally {
    model.dispose();
  }
}

/** The seed baseline's files, read and checked once, and its window (notes it reads before predicting). */
export interface BaselineFiles {
  files: LoadedArtifacts;
  window: number;
}

/**
 * Reads the seed baseline in `dir`.
 * @throws {ModelLoadError} when `dir` does not hold the seed baseline.
 */
export async function readBaseline(dir: string): Promise<BaselineFiles> {
  const files = await readModelFiles(folderLoader(dir));
  if (files.config.architecture.kind !== 'seed-baseline')
    throw new ModelLoadError(`${dir} holds a ${files.config.architecture.kind}, not the seed baseline`);
  return { files, window: (files.config.architecture as SeedBaselineArchitecture).window };
}

/**
 * Generates one baseline piece per prompt: seed `seeds[i]` picks the training melody it continues
 * (`melodies[fnv1a("seed <seed>") mod count]`, spread over the sorted list; a fixed C-major phrase when
 * there are none) and seeds its sampling.
 */
export async function generateBaseline(
  { files, window }: BaselineFiles,
  prompts: readonly EvalPrompt[],
  seeds: readonly number[],
  seconds: number,
  melodies: readonly BaselineNote[][],
  onPiece?: OnPiece,
): Promise<Generated> {
  await useNodeBackend();
  const net = await toLayersModel(files);
  try {
    const pieces = prompts.map((_, i) => {
      const seed = seeds[i];
      const start = melodies.length
        ? melodies[fnv1a(`seed ${seed}`) % melodies.length]
        : fallbackSeed(window);
      const piece = baselinePiece(net, start, { seconds, seed });
      piece.meta = { model: `${files.config.name}@${files.config.version}`, seed };
      onPiece?.(i + 1);
      return piece;
    });
    return { model: `${files.config.name}@${files.config.version}`, pieces };
  } finally {
    net.dispose();
  }
}
