/**
 * The look-ahead scheduler: every `intervalMs` it hands the events due in the next `lookAheadMs` to a
 * {@link MidiSink} with absolute timestamps (the "two clocks" design of Web MIDI/Web Audio), so the
 * timer's own jitter never reaches the music. Clock, timer and sink are injected: tests drive it with a
 * manual clock and a recording sink, the bridge with `performance.now` and a WebMIDI output.
 *
 * Notes are voiced for MIDI (`compileTimeline`'s `restrike`): a sounding pitch is re-struck with its
 * note-off first, and overlapping notes of one pitch are not cut by the first note-off. Each wake-up hands
 * at most `maxEventsPerTick` messages, so no sequence can hold the thread. A playback's notes and position
 * are in `playback.ts`, the MIDI clock it hands in `midi-clock.ts`; this file starts, stops and wakes them.
 */
import { tempoAt, type NoteSequence } from '../core/sequence';
import { compileTimeline } from '../core/timeline';
import { CLOCK_STOP, allNotesOff, allSoundOff, noteOff, sustainOff } from '../core/codec/messages';
import { ClockGrid, countInFor } from './clock';
import { continueClock, drainClock, drainIdle, joinIdle, msPerClockTick, type IdleClock } from './midi-clock';
import {
  drainNotes,
  newPlayback,
  playbackStatus,
  soundingNotes,
  type Budget,
  type Playback,
} from './playback';
import type {
  MidiSink,
  SchedulerClock,
  Ticker,
  SchedulerEvent,
  SchedulerOptions,
  PlayOptions,
  PlaybackInfo,
  SchedulerStatus,
} from './scheduler-types';
import { realClock, realTicker } from './scheduler-types';

/** Plays `NoteSequence`s to a {@link MidiSink} on absolute timestamps. One playback at a time. */
export class Scheduler {
  private sink: MidiSink;
  private readonly clock: SchedulerClock;
  private readonly ticker: Ticker;
  private readonly lookAheadMs: number;
  private readonly intervalMs: number;
  private readonly leadMs: number;
  private readonly midiClock: boolean;
  private readonly countInBars: number;
  private readonly continuous: boolean;
  private readonly maxPerTick: number;
  private readonly onEvent: (event: SchedulerEvent) => void;
  private current: Playback | undefined;
  private readonly everUsed = new Set<number>();
  private stopTicker: (() => void) | undefined;
  /** The clock between playbacks (continuous clock). */
  private idle: IdleClock | undefined;
  private readonly budget: Budget = { left: 0 };

  constructor(options: SchedulerOptions) {
    this.sink = options.sink;
    this.clock = options.clock ?? realClock;
    this.ticker = options.ticker ?? realTicker;
    this.lookAheadMs = options.lookAheadMs ?? 100;
    this.intervalMs = options.intervalMs ?? 20;
    this.leadMs = options.leadMs ?? 50;
    this.midiClock = options.midiClock ?? false;
    this.countInBars = this.midiClock ? (options.countInBars ?? 0) : 0;
    this.continuous = this.midiClock && (options.continuousClock ?? false);
    this.maxPerTick = options.maxEventsPerTick ?? 10_000;
    this.onEvent = options.onEvent ?? (() => undefined);
    if (this.continuous) {
      this.idle = { next: this.clock.now() + this.leadMs, msPerTick: msPerClockTick(120) };
      this.wake();
    }
  }

  /** True from `play()` until the end, `stop()` or `panic()`. */
  get playing(): boolean {
    return this.current !== undefined;
  }

  /** Replaces the sink (stopping any playback on the old one first). */
  setSink(sink: MidiSink): void {
    this.stop();
    this.sink = sink;
  }

  /**
   * Starts `seq` (stopping what was playing): program changes go out at once, then notes from `startAt`,
   * each on its role's channel (drums on 10), with MIDI clock when enabled (after the count-in, if any).
   */
  play(seq: NoteSequence, options: PlayOptions = {}): PlaybackInfo {
    this.stop();
    const tl = compileTimeline(seq, { restrike: true });
    const loop = !!options.loop && tl.passMs > 0;
    const countIn = countInFor(seq, this.countInBars);
    const preRoll = countIn.ticks * countIn.msPerTick;
    let start = options.startAt ?? this.clock.now() + this.leadMs + preRoll;
    // Continue the running clock without a hiccup: the count-in (or beat 0) takes its next tick.
    if (this.idle && options.startAt === undefined) start = joinIdle(this.idle, start, preRoll);
    this.idle = undefined;
    for (const c of tl.channels) this.everUsed.add(c);
    for (const program of tl.programs) this.sink.send(program);
    const grid = this.midiClock ? new ClockGrid(tl, start, loop, countIn) : undefined;
    this.current = newPlayback(seq, tl, start, loop, grid);
    this.onEvent({ type: 'started', startAt: start });
    this.wake();
    this.tick();
    return { startAt: start, passMs: tl.passMs, passBeats: tl.passBeats, channels: [...tl.channels], loop };
  }

