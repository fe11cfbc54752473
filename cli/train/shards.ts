/** Reads the scanner's shards (index.jsonl, train.bin, valid.bin) into model streams. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../../core/errors';
import type { Stream, StreamRef } from '../../core/model/data';
import { makeStream } from '../../core/model/data';

/** Train and validation streams of a scan folder. */
export interface StreamSets {
  train: Stream[];
  valid: Stream[];
  /** Index rows of the training streams (for priors). */
  trainRefs: StreamRef[];
}

/**
 * Loads a scan folder. `filter` picks index rows (e.g. leave out files without a beat grid).
 * @throws {DataError} when the folder is not a scan output.
 */
export function loadStreams(
  dir: string,
  keyRelative: boolean,
  filter: (r: StreamRef) => boolean = () => true,
): StreamSets {
  for (const f of ['index.jsonl', 'train.bin', 'valid.bin'])
    if (!existsSync(join(dir, f)))
      throw new DataError(`${dir} is not a scan output (no ${f}); run \`audiogenesis data scan\` first`);
  const bins = {
    train: new Uint8Array(readFileSync(join(dir, 'train.bin'))),
    valid: new Uint8Array(readFileSync(join(dir, 'valid.bin'))),
  };
  const refs = readFileSync(join(dir, 'index.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as StreamRef);
  const out: StreamSets = { train: [], valid: [], trainRefs: [] };
  for (const r of refs) {
    if (r.length === 0 || !filter(r)) continue;
    out[r.split].push(makeStream(bins[r.split], r, keyRelative));
    if (r.split === 'train') out.trainRefs.push(r);
  }
  return out;
}
