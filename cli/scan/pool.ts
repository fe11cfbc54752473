/**
 * A small worker_threads pool: one worker per core runs the same task function over a list, in order of
 * completion. With `workers: 0` the tasks run in-process (tests, and when no worker bundle exists).
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Options of {@link runPool}. */
export interface PoolOptions<T, R> {
  /** Worker script (a built .js file). */
  script: URL;
  /** Number of workers; 0 runs `inline` in this thread. */
  workers: number;
  /** The same work, in-process. */
  inline: (task: T) => R;
  /** Called with each result as it arrives. */
  onResult: (result: R, task: T) => void;
}

/** Runs every task; resolves when all results have been delivered to `onResult`. */
export async function runPool<T, R>(tasks: readonly T[], o: PoolOptions<T, R>): Promise<void> {
  if (o.workers <= 0 || !existsSync(o.script)) {
    for (const t of tasks) o.onResult(o.inline(t), t);
    return;
  }
  let next = 0;
  const runWorker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const w = new Worker(o.script);
      let current: T | undefined;
      const feed = (): void => {
        if (next >= tasks.length) {
          void w.terminate().then(() => resolve());
          return;
        }
        current = tasks[next++];
        w.postMessage(current);
      };
      w.on('message', (r: R) => {
        o.onResult(r, current as T);
        feed();
      });
      w.on('error', reject);
      feed();
    });
  await Promise.all(Array.from({ length: Math.min(o.workers, tasks.length) }, runWorker));
}
