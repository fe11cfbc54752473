/**
 * A scan folder's index rows read for the design scripts, and a copy of the scan that trains on fewer of
 * them: its shards linked, not copied, under a new `index.jsonl` (`audiogenesis train --data` reads it).
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unpackEvents } from '../../cli/eval/corpus';
import type { NoteEvent } from '../../core/codec/events';
import { PACKED_FIELDS } from '../../core/model/data';
import type { StreamRef } from '../../core/model/data';

/** One index row: its text as written, and the stream it points at. */
export interface ScanRow {
  text: string;
  ref: StreamRef;
}

/** The scan's index rows, in order. */
export function readScanRows(scan: string): ScanRow[] {
  return readFileSync(join(scan, 'index.jsonl'), 'utf8')
    .split('\n')
    .filter((text) => text.trim())
    .map((text) => ({ text, ref: JSON.parse(text) as ScanRow['ref'] }));
}

/** The training shard's bytes, for {@link streamEvents}. */
export function readTrainShard(scan: string): Uint8Array {
  return new Uint8Array(readFileSync(join(scan, 'train.bin')));
}

/** A training row's encoded events, from the training shard. */
export function streamEvents(train: Uint8Array, ref: StreamRef): NoteEvent[] {
  return unpackEvents(train.subarray(ref.offset * PACKED_FIELDS, (ref.offset + ref.length) * PACKED_FIELDS));
}

/** Writes `out`: the scan's other files linked, and an index of `rows` (each row's text as read). */
export function writeScanCopy(scan: string, out: string, rows: readonly ScanRow[]): void {
  mkdirSync(out, { recursive: true });
  for (const f of ['train.bin', 'valid.bin', 'manifest.jsonl', 'skipped.jsonl', 'summary.json'])
    if (existsSync(join(scan, f)) && !existsSync(join(out, f))) symlinkSync(resolve(scan, f), join(out, f));
  writeFileSync(join(out, 'index.jsonl'), rows.map((r) => `${r.text}\n`).join(''));
}
