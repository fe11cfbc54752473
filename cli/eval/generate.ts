/**
 * The generated sets of an evaluation, with the same prompts and the same seed numbers: the default model
 * through `compose` (the main job, prompt in, arranged piece out), the same with every rule off, the
 * rules-only control (random weights of the shipped shapes through `compose`), and the seed baseline (the
 * tutorial's model continuing a training melody; it reads no prompt).
 */
import { compose } from '../../core/compose';
import { ModelLoadError } from '../../core/errors';
import { baselinePiece, fallbackSeed } from '../../core/eval/baseline';
import { controlLoader } from '../../core/eval/control';
import type { ChordSpan } from '../../core/features/chords';
import { fnv1a } from '../../core/eval/hash';
import type { EvalPrompt } from '../../core/eval/prompts';
import type { BaselineNote } from '../../core/model/baseline';
import type { SeedBaselineArchitecture } from '../../core/model/config';
import type { LoadedArtifacts } from '../../core/model/io';
import { readModelFiles, toLayersModel } from '../../core/model/io';
import { MusicModel } from '../../core/model/model';
import type { NoteSequence } from '../../core/sequence';
import { useNodeBackend } from '../backend';
import { folderLoader } from '../model-files';

/** A generated set, the model that wrote it, and the chords each piece was planned under. */
export interface Generated {
  model: string;
  pieces: NoteSequence[];
  chords?: ChordSpan[][];
}

/** Called after each piece. */
export type OnPiece = (done: number) => void;

/**
 * Loads the model in `dir`, and the rules-only control: the same files with seeded random weights of the
 * same shapes (`controlSeed`), or null when `controlSeed` is null.
 * @throws {ModelLoadError} when the model's files are missing or do not match the code.
 */
export async function loadModels(
  dir: string,
  controlSeed: number | null,
): Promise<{ model: MusicModel; control: MusicModel | null }> {
  const model = await MusicModel.load(folderLoader(dir));
  const control =
    controlSeed === null ? null : await MusicModel.load(controlLoader(folderLoader(dir), controlSeed));
  return { model, control };
}

/**
 * Composes one piece per prompt with `model` (prompt i gets seed `seeds[i]`), through the whole pipeline
 * or, with `rules` false, the model alone under the plan.
 */
export function composeSet(
  model: MusicModel,
  prompts: readonly EvalPrompt[],
  seeds: readonly number[],
  seconds: number,
  rules: boolean,
  onPiece?: OnPiece,
): Generated {
  const pieces: NoteSequence[] = [];
  const chords: ChordSpan[][] = [];
  prompts.forEach((p, i) => {
    const r = compose(model, { prompt: p.prompt, seconds, seed: seeds[i], rules });
    pieces.push(r.sequence);
    chords.push(r.plan.chords);
    onPiece?.(i + 1);
  });
  return { model: model.version, pieces, chords };
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
