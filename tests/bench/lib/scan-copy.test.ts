import { mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readScanRows, readTrainShard, streamEvents, writeScanCopy } from '../../../bench/lib/scan-copy';
import { PACKED_FIELDS } from '../../../core/model/data';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A scan of two training rows (3 and 2 events) and a validation row, its shards and summary. */
function fixtureScan(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scan-copy-'));
  dirs.push(dir);
  const row = (split: string, role: string, offset: number, length: number) =>
    JSON.stringify({ split, id: `f${offset}.mid`, role, offset, length, conditioning: { tempo: 120 } });
  writeFileSync(
    join(dir, 'index.jsonl'),
    [row('train', 'melody', 0, 3), row('train', 'bass', 3, 2), row('valid', 'melody', 0, 1)].join('\n') +
      '\n',
  );
  writeFileSync(
    join(dir, 'train.bin'),
    Uint8Array.from({ length: 5 * PACKED_FIELDS }, (_, i) => i),
  );
  writeFileSync(join(dir, 'valid.bin'), new Uint8Array(PACKED_FIELDS));
  writeFileSync(join(dir, 'summary.json'), '{}');
  return dir;
}

describe('scan rows', () => {
  it("reads each row with its text and reads a training row's events from its offset", () => {
    const scan = fixtureScan();
    const rows = readScanRows(scan);
    expect(rows.map((r) => [r.ref.split, r.ref.role, r.ref.offset, r.ref.length])).toEqual([
      ['train', 'melody', 0, 3],
      ['train', 'bass', 3, 2],
      ['valid', 'melody', 0, 1],
    ]);
    const bass = streamEvents(readTrainShard(scan), rows[1].ref);
    expect(bass).toHaveLength(2);
    expect(bass[0].pitch).toBe(3 * PACKED_FIELDS);
    expect(bass[1].step).toBe(4 * PACKED_FIELDS + 1);
  });

  it('writes a copy with the kept rows byte for byte and the shards linked, not copied', () => {
    const scan = fixtureScan();
    const out = join(mkdtempSync(join(tmpdir(), 'scan-out-')), 'copy');
    dirs.push(resolve(out, '..'));
    const rows = readScanRows(scan);
    writeScanCopy(scan, out, [rows[0], rows[2]]);
    const lines = readFileSync(join(scan, 'index.jsonl'), 'utf8').split('\n');
    expect(readFileSync(join(out, 'index.jsonl'), 'utf8')).toBe(`${lines[0]}\n${lines[2]}\n`);
    expect(readlinkSync(join(out, 'train.bin'))).toBe(resolve(scan, 'train.bin'));
    expect(readlinkSync(join(out, 'summary.json'))).toBe(resolve(scan, 'summary.json'));
    expect(readScanRows(out).map((r) => `${r.ref.split} ${r.ref.role}`)).toEqual([
      'train melody',
      'valid melody',
    ]);
  });
});
