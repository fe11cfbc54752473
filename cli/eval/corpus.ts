/**
 * Reads corpora for evaluation through the scanner's own pipeline (`discover`, `processTask` and its worker
 * threads): POP909 quantised through its annotated beats, EMOPIA beat-tracked, Groove's drums mapped to GM.
 * Each file comes back as its role streams, decoded into a `NoteSequence` on the scanner's grid.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NoteEvent } from '../../core/codec/events';
import { decodeEvents } from '../../core/codec/events';
import { DataError } from '../../core/errors';
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
}

/** Settings of {@link readCorpus}. */
export interface ReadCorpusOptions {
  /** Worker threads (0: in this thread). Workers need the built CLI (dist/cli/workers/scan.js). */
  workers?: number;
  /** Called with each file read, in completion order. */
  onPiece?: (piece: CorpusPiece) => void;
  /** Called after every file, read or skipped. */
  onProgress?: (done: number, total: number) => void;
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
 * Reads every MIDI file under `dirs`; files the scanner skips are counted, not fatal.
 * @throws {DataError} when a folder is missing or holds no MIDI files.
 */
export async function readCorpus(
  dirs: readonly string[],
  options: ReadCorpusOptions = {},
): Promise<{ pieces: number; skipped: number }> {
  const tasks: ScanTask[] = [];
  for (const d of dirs) {
    if (!existsSync(d) || !statSync(d).isDirectory()) throw new DataError(`not a folder: ${d}`);
    tasks.push(...discover(resolve(d)));
  }
  if (tasks.length === 0) throw new DataError(`no .mid files under ${dirs.join(', ')}`);
  let pieces = 0;
  let skipped = 0;
  await runPool<ScanTask, ScanResult>(tasks, {
    script: new URL('./workers/scan.js', import.meta.url),
    workers: options.workers ?? 0,
    inline: processTask,
    onResult: (r) => {
      if (r.ok) {
        pieces++;
        options.onPiece?.({ id: r.row.id, song: r.row.song, row: r.row, streams: r.streams });
      } else skipped++;
      options.onProgress?.(pieces + skipped, tasks.length);
    },
  });
  return { pieces, skipped };
}

/** Reads corpora into sequences sorted by id; at most `limit` of them, evenly spaced over the sorted list. */
export async function readSequences(
  dirs: readonly string[],
  limit: number,
  options: Omit<ReadCorpusOptions, 'onPiece'> = {},
): Promise<{ id: string; sequence: NoteSequence }[]> {
  const all: { id: string; sequence: NoteSequence }[] = [];
  await readCorpus(dirs, { ...options, onPiece: (p) => all.push({ id: p.id, sequence: pieceSequence(p) }) });
  all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (all.length <= limit) return all;
  return Array.from({ length: limit }, (_, i) => all[Math.floor((i * all.length) / limit)]);
}
