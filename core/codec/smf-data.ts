/** The shapes of a Standard MIDI File read as raw events (`smf.ts`'s one linear pass). */

/** A note-on paired with its note-off (or left open: `off` is -1 and {@link RawNote.next} says what follows). */
export interface RawNote {
  /** Note-on tick. */
  on: number;
  /** Note-off tick; -1 when the track never released the note (resolved by the reader). */
  off: number;
  pitch: number;
  velocity: number;
  channel: number;
  /** Index of the track chunk. */
  track: number;
  /** A program change of this track on this channel at this very tick before the note-on, or -1. */
  ownProgram: number;
  /** For an unreleased note: the next note-on tick of the same track, channel and pitch (-1 if none). */
  next: number;
}

/** A program change: tick, track chunk and program. */
export interface RawProgram {
  tick: number;
  track: number;
  program: number;
}

/** Counters of what the pass repaired or left out. */
export interface SmfCounts {
  /** Note-ons never released (closed by the reader). */
  unreleased: number;
  /** Note-offs with no sounding note to end. */
  orphanOffs: number;
  /** Malformed or unknown events skipped (a meta event of the wrong length, a stray data byte...). */
  skippedEvents: number;
}

/** The whole file as raw events. */
export interface SmfData {
  format: number;
  /** Ticks per quarter note, or null for SMPTE time. */
  ppq: number | null;
  /** SMPTE frames per second (29.97 for drop-frame) and ticks per frame, when the file counts time in frames. */
  smpte: { fps: number; ticksPerFrame: number } | null;
  /** Track chunks read (format 2: the first only). */
  tracks: number;
  /** Track chunks the header announces and the file holds. */
  chunks: number;
  notes: RawNote[];
  /** Program changes per channel (16 lists), in the order they were read. */
  programs: RawProgram[][];
  tempos: { tick: number; mpq: number }[];
  timeSignatures: { tick: number; numerator: number; denominator: number }[];
  keySignatures: { tick: number; sharps: number; minor: boolean }[];
  /** Marker meta events (FF 06) of every track, in the order they were read. */
  markers: { tick: number; text: string }[];
  /** First track name (or instrument name) of each track chunk ('' when none). */
  names: string[];
  /** End of each track (its end-of-track event, or its last event), in ticks. */
  ends: number[];
  counts: SmfCounts;
  warnings: string[];
}

/** Limits checked while reading, before any later work. */
export interface SmfLimits {
  maxNotes: number;
}
