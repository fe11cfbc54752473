/**
 * The look-ahead scheduler: every `intervalMs` it hands the events due in the next `lookAheadMs` to a
 * {@link MidiSink} with absolute timestamps (the "two clocks" design of Web MIDI/Web Audio), so the
 * timer's own jitter never reaches the music. Clock, timer and sink are injected: tests drive it with a
 * manual clock and a recording sink, the bridge with `performance.now` and a WebMIDI output.
 */
import { secondsToBeats, type NoteSequence } from '../core/sequence';
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
  clockPass: number;
  clockK: number;
  clockDone: boolean;
  endHanded: boolean;
  interrupted: boolean;
  live: LiveNote[];
  stopTicker: () => void;
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
  private readonly onEvent: (event: SchedulerEvent) => void;
  private current: Playback | undefined;
  private readonly everUsed = new Set<number>();

  constructor(options: SchedulerOptions) {
    this.sink = options.sink;
    this.clock = options.clock ?? realClock;
    this.ticker = options.ticker ?? realTicker;
    this.lookAheadMs = options.lookAheadMs ?? 100;
    this.intervalMs = options.intervalMs ?? 20;
    this.leadMs = options.leadMs ?? 50;
    this.midiClock = options.midiClock ?? false;
    this.onEvent = options.onEvent ?? (() => undefined);
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
   * each on its role's channel (drums on 10), with MIDI clock when enabled.
   */
  play(seq: NoteSequence, options: PlayOptions = {}): PlaybackInfo {
    this.stop();
    const tl = compileTimeline(seq);
    const now = this.clock.now();
    const start = options.startAt ?? now + this.leadMs;
    const loop = !!options.loop && tl.passMs > 0;
    for (const c of tl.channels) this.everUsed.add(c);
    for (const program of tl.programs) this.sink.send(program);
    if (this.midiClock) this.sink.send(CLOCK_START, start);
    const p: Playback = {
      seq,
      tl,
      start,
      loop,
      notePass: 0,
      noteIdx: 0,
      notesDone: false,
      clockPass: 0,
      clockK: 0,
      clockDone: !this.midiClock,
      endHanded: false,
      interrupted: false,
      live: [],
      stopTicker: () => undefined,
    };
    this.current = p;
    this.onEvent({ type: 'started', startAt: start });
    p.stopTicker = this.ticker.every(this.intervalMs, () => this.tick());
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
    for (const n of p.live) if (n.on <= now && n.off > now) this.sink.send(noteOff(n.channel, n.pitch));
    for (const c of p.tl.channels) this.sink.send(allNotesOff(c));
    if (this.midiClock) this.sink.send(CLOCK_STOP);
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

  /** Where playback is. */
  status(): SchedulerStatus {
    const p = this.current;
    if (!p) return { state: 'idle', loop: false, positionBeats: 0, pass: 0, passBeats: 0 };
    const elapsed = Math.max(0, this.clock.now() - p.start);
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

  private halt(p: Playback): void {
    p.stopTicker();
    if (this.current === p) this.current = undefined;
  }

  private tick(): void {
    const p = this.current;
    if (!p) return;
    const now = this.clock.now();
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
      if (p.live.length > 64) p.live = p.live.filter((n) => n.off > now);
    }
    if (p.loop || !p.notesDone || !p.clockDone) return;
    const end = p.start + p.tl.passMs;
    if (!p.endHanded) {
      p.endHanded = true;
      if (this.midiClock && this.sink.connected) this.sink.send(CLOCK_STOP, end);
    }
    if (now >= end) {
      this.halt(p);
      this.onEvent({ type: 'ended' });
    }
  }

  /** After the port came back: silence stale notes, restore programs, and tell a clock follower where we are. */
  private resync(p: Playback, now: number): void {
    p.interrupted = false;
    this.drainNotes(p, now, false);
    this.drainClock(p, now, false);
    for (const c of p.tl.channels) this.sink.send(allNotesOff(c));
    for (const program of p.tl.programs) this.sink.send(program);
    if (this.midiClock && !p.clockDone && p.tl.clockTicks > 0) {
      // Continue must resume on a sixteenth (6 clocks): skip to the next one, then point the follower there.
      while ((p.clockPass * p.tl.clockTicks + p.clockK) % 6 !== 0 && !p.clockDone) this.advanceClock(p);
      this.sink.send(songPosition((p.clockPass * p.tl.clockTicks + p.clockK) / 6));
      this.sink.send(CLOCK_CONTINUE);
    }
    this.onEvent({ type: 'resumed', positionBeats: this.status().positionBeats });
  }

  /** Hands (or, when `send` is false, skips) the note events due before `until`. */
  private drainNotes(p: Playback, until: number, send: boolean): void {
    const events = p.tl.events;
    if (events.length === 0) {
      p.notesDone = !p.loop;
      return;
    }
    while (!p.notesDone) {
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
      if (!send) continue;
      this.sink.send(e.data, at);
      if (e.kind === 'on') p.live.push({ channel: e.channel, pitch: e.pitch, on: at, off: base + e.endAt });
    }
  }

  /** Hands (or skips) the MIDI clock ticks due before `until`. */
  private drainClock(p: Playback, until: number, send: boolean): void {
    if (p.tl.clockTicks === 0) p.clockDone = true;
    while (!p.clockDone) {
      const at = p.start + p.clockPass * p.tl.passMs + p.tl.tempo.toMs(p.clockK / CLOCK_PPQ);
      if (at >= until) return;
      if (send) this.sink.send(CLOCK_TICK, at);
      this.advanceClock(p);
    }
  }

  private advanceClock(p: Playback): void {
    p.clockK++;
    if (p.clockK < p.tl.clockTicks) return;
    if (p.loop) {
      p.clockPass++;
      p.clockK = 0;
    } else p.clockDone = true;
  }
}
