/**
 * Processes one scan task: reads the MIDI file and its side files, runs the pure corpus pipeline and packs
 * the role streams into bytes for the shard writer. Runs inside the scan workers (and in-process for tests).
 */
import { readFileSync } from 'node:fs';
import { parseBeats, parseTimedLabels } from '../../core/features/annotations';
import type { CorpusRow } from '../../core/features/corpus';
import { prepareCorpusFile } from '../../core/features/corpus';
import { AudiogenesisError } from '../../core/errors';
import type { Conditioning } from '../../core/conditioning';
import type { Role } from '../../core/sequence';
import type { ScanTask } from './layout';

/** Bytes per packed event: pitch, step, duration, velocity, role, chord. */
export const PACKED_FIELDS = 6;

/** A role stream packed for transfer and storage. */
export interface PackedStream {
  role: Role;
  data: Uint8Array;
  conditioning: Conditioning;
}

/** The outcome of one task: a row and streams, or the reason it was skipped. */
export type ScanResult =
  { ok: true; row: CorpusRow; streams: PackedStream[] } | { ok: false; id: string; reason: string };

const readText = (p?: string): string | undefined => (p ? readFileSync(p, 'utf8') : undefined);

/** Runs one task; never throws (a failure becomes a skipped result with its reason). */
export function processTask(task: ScanTask): ScanResult {
  try {
    const beatText = readText(task.beatFile);
    const keyText = readText(task.keyFile);
    const chordText = readText(task.chordFile);
    const { row, streams } = prepareCorpusFile({
      id: task.id,
      song: task.song,
      bytes: new Uint8Array(readFileSync(task.path)),
      beats: beatText ? parseBeats(beatText) : undefined,
      beatsPerBar: task.beatsPerBar,
      keyLabels: keyText ? parseTimedLabels(keyText) : undefined,
      chordLabels: chordText ? parseTimedLabels(chordText) : undefined,
      labels: task.labels,
      drumKit: task.drumKit,
      performance: 'auto',
    });
    if (row.notes === 0) return { ok: false, id: task.id, reason: 'no notes left after mapping' };
    const packed = streams.map((s) => {
      const data = new Uint8Array(s.events.length * PACKED_FIELDS);
      s.events.forEach((e, i) => {
        data.set([e.pitch, e.step, e.duration, e.velocity, e.role, s.chords[i]], i * PACKED_FIELDS);
      });
      return { role: s.role, data, conditioning: s.conditioning };
    });
    return { ok: true, row, streams: packed };
  } catch (err) {
    const reason =
      err instanceof AudiogenesisError
        ? `${err.name}: ${err.message}`
        : `error: ${err instanceof Error ? err.message : String(err)}`;
    return { ok: false, id: task.id, reason };
  }
}
