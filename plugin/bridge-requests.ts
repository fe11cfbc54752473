/**
 * Request correlation for the bridge link: each request gets an id (`panel-1`, `panel-2`...) and waits for
 * the reply that carries it, until its timeout or until the connection drops.
 */
import type { LinkReply } from './bridge-types';

interface Waiter {
  resolve(r: LinkReply): void;
  reject(e: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/** The requests in flight, by id. */
export class PendingRequests {
  private readonly pending = new Map<string, Waiter>();
  private counter = 0;

  /** @param timeoutMs - How long a request waits for its reply, ms. */
  constructor(private readonly timeoutMs: number) {}

  /** A new request id. */
  nextId(): string {
    return `panel-${++this.counter}`;
  }

  /** Whether the request `id` waits for its reply. */
  has(id: string): boolean {
    return this.pending.has(id);
  }

  /**
   * Registers `id`, then calls `send` (which sends the request); resolves with its reply, or rejects with
   * `timedOut()` when none comes within the timeout.
   */
  wait(id: string, send: () => void, timedOut: () => Error): Promise<LinkReply> {
    return new Promise<LinkReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(timedOut());
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      send();
    });
  }

  /** Settles the request `id` (if it still waits) with `reply`. */
  resolve(id: string, reply: LinkReply): void {
    this.take(id)?.resolve(reply);
  }

  /** Fails the request `id` (if it still waits) with `error`. */
  reject(id: string, error: Error): void {
    this.take(id)?.reject(error);
  }

  /** Fails every request in flight, each with its own `error()`. */
  rejectAll(error: () => Error): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(error());
    }
    this.pending.clear();
  }

  private take(id: string): Waiter | undefined {
    const p = this.pending.get(id);
    if (!p) return undefined;
    this.pending.delete(id);
    clearTimeout(p.timer);
    return p;
  }
}
