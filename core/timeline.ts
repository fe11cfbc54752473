/**
 * Compiles a `NoteSequence` into one pass of timed MIDI events (milliseconds from the pass start), the
 * form the scheduler plays. Times come from the sequence's tempo map through `core/sequence`.
 */
import { beatsToSeconds, tempoAt, type Beats, type NoteSequence, type TempoEvent } from './sequence';
import { channelOf, noteOff, noteOn, programChange, type MidiBytes } from './codec/messages';
import { restrikeNotes } from './restrike';

/**
 * A tempo map with O(log n) beat -> milliseconds lookups. Its anchors (the time of each tempo change)
 * come from {@link beatsToSeconds}, so it agrees with the core helpers everywhere.
 */
export class TempoMap {
  private readonly beats: number[] = [];
  private readonly ms: number[] = [];
  private readonly bpm: number[] = [];

  /** Builds the map from a sequence's tempo events (unsorted, duplicates and none at all are fine). */
  constructor(tempos: readonly TempoEvent[]) {
    const points = [0, ...tempos.filter((t) => t.bpm > 0 && t.beat > 0).map((t) => t.beat)];
    for (const beat of [...new Set(points)].sort((a, b) => a - b)) {
      this.beats.push(beat);
      this.ms.push(beatsToSeconds(beat, tempos) * 1000);
      this.bpm.push(tempoAt(beat, tempos));
    }
  }

  /** Milliseconds from beat 0 to `beat`. */
  toMs(beat: Beats): number {
    let lo = 0;
    let hi = this.beats.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.beats[mid] <= beat) lo = mid;
      else hi = mid - 1;
    }
    return this.ms[lo] + ((beat - this.beats[lo]) * 60_000) / this.bpm[lo];
  }
}

/** What a timed event is; at equal times events play in this order: clock, note-off, note-on. */
export type TimedEventKind = 'off' | 'on';

/** One note event of a pass. */
export interface TimedEvent {
  /** Milliseconds from the start of the pass. */
  at: number;
  kind: TimedEventKind;
  data: MidiBytes;
  /** 0-based channel. */
  channel: number;
  pitch: number;
  /** For a note-on: when its note-off is due (ms from the pass start). */
  endAt: number;
}

/** One pass of a sequence, ready to schedule. */
export interface Timeline {
  /** Note events sorted by time (note-offs before note-ons at the same time). */
  events: TimedEvent[];
  /** Program changes, one per melodic channel used: sent before any note. */
  programs: MidiBytes[];
  /** Every 0-based channel the notes use (ascending). */
  channels: number[];
  /** Length of one pass in beats (the sequence's `totalBeats`, or the last note's end if later). */
  passBeats: Beats;
  /** Length of one pass in milliseconds. */
  passMs: number;
  /** Number of MIDI clock ticks (24 per beat) in one pass. */
  clockTicks: number;
  /** The tempo map, for clock ticks and positions. */
  tempo: TempoMap;
}

/** Ticks of MIDI clock per quarter note. */
export const CLOCK_PPQ = 24;

/** Options of {@link compileTimeline}; every field has a default. */
export interface CompileOptions {
  /**
   * Voice the events for a MIDI output, where a pitch on a channel is one voice: the notes are first held
   * to one voice per channel and pitch by {@link restrikeNotes} (a pitch struck again while it sounds ends
   * there, and the new note lasts until the later end, so an inner note's end does not cut an outer one
   * short). Default false: every note keeps its own note-off (what a renderer of voices wants).
   */
  restrike?: boolean;
}

/**
 * Compiles `seq` into one pass of timed events. The sequence is assumed valid (the bridge validates with
 * `bridge/protocol/schema.ts`; the codec's readers build valid ones).
 */
export function compileTimeline(seq: NoteSequence, options: CompileOptions = {}): Timeline {
  const tempo = new TempoMap(seq.tempos);
  let passBeats = Math.max(0, seq.totalBeats);
  for (const n of seq.notes) passBeats = Math.max(passBeats, n.end);

  const events: TimedEvent[] = [];
  const used = new Set<number>();
  const programOf = new Map<number, { program: number; start: number }>();
  for (const t of seq.tracks) {
    const channel = channelOf(t);
    if (channel !== 9 && !programOf.has(channel)) programOf.set(channel, { program: t.program, start: -1 });
  }
  const notes = options.restrike ? restrikeNotes(seq.notes, channelOf) : seq.notes;
  for (const n of notes) {
    const channel = channelOf(n);
    used.add(channel);
    const at = tempo.toMs(n.start);
    const endAt = tempo.toMs(n.end);
    events.push({
      at,
      kind: 'on',
      data: noteOn(channel, n.pitch, n.velocity),
      channel,
      pitch: n.pitch,
      endAt,
    });
    events.push({ at: endAt, kind: 'off', data: noteOff(channel, n.pitch), channel, pitch: n.pitch, endAt });
    const known = programOf.get(channel);
    if (channel !== 9 && (!known || (known.start >= 0 && n.start < known.start))) {
      programOf.set(channel, { program: n.program, start: n.start });
    }
  }
  events.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'off' ? -1 : 1));
  const channels = [...used].sort((a, b) => a - b);
  const programs = channels
    .filter((c) => c !== 9 && programOf.has(c))
    .map((c) => programChange(c, programOf.get(c)!.program));
  return {
    events,
    programs,
    channels,
    passBeats,
    passMs: tempo.toMs(passBeats),
    clockTicks: Math.ceil(passBeats * CLOCK_PPQ - 1e-9),
    tempo,
  };
}
