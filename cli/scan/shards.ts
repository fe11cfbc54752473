/**
 * Writes the scanner's output: `manifest.jsonl` (one row a file read), `skipped.jsonl`, the encoded
 * streams as `train.bin` / `valid.bin` (6 bytes an event: pitch, step, duration, velocity, role, chord)
 * with `index.jsonl` (one row a stream: split, file, role, offset and length in events, conditioning),
 * and `summary.json`.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusRow, Split } from '../../core/features/corpus';
import { PACKED_FIELDS } from '../../core/model/data';
import type { PackedStream } from './process';

/** One row of `index.jsonl`. */
export interface StreamIndexRow {
  split: Split;
  id: string;
  role: string;
  /** Offset in events into the split's .bin file. */
  offset: number;
  /** Length in events. */
  length: number;
  conditioning: PackedStream['conditioning'];
}

/** Streams rows and shards to disk as results arrive, in a deterministic order once closed. */
export class ShardWriter {
  private readonly rows: CorpusRow[] = [];
  private readonly streams: { row: CorpusRow; streams: PackedStream[] }[] = [];
  readonly skipped: { id: string; reason: string }[] = [];

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Adds a file's row and streams. */
  add(row: CorpusRow, streams: PackedStream[]): void {
    this.rows.push(row);
    this.streams.push({ row, streams });
  }

  /** Records a skipped file and why. */
  skip(id: string, reason: string): void {
    this.skipped.push({ id, reason });
  }

  /** Writes everything, sorted by file id so that every run gives the same bytes. Returns event counts. */
  close(summary: Record<string, unknown>): Record<Split, number> {
    const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    this.rows.sort(byId);
    this.skipped.sort(byId);
    this.streams.sort((a, b) => byId(a.row, b.row));
    writeFileSync(
      join(this.dir, 'manifest.jsonl'),
      this.rows.map((r) => JSON.stringify(r)).join('\n') + '\n',
    );
    writeFileSync(
      join(this.dir, 'skipped.jsonl'),
      this.skipped.map((r) => JSON.stringify(r)).join('\n') + (this.skipped.length ? '\n' : ''),
    );
    const counts: Record<Split, number> = { train: 0, valid: 0 };
    const fds: Record<Split, number> = {
      train: openSync(join(this.dir, 'train.bin'), 'w'),
      valid: openSync(join(this.dir, 'valid.bin'), 'w'),
    };
    const index: StreamIndexRow[] = [];
    for (const { row, streams } of this.streams)
      for (const s of streams) {
        const length = s.data.length / PACKED_FIELDS;
        index.push({
          split: row.split,
          id: row.id,
          role: s.role,
          offset: counts[row.split],
          length,
          conditioning: s.conditioning,
        });
        writeSync(fds[row.split], s.data);
        counts[row.split] += length;
      }
    closeSync(fds.train);
    closeSync(fds.valid);
    writeFileSync(join(this.dir, 'index.jsonl'), index.map((r) => JSON.stringify(r)).join('\n') + '\n');
    writeFileSync(
      join(this.dir, 'summary.json'),
      JSON.stringify({ ...summary, events: counts }, null, 2) + '\n',
    );
    return counts;
  }
}
