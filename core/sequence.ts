/**
 * The one plain-data currency of Audiogenesis: a JSON-serialisable `NoteSequence`, and pure helpers that
 * derive seconds and ticks from its tempo map. Every stage (codec, model, arranger, evaluation, renderer,
 * bridge, panel) reads and writes this shape.
 */

/** A time in beats (quarter notes), measured from the start of the sequence. */
export type Beats = number;
/** A time in seconds, measured from the start of the sequence. */
export type Seconds = number;
/** A MIDI note number, 0..127 (60 = middle C). */
export type MidiNote = number;
/** A MIDI velocity, 1..127. */
export type Velocity = number;
/** Tempo in quarter notes per minute. */
export type Bpm = number;
/** A MIDI file's time unit: `ppq` ticks make one beat. */
export type Ticks = number;

/** The part a note plays in the arrangement. */
export type Role = 'melody' | 'harmony' | 'bass' | 'drums';
/** All roles, in the order the model's role index uses. */
export const ROLES: readonly Role[] = ['melody', 'harmony', 'bass', 'drums'];

/** One note. Times are in beats; seconds come from the sequence's tempo map. */
export interface Note {
  pitch: MidiNote;
  /** Onset in beats. */
  start: Beats;
  /** Release in beats (> start). */
  end: Beats;
  velocity: Velocity;
  role: Role;
  /** General MIDI program 0..127 (ignored for drums). */
  program: number;
  /** True for percussion (MIDI channel 10); pitch is then a GM drum note. */
  isDrum: boolean;
  /** Index into `NoteSequence.tracks`, when the note came from (or goes to) a named track. */
  track?: number;
  /** Where the note came from, for notes the arranger wrote (see {@link NoteOrigin}). */
  origin?: NoteOrigin;
  /** The pass that made, copied or moved the note (e.g. `repeat`, `drum-loop`, `ending`, `fill`, `voicing`). */
  by?: string;
}

/**
 * A note's provenance: `model` sampled by the network; `copy` copied by a finishing pass (a repeated
 * section, a drum loop); `rule` made by a rule (an ending, a fill, a sustained voicing, an accent);
 * `mended` a model note that a pass moved or shortened (clash mending). Evaluation reports the shares.
 */
export type NoteOrigin = 'model' | 'copy' | 'rule' | 'mended';

/** A tempo change at a beat. */
export interface TempoEvent {
  beat: Beats;
  bpm: Bpm;
}

/** A time-signature change at a beat. */
export interface TimeSignatureEvent {
  beat: Beats;
  numerator: number;
  denominator: number;
}

/** Key mode. */
export type Mode = 'major' | 'minor';

/** A key change at a beat; `tonic` is a pitch class 0..11 (0 = C). */
export interface KeySignatureEvent {
  beat: Beats;
  tonic: number;
  mode: Mode;
}

/** A named point in the piece (a section, a cut, a script marker): a MIDI marker event, a locator in a DAW. */
export interface SequenceMarker {
  beat: Beats;
  text: string;
}

/** A named track (a MIDI track: its name, program and role). */
export interface TrackInfo {
  name: string;
  program: number;
  isDrum: boolean;
  role: Role;
}

/** A whole piece: notes plus the maps that turn beats into time. JSON-serialisable. */
export interface NoteSequence {
  notes: Note[];
  /** Tempo changes, sorted by beat; the first is at beat 0. */
  tempos: TempoEvent[];
  /** Time-signature changes, sorted by beat; the first is at beat 0. */
  timeSignatures: TimeSignatureEvent[];
  /** Key signatures, sorted by beat (may be empty when unknown). */
  keySignatures: KeySignatureEvent[];
  tracks: TrackInfo[];
  /** Length of the piece in beats (at least the last note's end). */
  totalBeats: Beats;
  /** Free-form provenance (file name, prompt, seed...). */
  meta?: Record<string, string | number | boolean>;
  /** Named points (sections, cuts, script markers), sorted by beat; written as MIDI marker events. */
  markers?: SequenceMarker[];
}

/** The tempo assumed when a sequence has none (MIDI's default). */
export const DEFAULT_BPM: Bpm = 120;

/** Returns an empty sequence at `bpm` in `numerator`/`denominator`. */
export function emptySequence(bpm: Bpm = DEFAULT_BPM, numerator = 4, denominator = 4): NoteSequence {
  return {
    notes: [],
    tempos: [{ beat: 0, bpm }],
    timeSignatures: [{ beat: 0, numerator, denominator }],
    keySignatures: [],
    tracks: [],
    totalBeats: 0,
  };
}

function tempoMap(tempos: readonly TempoEvent[]): TempoEvent[] {
  const sorted = tempos.filter((t) => t.bpm > 0).sort((a, b) => a.beat - b.beat);
  if (sorted.length === 0 || sorted[0].beat > 0)
    sorted.unshift({ beat: 0, bpm: sorted[0]?.bpm ?? DEFAULT_BPM });
  return sorted;
}

