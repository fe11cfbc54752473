import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadStreams } from '../../../cli/train/shards';
import { DataError } from '../../../core/errors';
import { PACKED_FIELDS } from '../../../core/model/data';
import { shardBytes, writeScan } from '../../fixtures/scan';

const root = mkdtempSync(join(tmpdir(), 'ag-shards-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function refusal(dir: string): string {
  try {
    loadStreams(dir, true);
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    return (err as Error).message;
  }
  throw new Error(`loaded ${dir}`);
}

describe('loadStreams', () => {
  it('loads a sound scan', () => {
    const dir = join(root, 'ok');
    writeScan(dir);
    const sets = loadStreams(dir, true);
    expect([sets.train.length, sets.valid.length, sets.trainRefs.length]).toEqual([3, 1, 3]);
    expect(sets.train[0].length).toBe(41);
  });

  it('catches a train.bin cut to a third (whole events), naming the index line that needs more', () => {
    const dir = join(root, 'cut');
    writeScan(dir);
    const bin = readFileSync(join(dir, 'train.bin'));
    writeFileSync(join(dir, 'train.bin'), bin.subarray(0, bin.length / 3));
    expect(refusal(dir)).toBe(
      `${join(dir, 'train.bin')} has ${shardBytes(40)} bytes, but index.jsonl line 2 needs ${shardBytes(80)}: the shard is cut short or from another scan; scan again`,
    );
    writeFileSync(join(dir, 'train.bin'), bin.subarray(0, shardBytes(40) + 1));
    expect(refusal(dir)).toMatch(
      new RegExp(
        `has ${shardBytes(40) + 1} bytes, not a whole number of ${PACKED_FIELDS}-byte events: it is cut short`,
      ),
    );
  });

  it('names the line of a bad index row', () => {
    const dir = join(root, 'index');
    writeScan(dir);
    appendFileSync(join(dir, 'index.jsonl'), '{"split": "train", broken\n');
    expect(refusal(dir)).toMatch(/index.jsonl line 5 is not valid JSON \(.+\): scan again$/);
    const rows = writeScan(dir);
    const bad = [
      { ...rows[0], split: 'test' },
      { ...rows[1], offset: -1 },
      { ...rows[2], conditioning: null },
    ];
    const messages = bad.map((row) => {
      writeFileSync(join(dir, 'index.jsonl'), JSON.stringify(row) + '\n');
      return refusal(dir);
    });
    expect(messages[0]).toMatch(/line 1 has split "test", not "train" or "valid"/);
    expect(messages[1]).toMatch(/line 1 needs whole-number offset and length/);
    expect(messages[2]).toMatch(/line 1 has no conditioning with a tempo/);
  });

  it('catches a byte outside its field', () => {
    const dir = join(root, 'byte');
    writeScan(dir);
    const bin = readFileSync(join(dir, 'train.bin'));
    bin[shardBytes(5) + 1] = 200;
    writeFileSync(join(dir, 'train.bin'), bin);
    expect(refusal(dir)).toContain(
      `train.bin byte ${shardBytes(5) + 1} (step 200 of the stream on index.jsonl line 1) is outside 0-48`,
    );
  });
});
