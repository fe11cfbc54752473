/**
 * The corpus pipeline for one file, pure: MIDI bytes plus whatever side files a corpus has (beat, key and
 * chord annotations, labels) -> a manifest row of features and labels, and one encoded event stream per
 * role with the chord in force at each event. The CLI's scanner reads the files and writes the shards.
 */
import { retimeToBeats, spanToBeats } from '../codec/beatgrid';
import { encodeNotes, quantizeNotes, GRID } from '../codec/events';
import type { NoteEvent } from '../codec/events';
import { midiToSequence } from '../codec/midi';
import type { Conditioning, Style } from '../conditioning';
import { densityFromNotesPerBeat, registerFromPitch, STYLES } from '../conditioning';
import type { Mode, NoteSequence, Role } from '../sequence';
import { ROLES } from '../sequence';
import type { BeatMark, TimedLabel } from './annotations';
import { dominantKey } from './annotations';
import { trackBeats } from './beats';
import type { ChordSpan } from './chords';
import { chordIdAt, estimateChords, parseChordSymbol } from './chords';
import { td11ToGm } from './drums';
import type { PieceFeatures } from './extract';
import { extractFeatures } from './extract';
import { splitPianoRoles } from './roles';

/** One corpus file and its side information. */
export interface CorpusInput {
  /** Path relative to the corpus root (unique). */
  id: string;
  /** Song identity: every file of one song lands in the same split. */
  song: string;
  bytes: Uint8Array;
  /** Annotated beats (seconds of the MIDI file), when the corpus has them. */
  beats?: BeatMark[];
  beatsPerBar?: number;
  keyLabels?: TimedLabel[];
  /** Chord labels in seconds. */
  chordLabels?: TimedLabel[];
  /** Corpus labels: EMOPIA quadrant (`Q1`..`Q4`), Groove style, stated bpm. */
  labels?: { quadrant?: string; style?: string; bpm?: number };
  /** The drum kit's note map. */
  drumKit?: 'gm' | 'td11';
  /**
   * The notes follow no grid (a transcribed performance): track beats before quantizing. `'auto'` decides
   * by {@link looksLikePerformance}. Ignored when `beats` are given.
   */
  performance?: boolean | 'auto';
  /** Split the piano's top line off as melody. Default: when no track plays the melody and no drums play. */
  skyline?: boolean;
}

/** The train/validation split of a song. */
export type Split = 'train' | 'valid';

/** A manifest row: one per file read. */
export interface CorpusRow extends PieceFeatures {
  id: string;
  song: string;
  split: Split;
  grid: 'annotated' | 'tracked' | 'file';
  chords: 'annotated' | 'estimated' | 'none';
  quadrant: string | null;
  valence: number;
  arousal: number;
  style: Style;
  /** Events per role stream. */
  events: Partial<Record<Role, number>>;
}

/** One role's encoded events, the chord id at each event, and the conditioning it was played under. */
export interface RoleStream {
  role: Role;
  events: NoteEvent[];
  chords: number[];
  conditioning: Conditioning;
}

const QUADRANTS: Record<string, [number, number]> = {
  Q1: [0.6, 0.6],
  Q2: [-0.6, 0.6],
  Q3: [-0.6, -0.6],
  Q4: [0.6, -0.6],
};

const STYLE_ALIASES: Record<string, Style> = {
  'hip-hop': 'hiphop',
  afrobeat: 'latin',
  afrocuban: 'latin',
  neworleans: 'jazz',
  gospel: 'soul',
  punk: 'rock',
  dance: 'electronic',
  highlife: 'latin',
};

/** Maps a corpus style label (Groove's `jazz/funk`, `afrocuban`...) onto {@link STYLES}; `pop` if none fits. */
export function styleOfLabel(label: string | undefined): Style {
  for (const part of (label ?? '').toLowerCase().split(/[/\-_ ]/)) {
    if ((STYLES as readonly string[]).includes(part)) return part as Style;
    if (STYLE_ALIASES[part]) return STYLE_ALIASES[part];
  }
  return 'pop';
}

/** Deterministic split by song: FNV-1a hash, one song in ten to validation. */
export function splitOf(song: string): Split {
  let h = 0x811c9dc5;
  for (let i = 0; i < song.length; i++) h = Math.imul(h ^ song.charCodeAt(i), 0x01000193) >>> 0;
  return h % 10 === 0 ? 'valid' : 'train';
}

function mapDrums(seq: NoteSequence): NoteSequence {
  const notes = seq.notes.flatMap((n) => {
    if (!n.isDrum) return [n];
    const gm = td11ToGm(n.pitch);
    return gm === null ? [] : [{ ...n, pitch: gm }];
  });
  return { ...seq, notes };
}

/**
 * Onsets further than this (mean, in beats) from a sixteenth/triplet grid mark a performance without a grid
 * (measured: EMOPIA's transcriptions 0.042-0.053, random placement about 0.048, Groove's played drums
 * 0.019-0.056 but with a real click tempo).
 */
export const PERFORMANCE_DEVIATION = 0.035;

