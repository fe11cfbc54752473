/**
 * Reads the scanner's shards (index.jsonl, train.bin, valid.bin) into model streams, checking them first:
 * every index row well formed, every stream inside its shard (a shard cut short is caught), every byte
 * inside its field's vocabulary.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../../core/errors';
import { INSTRUMENT_FAMILIES } from '../../core/features/family';
import { EVENT_VOCAB } from '../../core/model/config';
import type { Stream, StreamRef } from '../../core/model/data';
import { makeStream, PACKED_FIELDS } from '../../core/model/data';
import { asFileError } from '../input';

/** Train and validation streams of a scan folder. */
export interface StreamSets {
  train: Stream[];
  valid: Stream[];
  /** Index rows of the training streams (for priors). */
  trainRefs: StreamRef[];
  /** Index rows left out: empty streams, or those `filter` refused. */
  skipped: number;
}

/** The packed fields in shard order, with their vocabulary sizes (as many as a packed event has). */
const FIELDS: (readonly [string, number])[] = [
  ...(['pitch', 'step', 'duration', 'velocity', 'role', 'chord'] as const).map(
    (name) => [name, EVENT_VOCAB[name]] as const,
  ),
  ['family', INSTRUMENT_FAMILIES.length] as const,
].slice(0, PACKED_FIELDS);

const count = (x: unknown): boolean => Number.isInteger(x) && (x as number) >= 0;

/** Why an index row is malformed, or undefined when it is well formed. */
function rowProblem(r: Partial<StreamRef> | null): string | undefined {
  if (r === null || typeof r !== 'object' || Array.isArray(r)) return 'is not an object';
  if (r.split !== 'train' && r.split !== 'valid')
    return `has split ${JSON.stringify(r.split)}, not "train" or "valid"`;
  if (!count(r.offset) || !count(r.length)) return 'needs whole-number offset and length';
  if (typeof r.role !== 'string' || typeof r.id !== 'string') return 'needs text id and role';
  const c = r.conditioning;
  if (!c || typeof c !== 'object' || !(typeof c.tempo === 'number' && c.tempo > 0))
    return 'has no conditioning with a tempo';
  if (!c.key || !count(c.key.tonic) || c.key.tonic > 11) return 'has no key tonic 0-11';
  if (!c.meter || !(c.meter.numerator > 0) || !(c.meter.denominator > 0)) return 'has no meter';
  return undefined;
}

/**
 * Reads and checks `index.jsonl`.
 * @throws {DataError} naming the line of a row that is not JSON or is malformed.
 */
export function readIndex(path: string): { ref: StreamRef; line: number }[] {
  const refs: { ref: StreamRef; line: number }[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let row: Partial<StreamRef> | null;
      try {
        row = JSON.parse(line) as Partial<StreamRef> | null;
      } catch (err) {
        throw new DataError(
          `${path} line ${i + 1} is not valid JSON (${(err as Error).message}): scan again`,
        );
      }
      const problem = rowProblem(row);
      if (problem) throw new DataError(`${path} line ${i + 1} ${problem}: scan again`);
      refs.push({ ref: row as StreamRef, line: i + 1 });
    });
  return refs;
}

/**
 * Checks that a row's stream lies inside its shard and that its bytes fit the vocabularies.
 * @throws {DataError} when the shard is too short for the row (cut short, or from another scan) or a
 * byte is out of its field's range (damaged).
 */
export function checkStream(bytes: Uint8Array, ref: StreamRef, shard: string, line: number): void {
  const end = (ref.offset + ref.length) * PACKED_FIELDS;
  if (end > bytes.length)
    throw new DataError(
      `${shard} has ${bytes.length} bytes, but index.jsonl line ${line} needs ${end}: the shard is cut short or from another scan; scan again`,
    );
  for (let i = ref.offset * PACKED_FIELDS; i < end; i += PACKED_FIELDS)
    for (let f = 0; f < FIELDS.length; f++)
      if (bytes[i + f] >= FIELDS[f][1])
        throw new DataError(
          `${shard} byte ${i + f} (${FIELDS[f][0]} ${bytes[i + f]} of the stream on index.jsonl line ${line}) is outside 0-${FIELDS[f][1] - 1}: the shard is damaged; scan again`,
        );
}

function readShard(path: string): Uint8Array {
  try {
    const bytes = new Uint8Array(readFileSync(path));
    if (bytes.length % PACKED_FIELDS !== 0)
      throw new DataError(
        `${path} has ${bytes.length} bytes, not a whole number of ${PACKED_FIELDS}-byte events: it is cut short; scan again`,
      );
    return bytes;
  } catch (err) {
    throw asFileError(err, 'read the shard', path);
  }
}

/**
 * Loads a scan folder. `filter` picks index rows (e.g. leave out files without a beat grid).
 * @throws {DataError} when the folder is not a scan output, or its index or shards are damaged.
 */
export function loadStreams(
  dir: string,
  keyRelative: boolean,
  filter: (r: StreamRef) => boolean = () => true,
): StreamSets {
  for (const f of ['index.jsonl', 'train.bin', 'valid.bin'])
    if (!existsSync(join(dir, f)))
      throw new DataError(`${dir} is not a scan output (no ${f}); run \`audiogenesis data scan\` first`);
  const bins = { train: readShard(join(dir, 'train.bin')), valid: readShard(join(dir, 'valid.bin')) };
  const refs = readIndex(join(dir, 'index.jsonl'));
  const out: StreamSets = { train: [], valid: [], trainRefs: [], skipped: 0 };
  for (const { ref, line } of refs) {
    checkStream(bins[ref.split], ref, join(dir, `${ref.split}.bin`), line);
    if (ref.length === 0 || !filter(ref)) {
      out.skipped++;
      continue;
    }
    out[ref.split].push(makeStream(bins[ref.split], ref, keyRelative));
    if (ref.split === 'train') out.trainRefs.push(ref);
  }
  return out;
}