  /**
   * Stops playback: drops what is queued, sends note-off for every sounding note and All Notes Off
   * (CC 123) on every channel the sequence used, and MIDI clock Stop. Does nothing when idle.
   */
  stop(): void {
    const p = this.current;
    if (!p) return;
    this.halt(p);
    const now = this.clock.now();
    this.sink.cancel();
    for (const n of soundingNotes(p, now)) this.sink.send(noteOff(n.channel, n.pitch));
    for (const c of p.tl.channels) this.sink.send(allNotesOff(c));
    if (this.midiClock) this.sink.send(CLOCK_STOP);
    if (this.continuous) this.resumeIdle(now, tempoAt(playbackStatus(p, now).positionBeats, p.seq.tempos));
    this.onEvent({ type: 'stopped' });
  }

  /** {@link stop}, then All Sound Off, All Notes Off and sustain off on every channel used since creation. */
  panic(): void {
    this.stop();
    this.sink.cancel();
    for (const c of [...this.everUsed].sort((a, b) => a - b)) {
      this.sink.send(allSoundOff(c));
      this.sink.send(allNotesOff(c));
      this.sink.send(sustainOff(c));
    }
  }

  /** Stops playback (panic) and the continuous clock; the scheduler is not used afterwards. */
  dispose(): void {
    this.panic();
    this.idle = undefined;
    this.stopTicker?.();
    this.stopTicker = undefined;
  }

  /** Where playback is. */
  status(): SchedulerStatus {
    return playbackStatus(this.current, this.clock.now());
  }

  private wake(): void {
    this.stopTicker ??= this.ticker.every(this.intervalMs, () => this.tick());
  }

  private halt(p: Playback): void {
    if (this.current === p) this.current = undefined;
    if (!this.continuous) {
      this.stopTicker?.();
      this.stopTicker = undefined;
    }
  }

  private resumeIdle(after: number, bpm: number): void {
    const msPerTick = msPerClockTick(bpm);
    this.idle = { next: Math.max(after, this.clock.now()) + msPerTick, msPerTick };
  }

  private tick(): void {
    this.budget.left = this.maxPerTick;
    const now = this.clock.now();
    if (this.idle) drainIdle(this.idle, now + this.lookAheadMs, this.lookAheadMs, this.sink, this.budget);
    const p = this.current;
    if (!p) return;
    if (!this.sink.connected) {
      if (!p.interrupted) {
        p.interrupted = true;
        this.onEvent({ type: 'interrupted', positionBeats: this.status().positionBeats });
      }
      drainNotes(p, now, undefined, this.budget);
      drainClock(p.grid, now, undefined, this.budget);
      p.live = [];
    } else {
      if (p.interrupted) this.resync(p, now);
      const horizon = now + this.lookAheadMs;
      drainClock(p.grid, horizon, this.sink, this.budget);
      drainNotes(p, horizon, this.sink, this.budget);
      if (p.live.length > 256) p.live = p.live.filter((n) => n.off > now);
    }
    if (!p.loop) this.endOf(p, now);
  }

  /** A piece's end: clock Stop once its last tick is handed (then the continuous clock), `ended` at the end. */
  private endOf(p: Playback, now: number): void {
    const end = p.start + p.tl.passMs;
    const g = p.grid;
    if (g?.done && !p.endHanded) {
      p.endHanded = true;
      if (this.sink.connected) this.sink.send(CLOCK_STOP, end);
      if (this.continuous)
        this.idle = { next: g.at(), msPerTick: msPerClockTick(tempoAt(p.tl.passBeats, p.seq.tempos)) };
    }
    if (!p.notesDone || (g && !g.done) || now < end) return;
    this.halt(p);
    this.onEvent({ type: 'ended' });
  }

  /** After the port came back: silence stale notes, restore programs, and tell a clock follower where we are. */
  private resync(p: Playback, now: number): void {
    p.interrupted = false;
    drainNotes(p, now, undefined, this.budget);
    drainClock(p.grid, now, undefined, this.budget);
    for (const c of p.tl.channels) this.sink.send(allNotesOff(c));
    for (const program of p.tl.programs) this.sink.send(program);
    continueClock(p.grid, this.sink);
    this.onEvent({ type: 'resumed', positionBeats: this.status().positionBeats });
  }
}
