/**
 * A queue that delivers MIDI messages at absolute timestamps with sub-millisecond precision in Node:
 * a timer sleeps until shortly before the next message is due, then `setImmediate` polls the clock for the
 * last stretch (Node's timers alone fire up to a millisecond or more late). It is what a browser's Web MIDI
 * does with `send(data, timestamp)`; the JZZ back end of `webmidi` in Node only has `setTimeout`.
 */
import type { MidiBytes } from '../core/codec/messages';

/** Lateness of delivered messages: delivery time minus due time. */
export interface DispatchStats {
  /** Messages delivered since the queue was made. */
  sent: number;
  /** Mean lateness in ms (0 when nothing was sent). */
  meanLateMs: number;
  /** Worst lateness in ms. */
  maxLateMs: number;
}

/** Options of {@link TimedQueue}. */
export interface TimedQueueOptions {
  /** The clock, in ms (default `performance.now`). */
  now?: () => number;
  /** How long before a message is due the queue stops sleeping and polls (default 1.5 ms). */
  spinMs?: number;
  /** Called with what `deliver` throws (the queue goes on with the next message). */
  onError?: (err: unknown) => void;
}

interface Item {
  at: number;
  data: MidiBytes;
}

/** Delivers messages, in time order (insertion order at equal times), when their timestamp comes. */
export class TimedQueue {
  private items: Item[] = [];
  private head = 0;
  private timeout: ReturnType<typeof setTimeout> | undefined;
  private immediate: ReturnType<typeof setImmediate> | undefined;
  private readonly now: () => number;
  private readonly spinMs: number;
  private readonly onError: (err: unknown) => void;
  private sent = 0;
  private lateSum = 0;
  private lateMax = 0;

  /** @param deliver sends one message now. */
  constructor(
    private readonly deliver: (data: MidiBytes) => void,
    options: TimedQueueOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.spinMs = options.spinMs ?? 1.5;
    this.onError = options.onError ?? (() => undefined);
  }

  /** Messages waiting. */
  get size(): number {
    return this.items.length - this.head;
  }

  /** Queues `data` for time `at` (ms on this queue's clock); a time already past delivers at once. */
  push(data: MidiBytes, at: number): void {
    // Insert after every item due at or before `at` (searching from the end: pushes come mostly in order).
    let i = this.items.length;
    while (i > this.head && this.items[i - 1].at > at) i--;
    this.items.splice(i, 0, { at, data });
    if (i === this.head) this.service();
  }

  /** Drops every message not yet delivered. */
  clear(): void {
    this.items = [];
    this.head = 0;
    this.disarm();
  }

  /** Lateness figures of what was delivered so far. */
  stats(): DispatchStats {
    return {
      sent: this.sent,
      meanLateMs: this.sent ? this.lateSum / this.sent : 0,
      maxLateMs: this.lateMax,
    };
  }

  private disarm(): void {
    if (this.timeout !== undefined) clearTimeout(this.timeout);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.timeout = undefined;
    this.immediate = undefined;
  }

  /** Delivers what is due, then sleeps or polls until the next message. */
  private service = (): void => {
    this.disarm();
    let now = this.now();
    while (this.head < this.items.length && this.items[this.head].at <= now) {
      const item = this.items[this.head++];
      const late = now - item.at;
      this.sent++;
      this.lateSum += late;
      if (late > this.lateMax) this.lateMax = late;
      try {
        this.deliver(item.data);
      } catch (err) {
        this.onError(err);
      }
      now = this.now();
    }
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    if (this.head >= this.items.length) return;
    const wait = this.items[this.head].at - now;
    if (wait > this.spinMs) this.timeout = setTimeout(this.service, Math.max(0, wait - this.spinMs));
    else this.immediate = setImmediate(this.service);
  };
}
