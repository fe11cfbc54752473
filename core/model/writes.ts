/**
 * Jobs that ask the model to write: a job is a generator that yields each {@link GenerateRequest} it needs
 * and receives the written piece back, so the same job (the arranger's plan, regions, key check and
 * finishing) runs synchronously with {@link MusicModel.generate} or with pauses through
 * {@link MusicModel.generateAsync}, and gives the same result under the same seed.
 */
import type { NoteSequence } from '../sequence';
import type { PauseOptions } from './generate';
import type { GenerateRequest, MusicModel } from './model';

/** A job that asks the model for pieces and returns `T`. */
export type Writes<T> = Generator<GenerateRequest, T, NoteSequence>;

/**
 * Runs `job` to the end, each request written by {@link MusicModel.generate}.
 * @throws {ModelNotReadyError} when the model was disposed; whatever the job throws.
 */
export function runWrites<T>(model: MusicModel, job: Writes<T>): T {
  let r = job.next();
  while (!r.done) r = job.next(model.generate(r.value));
  return r.value;
}

/**
 * Runs `job` to the end, each request written by {@link MusicModel.generateAsync} with `pause` (called
 * every `pause.every` steps). A pause that throws (a cancelled job) stops the job with that error.
 * @throws {ModelNotReadyError} when the model was disposed; whatever the job or `pause.pause` throws.
 */
export async function runWritesAsync<T>(
  model: MusicModel,
  job: Writes<T>,
  pause: PauseOptions = {},
): Promise<T> {
  let r = job.next();
  while (!r.done) r = job.next(await model.generateAsync(r.value, pause));
  return r.value;
}
