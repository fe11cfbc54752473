/**
 * Reads corpora for evaluation through the scanner's own pipeline (`discover`, `processTask` and its worker
 * threads): POP909 quantised through its annotated beats, EMOPIA beat-tracked, Groove's drums mapped to GM.
 * Each file comes back as its role streams, decoded into a `NoteSequence` on the scanner's grid.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NoteEvent } from '../../core/codec/events';
import { decodeEvents } from '../../core/codec/events';
import { DataError } from '../../core/errors';
import { annotatedChords } from '../../core/features/chords';
import { parseBeats, parseTimedLabels } from '../../core/features/annotations';
import type { ChordSpan } from '../../core/features/chords';
import type { CorpusRow } from '../../core/features/corpus';
import { PACKED_FIELDS } from '../../core/model/data';
import type { NoteSequence, Role, TrackInfo } from '../../core/sequence';
import { sortNotes } from '../../core/sequence';
import type { ScanTask } from '../scan/layout';
import { discover } from '../scan/layout';
import { runPool } from '../scan/pool';
import type { PackedStream, ScanResult } from '../scan/process';
import { processTask } from '../scan/process';

/** One file read for evaluation. */
export interface CorpusPiece {
  id: string;
  song: string;
  row: CorpusRow;
  streams: PackedStream[];
  /** The file and its side files, as the scanner found them. */
  task: ScanTask;
}

/** A file the reader could not use, and why. */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** Settings of {@link readCorpus}. */
export interface ReadCorpusOptions {
  /** Worker threads (0: in this thread). Workers need the built CLI (dist/cli/workers/scan.js). */
  workers?: number;
  /** Called with each file read, in completion order. */
  onPiece?: (piece: CorpusPiece) => void;
  /** Called after every file, read or skipped. */
  onProgress?: (done: number, total: number) => void;
  /** Called with each file skipped. */
  onSkip?: (file: SkippedFile) => void;
}

/** Decodes one packed role stream into its events. */
export function unpackEvents(data: Uint8Array): NoteEvent[] {
  const events: NoteEvent[] = [];
  for (let o = 0; o + PACKED_FIELDS <= data.length; o += PACKED_FIELDS)
    events.push({
      pitch: data[o],
      step: data[o + 1],
      duration: data[o + 2],
      velocity: data[o + 3],
      role: data[o + 4],
    });
  return events;
}

/** The piece as a NoteSequence: one track per role, the row's tempo, meter and key. */
export function pieceSequence(piece: CorpusPiece): NoteSequence {
  const tracks: TrackInfo[] = piece.streams.map((s) => ({
    name: s.role,
    program: s.role === 'bass' ? 33 : 0,
    isDrum: s.role === 'drums',
    role: s.role as Role,
  }));
  const notes = sortNotes(
    piece.streams.flatMap((s, track) => decodeEvents(unpackEvents(s.data)).map((n) => ({ ...n, track }))),
  );
  const { row } = piece;
  return {
    notes,
    tempos: [{ beat: 0, bpm: row.tempo }],
    timeSignatures: [{ beat: 0, numerator: row.meter.numerator, denominator: row.meter.denominator }],
    keySignatures: [{ beat: 0, tonic: row.key.tonic, mode: row.key.mode }],
    tracks,
    totalBeats: notes.reduce((m, n) => Math.max(m, n.end), row.beats),
    meta: { id: piece.id },
  };
}

/**
 * Reads every MIDI file under `dirs`; files the scanner skips are listed with their reason, not fatal.
 * @throws {DataError} when a folder is missing or holds no MIDI files.
 */
export async function readCorpus(
  dirs: readonly string[],
  options: ReadCorpusOptions = {},
): Promise<{ pieces: number; skipped: number; skippedFiles: SkippedFile[] }> {
  const tasks: ScanTask[] = [];
  for (const d of dirs) {
    if (!existsSync(d) || !statSync(d).isDirectory()) throw new DataError(`not a folder: ${d}`);
    tasks.push(...discover(resolve(d)));
  }
  if (tasks.length === 0) throw new DataError(`no .mid files under ${dirs.join(', ')}`);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const skippedFiles: SkippedFile[] = [];
  let pieces = 0;
  await runPool<ScanTask, ScanResult>(tasks, {
    script: new URL('./workers/scan.js', import.meta.url),
    workers: options.workers ?? 0,
    inline: processTask,
    onResult: (r) => {
      if (r.ok) {
        pieces++;
        const task = byId.get(r.row.id)!;
        options.onPiece?.({ id: r.row.id, song: r.row.song, row: r.row, streams: r.streams, task });
      } else {
        const file = { path: byId.get(r.id)?.path ?? r.id, reason: r.reason };
        skippedFiles.push(file);
        options.onSkip?.(file);
      }
      options.onProgress?.(pieces + skippedFiles.length, tasks.length);
    },
  });
  return { pieces, skipped: skippedFiles.length, skippedFiles };
}

/**
 * A piece's annotated chords (a chord file and a beat file beside it, as POP909 has), on the beats its
 * notes were quantized through; null when it has none. Unreadable side files count as none.
 */
export function pieceChords(piece: CorpusPiece): ChordSpan[] | null {
  const { chordFile, beatFile, beatsPerBar } = piece.task;
  if (!chordFile || !beatFile || piece.row.grid !== 'annotated') return null;
  try {
    const labels = parseTimedLabels(readFileSync(chordFile, 'utf8'));
    return annotatedChords(labels, parseBeats(readFileSync(beatFile, 'utf8')), beatsPerBar ?? 4);
  } catch {
    return null;
  }
}

/** A reference piece: its sequence, its annotated chords (or null) and its id. */
export interface ReferencePiece {
  id: string;
  sequence: NoteSequence;
  chords: ChordSpan[] | null;
}

/**
 * Reads corpora into sequences (with their annotated chords) sorted by id; at most `limit` of them, evenly
 * spaced over the sorted list; and the files skipped.
 * @throws {DataError} when a folder is missing or holds no MIDI files.
 */
export async function readSequences(
  dirs: readonly string[],
  limit: number,
  options: Omit<ReadCorpusOptions, 'onPiece'> = {},
): Promise<{ pieces: ReferencePiece[]; skipped: SkippedFile[] }> {
  const all: ReferencePiece[] = [];
  const { skippedFiles } = await readCorpus(dirs, {
    ...options,
    onPiece: (p) => all.push({ id: p.id, sequence: pieceSequence(p), chords: pieceChords(p) }),
  });
  all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const pieces =
    all.length <= limit
      ? all
      : Array.from({ length: limit }, (_, i) => all[Math.floor((i * all.length) / limit)]);
  return { pieces, skipped: skippedFiles };
}
