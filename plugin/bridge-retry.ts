/**
 * The bridge link's reconnection delay: the first retry waits `min`, each further one twice as long up to
 * `max`; a link that pairs, or moves to another token or port, starts again from `min`.
 */

/** One pending retry at a time, with a growing delay. */
export class Backoff {
  private delay: number;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** @param range - First and longest delay, ms (read as they are at each use). */
  constructor(private readonly range: { min: number; max: number }) {
    this.delay = range.min;
  }

  /** Calls `fn` after the current delay, and doubles the next delay (up to `max`). */
  schedule(fn: () => void): void {
    this.timer = setTimeout(fn, this.delay);
    this.delay = Math.min(this.range.max, this.delay * 2);
  }

  /** Cancels the scheduled call, if any. */
  cancel(): void {
    clearTimeout(this.timer);
  }

  /** The next delay is `min` again. */
  reset(): void {
    this.delay = this.range.min;
  }
}