/** True when a file looks like a transcription: MIDI's default 120 bpm only, no stated bpm, off the grid. */
export function looksLikePerformance(seq: NoteSequence, statedBpm?: number): boolean {
  const defaultTempo = seq.tempos.length === 1 && Math.abs(seq.tempos[0].bpm - 120) < 1e-6;
  return statedBpm === undefined && defaultTempo && gridDeviation(seq) > PERFORMANCE_DEVIATION;
}

const GRID_MARKS = [0, 1 / 4, 1 / 3, 1 / 2, 2 / 3, 3 / 4, 1];

/** Mean distance, in beats, of the onsets from the nearest sixteenth or eighth-triplet position. */
export function gridDeviation(seq: NoteSequence): number {
  if (seq.notes.length === 0) return 0;
  let total = 0;
  for (const n of seq.notes) {
    const f = n.start - Math.floor(n.start);
    total += Math.min(...GRID_MARKS.map((g) => Math.abs(f - g)));
  }
  return total / seq.notes.length;
}

function placeOnGrid(input: CorpusInput, seq: NoteSequence): { seq: NoteSequence; grid: CorpusRow['grid'] } {
  const bpb = input.beatsPerBar ?? 4;
  if (input.beats && input.beats.length >= 2)
    return { seq: retimeToBeats(seq, input.beats, { beatsPerBar: bpb }), grid: 'annotated' };
  const performance =
    input.performance === 'auto' ? looksLikePerformance(seq, input.labels?.bpm) : input.performance;
  if (performance) {
    const onsets = seq.notes.map((n) => ({
      time: n.start * (60 / (seq.tempos[0]?.bpm ?? 120)),
      strength: n.velocity / 127,
    }));
    const beats = trackBeats(onsets, bpb);
    if (beats.length >= 2) return { seq: retimeToBeats(seq, beats, { beatsPerBar: bpb }), grid: 'tracked' };
  }
  return { seq, grid: 'file' };
}

function chordSpans(
  input: CorpusInput,
  seq: NoteSequence,
): { spans: ChordSpan[]; source: CorpusRow['chords'] } {
  if (input.chordLabels?.length && input.beats?.length) {
    const spans: ChordSpan[] = [];
    for (const l of input.chordLabels) {
      const c = parseChordSymbol(l.label);
      if (!c) continue;
      const [start, end] = spanToBeats(input.beats, l.start, l.end, input.beatsPerBar ?? 4);
      if (end > start) spans.push({ ...c, start, end });
    }
    return { spans, source: 'annotated' };
  }
  const pitched = seq.notes.filter((n) => !n.isDrum);
  return pitched.length
    ? { spans: estimateChords(pitched, seq.totalBeats), source: 'estimated' }
    : { spans: [], source: 'none' };
}

/**
 * Runs the corpus pipeline on one file.
 * @throws {MidiParseError} when the bytes are not a usable MIDI file.
 */
export function prepareCorpusFile(input: CorpusInput): { row: CorpusRow; streams: RoleStream[] } {
  let seq = midiToSequence(input.bytes);
  if (input.drumKit === 'td11') seq = mapDrums(seq);
  const placed = placeOnGrid(input, seq);
  seq = placed.seq;
  const skyline = input.skyline ?? !seq.notes.some((n) => n.role === 'melody' || n.isDrum);
  seq = { ...seq, notes: quantizeNotes(splitPianoRoles(seq.notes, { skyline })) };
  const key: { tonic: number; mode: Mode } | undefined =
    (input.keyLabels && dominantKey(input.keyLabels)) ?? undefined;
  const features = extractFeatures(seq, key);
  const { spans, source } = chordSpans(input, seq);
  const [valence, arousal] = QUADRANTS[input.labels?.quadrant ?? ''] ?? [0, 0];
  const style = styleOfLabel(input.labels?.style);
  const streams: RoleStream[] = [];
  const events: Partial<Record<Role, number>> = {};
  for (const role of ROLES) {
    const notes = seq.notes.filter((n) => n.role === role);
    if (notes.length === 0) continue;
    const encoded = encodeNotes(notes);
    let t = 0;
    const chords = encoded.map((e) => ((t += e.step), role === 'drums' ? 0 : chordIdAt(spans, t / GRID)));
    const meanPitch = notes.reduce((s, n) => s + n.pitch, 0) / notes.length;
    streams.push({
      role,
      events: encoded,
      chords,
      conditioning: {
        tempo: features.tempo,
        key: features.key,
        meter: features.meter,
        valence,
        arousal,
        density: densityFromNotesPerBeat(features.density[role] ?? 0),
        dynamics: notes.reduce((s, n) => s + n.velocity, 0) / notes.length / 127,
        register: registerFromPitch(meanPitch),
        style,
        roles: features.roles,
      },
    });
    events[role] = encoded.length;
  }
  const row: CorpusRow = {
    id: input.id,
    song: input.song,
    split: splitOf(input.song),
    grid: placed.grid,
    chords: source,
    quadrant: input.labels?.quadrant ?? null,
    valence,
    arousal,
    style,
    events,
    ...features,
  };
  return { row, streams };
}
