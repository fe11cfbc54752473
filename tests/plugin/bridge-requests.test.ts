/** The bridge link's request correlation (plugin/bridge-requests.ts) on fake timers. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PendingRequests } from '../../plugin/bridge-requests';
import type { LinkReply } from '../../plugin/bridge-types';

const reply = { type: 'stopped', id: 'panel-1' } as unknown as LinkReply;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PendingRequests', () => {
  it('numbers requests panel-1, panel-2..., sends once registered, and settles each by its id', async () => {
    const requests = new PendingRequests(1000);
    const [a, b] = [requests.nextId(), requests.nextId()];
    expect([a, b]).toEqual(['panel-1', 'panel-2']);
    const sent: boolean[] = [];
    const first = requests.wait(
      a,
      () => sent.push(requests.has(a)),
      () => new Error('late'),
    );
    const second = requests.wait(
      b,
      () => undefined,
      () => new Error('late'),
    );
    expect(sent).toEqual([true]);
    requests.resolve(a, reply);
    requests.reject(b, new Error('refused'));
    await expect(first).resolves.toBe(reply);
    await expect(second).rejects.toThrow('refused');
    expect(requests.has(a) || requests.has(b)).toBe(false);
    requests.resolve(a, reply); // a settled id is ignored
  });

  it('rejects with timedOut() when no reply comes in time, and forgets the id', async () => {
    const requests = new PendingRequests(1000);
    const id = requests.nextId();
    const waiting = requests.wait(
      id,
      () => undefined,
      () => new Error('did not answer'),
    );
    const seen = expect(waiting).rejects.toThrow('did not answer');
    vi.advanceTimersByTime(999);
    expect(requests.has(id)).toBe(true);
    vi.advanceTimersByTime(1);
    await seen;
    expect(requests.has(id)).toBe(false);
  });

  it('rejects every request in flight when the connection drops, each with its own error', async () => {
    const requests = new PendingRequests(1000);
    const errors: Error[] = [];
    const error = () => errors[errors.push(new Error('dropped')) - 1];
    const all = [requests.nextId(), requests.nextId()].map((id) =>
      requests.wait(
        id,
        () => undefined,
        () => new Error('late'),
      ),
    );
    requests.rejectAll(error);
    const reasons = await Promise.all(all.map((p) => p.catch((e: unknown) => e)));
    expect(reasons).toEqual(errors);
    expect(reasons[0]).not.toBe(reasons[1]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
