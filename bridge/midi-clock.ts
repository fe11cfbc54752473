/**
 * The MIDI clock the look-ahead scheduler (`scheduler.ts`) hands to its sink: a playback's clock from its
 * {@link ClockGrid} (count-in, Start at beat 0, ticks, count restarts), the Song Position and Continue that
 * point a follower back in after the port returns, and the continuous clock that ticks between playbacks
 * at the last tempo. Each message handed or skipped takes one from the wake-up's {@link Budget}.
 */
import { CLOCK_CONTINUE, CLOCK_START, CLOCK_STOP, CLOCK_TICK, songPosition } from '../core/codec/messages';
import { CLOCK_PPQ } from '../core/timeline';
import type { ClockGrid } from './clock';
import type { Budget } from './playback';
import type { MidiSink } from './scheduler-types';

/** The continuous clock between playbacks: its next tick and their spacing, ms. */
export interface IdleClock {
  next: number;
  msPerTick: number;
}

/** Milliseconds per clock tick at `bpm`. */
export function msPerClockTick(bpm: number): number {
  return 60_000 / bpm / CLOCK_PPQ;
}

/**
 * Hands the clock of grid `g` due before `until` to `sink` (or skips it when `sink` is undefined), within
 * `budget`: Start before beat 0, Stop, Song Position 0 and Continue before a restarted count, and the ticks.
 */
export function drainClock(
  g: ClockGrid | undefined,
  until: number,
  sink: MidiSink | undefined,
  budget: Budget,
): void {
  while (g && !g.done && budget.left > 0) {
    const at = g.at();
    if (at >= until) return;
    if (sink) {
      if (g.atTop) sink.send(CLOCK_START, at);
      if (g.restartDue) {
        sink.send(CLOCK_STOP, at);
        sink.send(songPosition(0), at);
        sink.send(CLOCK_CONTINUE, at);
      }
      sink.send(CLOCK_TICK, at);
    }
    budget.left--;
    g.advance();
  }
}

/**
 * After the port came back: moves `g` to its next sixteenth (Continue must resume on one, every 6 clocks)
 * and points the follower there (Song Position, Continue). Nothing before beat 0 or after the last tick.
 */
export function continueClock(g: ClockGrid | undefined, sink: MidiSink): void {
  if (g && !g.done && g.j >= 0) {
    while (g.j % 6 !== 0 && !g.done) g.advance();
    g.restartDue = false;
    sink.send(songPosition(g.sixteenths));
    sink.send(CLOCK_CONTINUE);
  }
}

/**
 * When a playback that would start at `start` (after `preRoll` ms of count-in) starts instead, so that its
 * count-in (or beat 0) takes a tick of the running clock `idle`: never earlier than `start`.
 */
export function joinIdle(idle: IdleClock, start: number, preRoll: number): number {
  const k = Math.ceil((start - preRoll - idle.next) / idle.msPerTick - 1e-9);
  return idle.next + Math.max(0, k) * idle.msPerTick + preRoll;
}

/**
 * Hands the ticks of `idle` due before `until` (the wake-up's time plus `lookAheadMs`) to `sink`, within
 * `budget`. While the sink is away it keeps the grid and skips the ticks that could not go out.
 */
export function drainIdle(
  idle: IdleClock,
  until: number,
  lookAheadMs: number,
  sink: MidiSink,
  budget: Budget,
): void {
  if (!sink.connected) {
    const now = until - lookAheadMs;
    if (idle.next < now) idle.next += Math.ceil((now - idle.next) / idle.msPerTick) * idle.msPerTick;
    return;
  }
  while (idle.next < until && budget.left-- > 0) {
    sink.send(CLOCK_TICK, idle.next);
    idle.next += idle.msPerTick;
  }
}
