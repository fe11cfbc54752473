/**
 * Cooperative slicing for long pure computations on a UI thread (the Premiere panel has no workers): a job
 * calls {@link Slicer.tick} between small units of work; the slicer yields to the host (`pause`) once the
 * current slice has run for `budgetMs`, reports progress, and stops the job when it is cancelled.
 */
import { CancelledError } from '../errors';

/** How a long job shares its thread; every field has a default (no yielding, no progress, never cancelled). */
export interface SliceOptions {
  /** Gives the host a turn (repaint, input). Default: none, the job runs to the end in one go. */
  pause?: () => Promise<void>;
  /** Longest stretch of work between two pauses, in milliseconds. Default 10. */
  budgetMs?: number;
  /** Progress of the job, 0..1, reported at each pause. */
  onProgress?: (fraction: number) => void;
  /** Stops the job at its next tick (it throws {@link CancelledError}). */
  signal?: { readonly aborted: boolean };
  /** Clock in milliseconds. Default `performance.now` (or `Date.now`). */
  now?: () => number;
}

/** The handle a job ticks. */
export interface Slicer {
  /**
   * Called between units of work with the job's progress (0..1): pauses when the slice is spent.
   * @throws {CancelledError} when the signal was aborted.
   */
  tick(fraction: number): Promise<void>;
  /** A slicer for the part of the job from `from` to `to` (its ticks 0..1 map into that range). */
  part(from: number, to: number): Slicer;
}

const clock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** A slicer over `options`. */
export function slicer(options: SliceOptions = {}): Slicer {
  const now = options.now ?? clock;
  const budget = options.budgetMs ?? 10;
  let started = now();
  const tick = async (fraction: number): Promise<void> => {
    if (options.signal?.aborted) throw new CancelledError();
    if (!options.pause || now() - started < budget) return;
    options.onProgress?.(Math.max(0, Math.min(1, fraction)));
    await options.pause();
    if (options.signal?.aborted) throw new CancelledError();
    started = now();
  };
  const make = (from: number, to: number): Slicer => ({
    tick: (f) => tick(from + (to - from) * f),
    part: (a, b) => make(from + (to - from) * a, from + (to - from) * b),
  });
  return make(0, 1);
}
