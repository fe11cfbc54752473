/**
 * The UI side of `compose-worker.ts`: a {@link Composer} that posts requests to the worker and resolves
 * with its answers; Cancel stops waiting (the worker's answer is then dropped).
 */
import { CancelledError, PromptError } from '../core/errors';
import type { Composer } from './engine';

/** A composer over a worker script at `url`, or `null` where the host has no workers. */
export function workerComposer(url: string, assets: string): Composer | null {
  if (typeof Worker !== 'function') return null;
  let worker: Worker;
  try {
    worker = new Worker(url);
  } catch {
    return null;
  }
  let next = 0;
  const waiting = new Map<number, { ok: (r: never) => void; fail: (e: unknown) => void }>();
  worker.onmessage = (
    e: MessageEvent<{ id: number; result?: never; error?: { name: string; message: string } }>,
  ) => {
    const w = waiting.get(e.data.id);
    if (!w) return;
    waiting.delete(e.data.id);
    if (e.data.error)
      w.fail(
        e.data.error.name === 'PromptError'
          ? new PromptError(e.data.error.message)
          : new Error(e.data.error.message),
      );
    else w.ok(e.data.result as never);
  };
  return (request, job) =>
    new Promise((ok, fail) => {
      if (job.signal?.aborted) return fail(new CancelledError());
      const id = ++next;
      waiting.set(id, { ok, fail });
      worker.postMessage({ id, assets, request });
      const poll = (): void => {
        if (!waiting.has(id)) return;
        if (job.signal?.aborted) {
          waiting.delete(id);
          fail(new CancelledError());
        } else setTimeout(poll, 50);
      };
      setTimeout(poll, 50);
    });
}
