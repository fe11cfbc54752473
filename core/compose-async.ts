/**
 * {@link compose} for a UI thread without workers (the Premiere panel): the same result under the same
 * request and seed, but the model's writing pauses whenever a slice of work has run its budget
 * (`core/render/slice.ts`, as the renderer does), so no single task blocks the host for long.
 */
import type { ComposeRequest, ComposeResult } from './compose';
import { composeWrites } from './compose';
import { CancelledError } from './errors';
import type { MusicModel } from './model/model';
import { runWritesAsync } from './model/writes';
import type { SliceOptions } from './render/slice';
import { slicer } from './render/slice';

/** How {@link composeAsync} shares its thread; every field has a default (see {@link SliceOptions}). */
export interface ComposeAsyncOptions extends SliceOptions {
  /** Model steps between two looks at the clock (each step writes one event of every role). Default 1. */
  every?: number;
  /** Steps after which the reported progress reaches one half (an estimate: the total is not known). Default 200. */
  halfSteps?: number;
}

/**
 * Composes as {@link compose} does, awaiting `options.pause` whenever the current slice has run
 * `options.budgetMs` (default 10 ms); `onProgress` gets a growing estimate at each pause.
 * @throws {PromptError} and {@link ModelNotReadyError} as {@link compose};
 * @throws {CancelledError} when `options.signal` is aborted (before, or at the next step).
 */
export async function composeAsync(
  model: MusicModel,
  request: ComposeRequest,
  options: ComposeAsyncOptions = {},
): Promise<ComposeResult> {
  if (options.signal?.aborted) throw new CancelledError();
  const every = Math.max(1, Math.floor(options.every ?? 1));
  const half = options.halfSteps ?? 200;
  const slice = slicer(options);
  let steps = 0;
  const pause = (): Promise<void> => {
    steps += every;
    return slice.tick(steps / (steps + half));
  };
  const result = await runWritesAsync(model, composeWrites(model.version, request), { every, pause });
  if (options.signal?.aborted) throw new CancelledError();
  return result;
}
