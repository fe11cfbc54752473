/**
 * The corpus pipeline's data: one corpus file with its side information in (`CorpusInput`), a manifest row
 * (`CorpusRow`) and one encoded stream per role (`RoleStream`) out. The pipeline is `corpus.ts`.
 */
import type { NoteEvent } from '../codec/events';
import type { MidiReadReport } from '../codec/midi';
import type { Conditioning } from '../conditioning';
import type { Role } from '../sequence';
import type { BeatMark, StyleEvidence, StyleLabel, TimedLabel } from './annotations';
import type { PieceFeatures } from './extract';

/** Where a melody's notes under its one line may go (`CorpusInput.melodyRest`). */
export const MELODY_RESTS = ['drop', 'harmony'] as const;

/** Where a melody's notes under its one line go: one of {@link MELODY_RESTS}. */
export type MelodyRest = (typeof MELODY_RESTS)[number];

/** One corpus file and its side information. */
export interface CorpusInput {
  /** Path relative to the scanned root (unique). */
  id: string;
  /** Song identity: every file of one song lands in the same split. */
  song: string;
  /** The corpus the file belongs to (for balance and the summary). Default: the first part of `id`. */
  corpus?: string;
  bytes: Uint8Array;
  /** Annotated beats (seconds of the MIDI file), when the corpus has them. */
  beats?: BeatMark[];
  beatsPerBar?: number;
  /** Timed key labels in seconds (POP909's `key_audio.txt`); the one covering the most time is the key. */
  keyLabels?: TimedLabel[];
  /**
   * The whole file's labelled key (such as `Bb:min`, MMA's `key` and `mode` in `labels.csv`), for a corpus
   * that names one key without times. {@link keyLabels} win when both are given.
   */
  keyLabel?: string;
  /** Chord labels in seconds. */
  chordLabels?: TimedLabel[];
  /**
   * Chords by bar, in the file's own beats (the MMA corpus' `chords` label: one entry per bar or group of
   * bars, see `barChords` in `chords.ts`), for a file without timed chord labels.
   */
  barChords?: { entries: string[]; bars: number };
  /** Corpus labels: EMOPIA quadrant (`Q1`..`Q4`), style with its confidence and basis, stated bpm. */
  labels?: { quadrant?: string; bpm?: number } & StyleEvidence;
  /** The drum kit's note map. */
  drumKit?: 'gm' | 'td11';
  /**
   * The notes follow no grid (a transcribed performance): track beats before quantizing. `'auto'` decides
   * by `looksLikePerformance` (`corpus-grid.ts`). Ignored when `beats` are given.
   */
  performance?: boolean | 'auto';
  /**
   * Why the file has no trustworthy beat grid or tempo (e.g. its labels give none: Doom MUS conversions).
   * Such a file gets a manifest row (features, labels, hours) but no event streams: every stream is
   * quantized to the beat grid.
   */
  noGrid?: string;
  /**
   * Learn the melody as one line, the highest note of each onset (`line`, `core/sequence.ts`). A file's
   * melody may be several tracks (a lead and a counter-line, a riff and its harmony) or a voice that plays
   * chords; learned as written, the model struck a fifth of its tunes' notes as chords (docs/model.md, "A tune
   * played as chords"). Default false (as written).
   */
  melodyLine?: boolean;
  /**
   * With `melodyLine`, where the melody's notes under its line go: `drop` (default) or `harmony` (learned
   * as the harmony's: a riff's thirds and a counter-line become accompaniment).
   */
  melodyRest?: MelodyRest;
}

/** The train/validation split of a song. */
export type Split = 'train' | 'valid';

/** How one track of the file was used. */
export interface TrackRow {
  name: string;
  program: number;
  family: string;
  notes: number;
  /** Its role (null: left out) and the rule that placed it, or why it was left out. */
  role: Role | null;
  by: string;
}

/** A manifest row: one per file read. */
export interface CorpusRow extends PieceFeatures {
  id: string;
  song: string;
  corpus: string;
  split: Split;
  /** Where the beat grid came from; `none`: no trustworthy grid, no streams (see `noStreams`). */
  grid: 'annotated' | 'tracked' | 'file' | 'none';
  chords: 'annotated' | 'estimated' | 'none';
  quadrant: string | null;
  valence: number;
  arousal: number;
  /** The style the file trains with (`unknown`: no trustworthy label). */
  style: StyleLabel;
  /** The corpus's own label, and why it was not trusted (when it was not). */
  styleLabel: string | null;
  styleDistrust?: string;
  /** Events per role stream. */
  events: Partial<Record<Role, number>>;
  /** Notes and seconds per role. */
  roleNotes: Partial<Record<Role, number>>;
  /** Every track, with its role or the reason it was left out. */
  tracks: TrackRow[];
  /** What reading the MIDI file repaired, dropped or skipped. */
  read: Omit<MidiReadReport, 'notes'>;
  /** Why the file has no event streams, when it has none. */
  noStreams?: string;
  /** Sampling weight per event for training (set by the scanner from all rows; 1 until then). */
  weight: number;
}

/** The conditioning a corpus stream was played under; its style may be `unknown` (no one-hot set). */
export type CorpusConditioning = Omit<Conditioning, 'style'> & { style: StyleLabel };

/** One role's encoded events, the chord id and instrument family id at each event, and its conditioning. */
export interface RoleStream {
  role: Role;
  events: NoteEvent[];
  chords: number[];
  families: number[];
  conditioning: CorpusConditioning;
}
