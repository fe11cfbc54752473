/**
 * The look-ahead scheduler: every `intervalMs` it hands the events due in the next `lookAheadMs` to a
 * {@link MidiSink} with absolute timestamps (the "two clocks" design of Web MIDI/Web Audio), so the
 * timer's own jitter never reaches the music. Clock, timer and sink are injected: tests drive it with a
 * manual clock and a recording sink, the bridge with `performance.now` and a WebMIDI output.
 *
 * Notes are voiced for MIDI (`compileTimeline`'s `restrike`): a sounding pitch is re-struck with its
 * note-off first, and overlapping notes of one pitch are not cut by the first note-off. Each wake-up hands
 * at most `maxEventsPerTick` messages, so no sequence can hold the thread.
 */
import { secondsToBeats, tempoAt, type NoteSequence } from '../core/sequence';
import { CLOCK_PPQ, compileTimeline, type Timeline } from '../core/timeline';
import {
  CLOCK_CONTINUE,
  CLOCK_START,
  CLOCK_STOP,
  CLOCK_TICK,
  allNotesOff,
  allSoundOff,
  noteOff,
  songPosition,
  sustainOff,
} from '../core/codec/messages';
import { ClockGrid, countInFor } from './clock';
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

interface LiveNote {
  channel: number;
  pitch: number;
  on: number;
  off: number;
}

