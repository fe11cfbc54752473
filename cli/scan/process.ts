/**
 * Processes one scan task: checks the file's size, reads the MIDI file and its side files, runs the pure
 * corpus pipeline and packs the role streams into bytes for the shard writer. Runs inside the scan workers
 * (and in-process for tests).
 */
import { readFileSync, statSync } from 'node:fs';
import { parseBeats, parseTimedLabels } from '../../core/features/annotations';
import type { CorpusConditioning, CorpusRow } from '../../core/features/corpus';
import { prepareCorpusFile } from '../../core/features/corpus';
import { AudiogenesisError } from '../../core/errors';
import type { Role } from '../../core/sequence';
import { packEvents } from '../../core/model/data';
import type { ScanTask } from './layout';

/** A role stream packed for transfer and storage (7 bytes an event, see `core/model/data.ts`). */
export interface PackedStream {
  role: Role;
  data: Uint8Array;
  conditioning: CorpusConditioning;
}

/** The outcome of one task: a row and streams, or the reason it was skipped. */
export type ScanResult =
  { ok: true; row: CorpusRow; streams: PackedStream[] } | { ok: false; id: string; reason: string };

/** Largest MIDI file read, in bytes (the reader's own limit; checked before the file is opened). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

const readText = (p?: string): string | undefined => (p ? readFileSync(p, 'utf8') : undefined);

/** Runs one task; never throws (a failure becomes a skipped result with its reason). */
export function processTask(task: ScanTask): ScanResult {
  try {
    const st = statSync(task.path);
    if (!st.isFile()) return { ok: false, id: task.id, reason: 'not a regular file' };
    if (st.size > MAX_FILE_BYTES)
      return {
        ok: false,
        id: task.id,
        reason: `MidiParseError: file too large (${st.size} bytes > ${MAX_FILE_BYTES})`,
      };
    const beatText = readText(task.beatFile);
    const keyText = readText(task.keyFile);
    const chordText = readText(task.chordFile);
    const { row, streams } = prepareCorpusFile({
      id: task.id,
      song: task.song,
      corpus: task.corpus,
      bytes: new Uint8Array(readFileSync(task.path)),
      beats: beatText ? parseBeats(beatText) : undefined,
      beatsPerBar: task.beatsPerBar,
      keyLabels: keyText ? parseTimedLabels(keyText) : undefined,
      keyLabel: task.keyLabel,
      chordLabels: chordText ? parseTimedLabels(chordText) : undefined,
      barChords: task.barChords,
      labels: task.labels,
      drumKit: task.drumKit,
      performance: 'auto',
      noGrid: task.noGrid,
      melodyLine: task.melodyLine,
      melodyRest: task.melodyRest,
    });
    if (row.notes === 0) return { ok: false, id: task.id, reason: 'no notes left after mapping' };
    const packed = streams.map((s) => ({
      role: s.role,
      data: packEvents(s.events, s.chords, s.families),
      conditioning: s.conditioning,
    }));
    return { ok: true, row, streams: packed };
  } catch (err) {
    const reason =
      err instanceof AudiogenesisError
        ? `${err.name}: ${err.message}`
        : `error: ${err instanceof Error ? err.message : String(err)}`;
    return { ok: false, id: task.id, reason };
  }
}