/** Converts a beat position to seconds through a tempo map. */
export function beatsToSeconds(beat: Beats, tempos: readonly TempoEvent[]): Seconds {
  const map = tempoMap(tempos);
  let seconds = 0;
  for (let i = 0; i < map.length; i++) {
    const next = i + 1 < map.length ? map[i + 1].beat : Infinity;
    const segEnd = Math.min(beat, next);
    if (segEnd > map[i].beat) seconds += ((segEnd - map[i].beat) * 60) / map[i].bpm;
    if (beat <= next) break;
  }
  return seconds;
}

/** Converts seconds to a beat position through a tempo map (inverse of {@link beatsToSeconds}). */
export function secondsToBeats(seconds: Seconds, tempos: readonly TempoEvent[]): Beats {
  const map = tempoMap(tempos);
  let elapsed = 0;
  for (let i = 0; i < map.length; i++) {
    const next = i + 1 < map.length ? map[i + 1].beat : Infinity;
    const segSeconds = ((next - map[i].beat) * 60) / map[i].bpm;
    if (seconds <= elapsed + segSeconds) return map[i].beat + ((seconds - elapsed) * map[i].bpm) / 60;
    elapsed += segSeconds;
  }
  return map[map.length - 1].beat;
}

/** Converts beats to MIDI ticks at `ppq` ticks per beat (rounded to a whole tick). */
export function beatsToTicks(beat: Beats, ppq: number): Ticks {
  return Math.round(beat * ppq);
}

/** Converts MIDI ticks to beats at `ppq` ticks per beat. */
export function ticksToBeats(ticks: Ticks, ppq: number): Beats {
  return ticks / ppq;
}

/** The tempo in force at `beat`. */
export function tempoAt(beat: Beats, tempos: readonly TempoEvent[]): Bpm {
  const map = tempoMap(tempos);
  let bpm = map[0].bpm;
  for (const t of map) if (t.beat <= beat) bpm = t.bpm;
  return bpm;
}

/** Duration of the whole sequence in seconds. */
export function durationSeconds(seq: NoteSequence): Seconds {
  return beatsToSeconds(seq.totalBeats, seq.tempos);
}

/** Beats per bar of a time signature (a 6/8 bar is 3 beats). */
export function beatsPerBar(ts: Pick<TimeSignatureEvent, 'numerator' | 'denominator'>): Beats {
  return (ts.numerator * 4) / ts.denominator;
}

/** Whether a time signature is compound (6/8, 9/8, 12/8: beats in dotted quarters of three eighths). */
export function isCompound(ts: Pick<TimeSignatureEvent, 'numerator' | 'denominator'>): boolean {
  return ts.denominator === 8 && ts.numerator % 3 === 0;
}

/** Notes of one role. */
export function notesOfRole(seq: NoteSequence, role: Role): Note[] {
  return seq.notes.filter((n) => n.role === role);
}

/** Sorts notes by onset, then role order, then pitch (the canonical order of the codec). */
export function sortNotes(notes: Note[]): Note[] {
  return notes.sort(
    (a, b) =>
      a.start - b.start ||
      ROLES.indexOf(a.role) - ROLES.indexOf(b.role) ||
      a.pitch - b.pitch ||
      a.end - b.end,
  );
}

/** What grouping by onset reads of a note: its onset (beats) and pitch. */
export type Struck = Pick<Note, 'start' | 'pitch'>;

/** Onsets closer than this many beats count as one (notes struck together). */
const SAME_ONSET = 1e-6;

/**
 * `notes` grouped by onset (notes struck together), in order of onset, each group lowest pitch first. A
 * group takes the notes that start less than `within` beats after its first (default: the same onset).
 */
export function stacksByOnset<T extends Struck>(notes: readonly T[], within: Beats = SAME_ONSET): T[][] {
  const sorted = [...notes].sort((a, b) => a.start - b.start || a.pitch - b.pitch);
  const out: T[][] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && n.start - last[0].start < within) last.push(n);
    else out.push([n]);
  }
  return out.map((stack) => stack.sort((a, b) => a.pitch - b.pitch));
}

/**
 * One note per onset ({@link stacksByOnset}), in time order: the highest of each (`top`) or the lowest. Of
 * equal pitches struck together, the top line keeps the last in `notes`' order and the bottom line the first.
 * The evaluation reads a melody and a bass this way; `data scan --melody-line` learns a melody this way.
 */
export function line<T extends Struck>(notes: readonly T[], top: boolean): T[] {
  return stacksByOnset(notes).map((stack) => (top ? stack[stack.length - 1] : stack[0]));
}

/** Pitch-class names with sharps, index = pitch class. */
export const PITCH_CLASS_NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'] as const;