interface Playback {
  seq: NoteSequence;
  tl: Timeline;
  start: number;
  loop: boolean;
  notePass: number;
  noteIdx: number;
  notesDone: boolean;
  grid: ClockGrid | undefined;
  endHanded: boolean;
  interrupted: boolean;
  live: LiveNote[];
}

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
  /** The clock between playbacks (continuous clock): next tick and its spacing. */
  private idle: { next: number; msPerTick: number } | undefined;
  private budget = 0;

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
      this.idle = { next: this.clock.now() + this.leadMs, msPerTick: 60_000 / 120 / CLOCK_PPQ };
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
    if (this.idle && options.startAt === undefined) {
      // Continue the running clock without a hiccup: the count-in (or beat 0) takes its next tick.
      const k = Math.ceil((start - preRoll - this.idle.next) / this.idle.msPerTick - 1e-9);
      start = this.idle.next + Math.max(0, k) * this.idle.msPerTick + preRoll;
    }
    this.idle = undefined;
    for (const c of tl.channels) this.everUsed.add(c);
    for (const program of tl.programs) this.sink.send(program);
    const grid = this.midiClock ? new ClockGrid(tl, start, loop, countIn) : undefined;
    this.current = {
      seq,
      tl,
      start,
      loop,
      notePass: 0,
      noteIdx: 0,
      notesDone: false,
      grid,
      endHanded: false,
      interrupted: false,
      live: [],
    };
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
    const sounding = new Set<number>();
    for (const n of p.live) if (n.on <= now && n.off > now) sounding.add(n.channel * 128 + n.pitch);
    for (const key of sounding) this.sink.send(noteOff(key >> 7, key & 0x7f));
    for (const c of p.tl.channels) this.sink.send(allNotesOff(c));
    if (this.midiClock) this.sink.send(CLOCK_STOP);
    if (this.continuous) this.resumeIdle(now, tempoAt(this.statusOf(p, now).positionBeats, p.seq.tempos));
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
    return this.statusOf(this.current, this.clock.now());
  }

  private statusOf(p: Playback | undefined, now: number): SchedulerStatus {
    if (!p) return { state: 'idle', loop: false, positionBeats: 0, pass: 0, passBeats: 0 };
    const elapsed = Math.max(0, now - p.start);
    const pass = p.tl.passMs > 0 ? Math.floor(elapsed / p.tl.passMs) : 0;
    const inPass = Math.min(elapsed - pass * p.tl.passMs, p.tl.passMs);
    return {
      state: p.interrupted ? 'interrupted' : 'playing',
      loop: p.loop,
      positionBeats: secondsToBeats(inPass / 1000, p.seq.tempos),
      pass,
      passBeats: p.tl.passBeats,
    };
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
    const msPerTick = 60_000 / bpm / CLOCK_PPQ;
    this.idle = { next: Math.max(after, this.clock.now()) + msPerTick, msPerTick };
  }

  private tick(): void {
    this.budget = this.maxPerTick;
    const now = this.clock.now();
    this.drainIdle(now + this.lookAheadMs);
    const p = this.current;
    if (!p) return;
    if (!this.sink.connected) {
      if (!p.interrupted) {
        p.interrupted = true;
        this.onEvent({ type: 'interrupted', positionBeats: this.status().positionBeats });
      }
      this.drainNotes(p, now, false);
      this.drainClock(p, now, false);
      p.live = [];
    } else {
      if (p.interrupted) this.resync(p, now);
      const horizon = now + this.lookAheadMs;
      this.drainClock(p, horizon, true);
      this.drainNotes(p, horizon, true);
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
        this.idle = { next: g.at(), msPerTick: 60_000 / tempoAt(p.tl.passBeats, p.seq.tempos) / CLOCK_PPQ };
    }
    if (!p.notesDone || (g && !g.done) || now < end) return;
    this.halt(p);
    this.onEvent({ type: 'ended' });
  }

  /** After the port came back: silence stale notes, restore programs, and tell a clock follower where we are. */
  private resync(p: Playback, now: number): void {
    p.interrupted = false;
    this.drainNotes(p, now, false);
    this.drainClock(p, now, false);
    for (const c of p.tl.channels) this.sink.send(allNotesOff(c));
    for (const program of p.tl.programs) this.sink.send(program);
    const g = p.grid;
    if (g && !g.done && g.j >= 0) {
      // Continue must resume on a sixteenth (6 clocks): skip to the next one, then point the follower there.
      while (g.j % 6 !== 0 && !g.done) g.advance();
      g.restartDue = false;
      this.sink.send(songPosition(g.sixteenths));
      this.sink.send(CLOCK_CONTINUE);
    }
    this.onEvent({ type: 'resumed', positionBeats: this.status().positionBeats });
  }

  /** Hands (or, when `send` is false, skips) the note events due before `until`, within the tick's budget. */
  private drainNotes(p: Playback, until: number, send: boolean): void {
    const events = p.tl.events;
    if (events.length === 0) {
      p.notesDone = !p.loop;
      return;
    }
    while (!p.notesDone && this.budget > 0) {
      if (p.noteIdx >= events.length) {
        if (!p.loop) {
          p.notesDone = true;
          return;
        }
        p.notePass++;
        p.noteIdx = 0;
      }
      const e = events[p.noteIdx];
      const base = p.start + p.notePass * p.tl.passMs;
      const at = base + e.at;
      if (at >= until) return;
      p.noteIdx++;
      this.budget--;
      if (!send) continue;
      this.sink.send(e.data, at);
      if (e.kind === 'on') p.live.push({ channel: e.channel, pitch: e.pitch, on: at, off: base + e.endAt });
    }
  }

  /** Hands (or skips) the MIDI clock due before `until`: count-in, Start at beat 0, ticks, count restarts. */
  private drainClock(p: Playback, until: number, send: boolean): void {
    const g = p.grid;
    while (g && !g.done && this.budget > 0) {
      const at = g.at();
      if (at >= until) return;
      if (send) {
        if (g.atTop) this.sink.send(CLOCK_START, at);
        if (g.restartDue) {
          this.sink.send(CLOCK_STOP, at);
          this.sink.send(songPosition(0), at);
          this.sink.send(CLOCK_CONTINUE, at);
        }
        this.sink.send(CLOCK_TICK, at);
      }
      this.budget--;
      g.advance();
    }
  }

  /** The continuous clock between playbacks. */
  private drainIdle(until: number): void {
    const idle = this.idle;
    if (!idle) return;
    if (!this.sink.connected) {
      // Keep the grid; skip the ticks that could not go out.
      const now = until - this.lookAheadMs;
      if (idle.next < now) idle.next += Math.ceil((now - idle.next) / idle.msPerTick) * idle.msPerTick;
      return;
    }
    while (idle.next < until && this.budget-- > 0) {
      this.sink.send(CLOCK_TICK, idle.next);
      idle.next += idle.msPerTick;
    }
  }
}
