/** The bridge link's reconnection delay (plugin/bridge-retry.ts) on fake timers. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Backoff } from '../../plugin/bridge-retry';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** The delays before each of `n` scheduled calls. */
function delays(backoff: Backoff, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const from = Date.now();
    let called = false;
    backoff.schedule(() => (called = true));
    while (!called) vi.advanceTimersByTime(1);
    out.push(Date.now() - from);
  }
  return out;
}

describe('Backoff', () => {
  it('waits min, then twice as long each time up to max, and min again after reset', () => {
    const backoff = new Backoff({ min: 20, max: 100 });
    expect(delays(backoff, 5)).toEqual([20, 40, 80, 100, 100]);
    backoff.reset();
    expect(delays(backoff, 2)).toEqual([20, 40]);
  });

  it('cancels the scheduled call', () => {
    const backoff = new Backoff({ min: 20, max: 100 });
    let called = false;
    backoff.schedule(() => (called = true));
    backoff.cancel();
    vi.advanceTimersByTime(1000);
    expect(called).toBe(false);
  });
});
