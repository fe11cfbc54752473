/**
 * Writes the scanner's output: `manifest.jsonl` (one row a file read), `skipped.jsonl`, the encoded
 * streams as `train.bin` / `valid.bin` (7 bytes an event: pitch, step, duration, velocity, role, chord,
 * instrument family) with `index.jsonl` (one row a stream: split, file, role, offset and length in events,
 * conditioning, corpus, style, sampling weight), and `summary.json`.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { BalanceCell } from '../../core/features/balance';
import { balanceCells, weightOf } from '../../core/features/balance';
import type { CorpusRow, Split } from '../../core/features/corpus';
import { songHash } from '../../core/features/corpus';
import type { StreamRef } from '../../core/model/data';
import { PACKED_FIELDS } from '../../core/model/data';
import type { PackedStream } from './process';

/** One row of `index.jsonl` (the model's {@link StreamRef}, with the corpus fields always set). */
export type StreamIndexRow = StreamRef & { corpus: string; style: string; weight: number };

/**
 * Gives both splits a song when there are two songs or more: if the hash left the validation split empty,
 * the song with the smallest hash moves there (and the other way round). Returns what moved, or null.
 */
export function ensureBothSplits(rows: CorpusRow[]): string | null {
  const songs = [...new Set(rows.map((r) => r.song))].sort(
    (a, b) => songHash(a) - songHash(b) || (a < b ? -1 : 1),
  );
  if (songs.length < 2) return null;
  for (const split of ['valid', 'train'] as const) {
    if (rows.some((r) => r.split === split)) continue;
    const song = songs[0];
    for (const r of rows) if (r.song === song) r.split = split;
    return `the ${split} split was empty: song ${song} moved there`;
  }
  return null;
}

/** Streams rows and shards to disk as results arrive, in a deterministic order once closed. */
export class ShardWriter {
  private readonly results: { row: CorpusRow; streams: PackedStream[] }[] = [];
  readonly skipped: { id: string; reason: string }[] = [];

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Adds a file's row and streams. */
  add(row: CorpusRow, streams: PackedStream[]): void {
    this.results.push({ row, streams });
  }

  /** Records a skipped file and why. */
  skip(id: string, reason: string): void {
    this.skipped.push({ id, reason });
  }

  /** The rows added so far. */
  get rows(): CorpusRow[] {
    return this.results.map((r) => r.row);
  }

  /**
   * Balances, sorts by file id (every run gives the same bytes) and writes everything. `summary` is
   * called with the final rows and the balance cells; its result goes to summary.json.
   */
  close(
    summary: (rows: CorpusRow[], cells: BalanceCell[], note: string | null) => object,
  ): Record<Split, number> {
    const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    this.results.sort((a, b) => byId(a.row, b.row));
    this.skipped.sort(byId);
    const rows = this.rows;
    const note = ensureBothSplits(rows);
    const cells = balanceCells(
      rows.map((r) => ({
        corpus: r.corpus,
        style: r.style,
        split: r.split,
        events: Object.values(r.events).reduce((s, x) => s + (x ?? 0), 0),
        seconds: r.seconds,
      })),
    );
    for (const r of rows) r.weight = +weightOf(cells, r.corpus, r.style).toFixed(6);
    const lines = (xs: readonly object[]): string =>
      xs.map((x) => JSON.stringify(x)).join('\n') + (xs.length ? '\n' : '');
    writeFileSync(join(this.dir, 'manifest.jsonl'), lines(rows));
    writeFileSync(join(this.dir, 'skipped.jsonl'), lines(this.skipped));
    const counts: Record<Split, number> = { train: 0, valid: 0 };
    const fds: Record<Split, number> = {
      train: openSync(join(this.dir, 'train.bin'), 'w'),
      valid: openSync(join(this.dir, 'valid.bin'), 'w'),
    };
    const index: StreamIndexRow[] = [];
    for (const { row, streams } of this.results)
      for (const s of streams) {
        const length = s.data.length / PACKED_FIELDS;
        index.push({
          split: row.split,
          id: row.id,
          role: s.role,
          offset: counts[row.split],
          length,
          // The style may be 'unknown' (outside STYLES): conditioningVector then sets no style one-hot.
          conditioning: s.conditioning as StreamRef['conditioning'],
          corpus: row.corpus,
          style: row.style,
          weight: row.weight,
        });
        writeSync(fds[row.split], s.data);
        counts[row.split] += length;
      }
    closeSync(fds.train);
    closeSync(fds.valid);
    writeFileSync(join(this.dir, 'index.jsonl'), lines(index));
    writeFileSync(
      join(this.dir, 'summary.json'),
      JSON.stringify({ ...summary(rows, cells, note), events: counts }, null, 2) + '\n',
    );
    return counts;
  }
}
