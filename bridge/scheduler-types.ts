/**
 * What the look-ahead scheduler (`scheduler.ts`) is built from and reports: its injected sink, clock and
 * ticker, its options, events and status.
 */
import type { MidiBytes } from '../core/codec/messages';

/** Where the scheduler sends MIDI: a WebMIDI output (`output.ts`) or a test double. */
export interface MidiSink {
  /** False while the port is gone; the scheduler then drops events and resynchronises when it returns. */
  readonly connected: boolean;
  /** Sends `data` at time `at` (ms on the scheduler's clock), or now when `at` is omitted or past. Never throws. */
  send(data: MidiBytes, at?: number): void;
  /** Drops everything sent with a future timestamp that has not gone out yet. */
  cancel(): void;
}

/** A monotonic clock in milliseconds. */
export interface SchedulerClock {
  now(): number;
}

/** Calls `fn` every `ms` until the returned function is called. */
export interface Ticker {
  every(ms: number, fn: () => void): () => void;
}

/** `performance.now()`: the clock of the real scheduler (and of JZZ's and WebMIDI's timestamps). */
export const realClock: SchedulerClock = { now: () => performance.now() };

/** `setInterval`. */
export const realTicker: Ticker = {
  every(ms, fn) {
    const handle = setInterval(fn, ms);
    return () => clearInterval(handle);
  },
};

/** What happened to playback; `interrupted`/`resumed` follow the sink's `connected`. */
export type SchedulerEvent =
  | { type: 'started'; startAt: number }
  | { type: 'ended' }
  | { type: 'stopped' }
  | { type: 'interrupted'; positionBeats: number }
  | { type: 'resumed'; positionBeats: number };

/** Options of {@link Scheduler}. */
export interface SchedulerOptions {
  sink: MidiSink;
  clock?: SchedulerClock;
  ticker?: Ticker;
  /** How far ahead events are handed to the sink (default 100 ms). */
  lookAheadMs?: number;
  /** How often the scheduler wakes (default 20 ms; must be well under `lookAheadMs`). */
  intervalMs?: number;
  /** Delay from `play()` to the first beat, so program changes land first (default 50 ms). */
  leadMs?: number;
  /** Send MIDI clock: Start, 24 ticks per quarter note through the tempo map, Stop. */
  midiClock?: boolean;
  /** With `midiClock`: bars of clock before beat 0, at the opening tempo, so a follower can lock (default 0). */
  countInBars?: number;
  /**
   * With `midiClock`: keep the clock running between playbacks too, at the last tempo (Start and Stop still
   * mark playback). Call `dispose()` to stop it.
   */
  continuousClock?: boolean;
  /**
   * Most MIDI messages one wake-up hands to the sink (default 10,000): a bound on the work of a tick, so no
   * sequence can hold the thread; what is left goes at the next wake-up.
   */
  maxEventsPerTick?: number;
  onEvent?: (event: SchedulerEvent) => void;
}

/** Options of {@link Scheduler.play}. */
export interface PlayOptions {
  /** Play the sequence again and again until `stop()`. */
  loop?: boolean;
  /** When beat 0 sounds, on the scheduler's clock (default now + `leadMs`). */
  startAt?: number;
}

/** What `play()` scheduled. */
export interface PlaybackInfo {
  /** When beat 0 sounds (scheduler clock, ms). */
  startAt: number;
  /** One pass, in ms and beats. */
  passMs: number;
  passBeats: number;
  /** 0-based channels the notes use. */
  channels: number[];
  loop: boolean;
}

/** A snapshot of the scheduler. */
export interface SchedulerStatus {
  state: 'idle' | 'playing' | 'interrupted';
  loop: boolean;
  /** Position within the current pass, in beats. */
  positionBeats: number;
  /** Completed passes (looping). */
  pass: number;
  passBeats: number;
}
