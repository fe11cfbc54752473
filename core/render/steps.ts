/**
 * Long loops written as generators that yield their progress (0..1) every few thousand samples, so that the
 * same code runs to the end at once ({@link runSteps}) or shares a UI thread ({@link driveSteps}).
 */
import type { Slicer } from './slice';

/** A loop that yields its progress now and then, and returns its result. */
export type Steps<T> = Generator<number, T, void>;

/** Samples processed between two yields. */
export const STEP_SAMPLES = 1 << 13;

/** Runs `steps` to the end at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs `steps`, ticking `slice` at each yield. */
export async function driveSteps<T>(steps: Steps<T>, slice: Slicer): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await slice.tick(r.value);
  }
}
