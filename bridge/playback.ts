/**
 * One playback of the look-ahead scheduler (`scheduler.ts`): the compiled timeline, how far its notes have
 * been handed (pass and index, across loop passes), its MIDI clock grid, and the notes handed that may still
 * sound. The notes are handed here, within the scheduler's per-wake-up {@link Budget}; the clock is handed
 * in `midi-clock.ts`.
 */
import { secondsToBeats, type NoteSequence } from '../core/sequence';
import type { Timeline } from '../core/timeline';
import type { ClockGrid } from './clock';
import type { MidiSink, SchedulerStatus } from './scheduler-types';

/** A note handed to the sink: on and off times on the scheduler's clock. */
export interface LiveNote {
  channel: number;
  pitch: number;
  on: number;
  off: number;
}

/** What one wake-up may still hand: every message handed or skipped takes one. */
export interface Budget {
  left: number;
}

/** The state of one playback. */
export interface Playback {
  seq: NoteSequence;
  tl: Timeline;
  /** When beat 0 sounds (scheduler clock, ms). */
  start: number;
  loop: boolean;
  /** The pass and the index in `tl.events` of the next note event. */
  notePass: number;
  noteIdx: number;
  notesDone: boolean;
  grid: ClockGrid | undefined;
  /** True once the clock Stop at the piece's end is handed. */
  endHanded: boolean;
  interrupted: boolean;
  live: LiveNote[];
}

/** A playback of `tl` (compiled from `seq`) from `start`, nothing handed yet. */
export function newPlayback(
  seq: NoteSequence,
  tl: Timeline,
  start: number,
  loop: boolean,
  grid: ClockGrid | undefined,
): Playback {
  return {
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
}

/** Where `p` is at `now` (idle when there is no playback). */
export function playbackStatus(p: Playback | undefined, now: number): SchedulerStatus {
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

/** The notes of `p` sounding at `now`, one per channel and pitch, in the order they were handed. */
export function soundingNotes(p: Playback, now: number): { channel: number; pitch: number }[] {
  const keys = new Set<number>();
  for (const n of p.live) if (n.on <= now && n.off > now) keys.add(n.channel * 128 + n.pitch);
  return [...keys].map((key) => ({ channel: key >> 7, pitch: key & 0x7f }));
}

/**
 * Hands the note events of `p` due before `until` to `sink` (or skips them when `sink` is undefined), within
 * `budget`; note-ons handed are remembered in `p.live`.
 */
export function drainNotes(p: Playback, until: number, sink: MidiSink | undefined, budget: Budget): void {
  const events = p.tl.events;
  if (events.length === 0) {
    p.notesDone = !p.loop;
    return;
  }
  while (!p.notesDone && budget.left > 0) {
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
    budget.left--;
    if (!sink) continue;
    sink.send(e.data, at);
    if (e.kind === 'on') p.live.push({ channel: e.channel, pitch: e.pitch, on: at, off: base + e.endAt });
  }
}
