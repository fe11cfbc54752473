/**
 * Bad input never costs an editor their work, part two: malformed scripts, damaged models and shards, and
 * asked-for values out of range (part one, safety.test.ts, walks the file-system failures). Each gives its
 * typed message and exit code, never a stack trace, and writes nothing.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_MODEL } from '../../cli/model-files';
import { shardBytes, writeScan } from '../fixtures/scan';
import { expectPlain, generate, summary } from '../helpers/cli-expect';
import { cli, ensureBuilt, runMain, snapshot } from '../helpers/cli';

let root: string;
let scanDir: string;
beforeAll(() => {
  ensureBuilt();
  root = mkdtempSync(join(tmpdir(), 'ag-safety-input-'));
  scanDir = join(root, 'scan');
  writeScan(scanDir);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('malformed scripts', () => {
  const cases: [string, string | Uint8Array, RegExp][] = [
    [
      'truncated.json',
      '[{"name": "Open", "start": 0, "duration": 5},\n {"name": "Logo", "start": ',
      /ScriptError: .*truncated\.json: not valid JSON at line 2, column 28: the JSON ends too soon/,
    ],
    [
      'wrong-types.json',
      '[{"name": 5, "start": "soon"}, {"name": "Logo", "start": {"t": 1}}]',
      /ScriptError: .*: no part of this markers input could be read: 2 markers left out: marker 1: start "soon" is not a time/,
    ],
    [
      'single.json',
      '{"name": "Open", "comments": "calm", "start": 0, "duration": 5}',
      /ScriptError: .*: this is a single marker object: a marker list is a JSON list/,
    ],
    [
      'no-header.vtt',
      '00:00.000 --> 00:04.000\nA quiet morning.\n',
      /ScriptError: .*: a WebVTT file starts with the line "WEBVTT"/,
    ],
    [
      'order.txt',
      '0:05 hero arrives\n0:02 logo\n0:10 end card\n',
      /ScriptError: .*: line 2: 0:02 comes before 0:05 on line 1: time codes must go forward/,
    ],
    [
      'garbage.txt',
      Uint8Array.from({ length: 50_000 }, (_, i) => (i * 7919 + 13) % 256),
      /FileError: .* is not text/,
    ],
    ['empty.srt', '', /FileError: .* is empty/],
  ];

  it('refuses each with its line and reason, writing nothing', async () => {
    const out = join(root, 'scripts-out');
    for (const [name, content, message] of cases) {
      writeFileSync(join(root, name), content);
      expectPlain(await runMain(['score-script', join(root, name), '--out', out]), 1, message);
    }
    expectPlain(cli(['score-script', join(root, cases[0][0]), '--out', out]), 1, cases[0][2]);
    expect(snapshot(out)).toEqual({});
  });

  it('keeps the good cues of an SRT with one bad time stamp and an invalid VTT cue, reporting each', async () => {
    const out = join(root, 'dropped');
    const srt = join(root, 'one-bad.srt');
    writeFileSync(
      srt,
      '1\n00:00:00,000 --> 00:00:04,000\nA quiet morning.\n\n2\n00:00:04,000 --> 00:00:0x,000\nThe race begins!\n\n3\n00:00:08,000 --> 00:00:12,000\nVictory.\n',
    );
    const vtt = join(root, 'bad-cue.vtt');
    writeFileSync(
      vtt,
      'WEBVTT\n\n00:00.000 --> 00:04.000\nA quiet morning.\n\n00:04,000 --> 00:08.000\nThe race!\n\n00:08.000 --> 00:12.000\nVictory.\n',
    );
    for (const [file, line] of [
      [srt, '1 cue left out: line 6: "00:00:0x,000" is not a time stamp (hh:mm:ss,mmm)'],
      [vtt, '1 cue left out: line 6: "00:04,000" is not a time stamp (mm:ss.ttt)'],
    ]) {
      const r = await runMain(['score-script', file, '--out', out, '--seconds', '2', '--json']);
      expect(r.err).toContain(`warning: ${line}`);
      const doc = JSON.parse(readFileSync(summary(r).json, 'utf8')) as {
        embedding: { explanation: string[]; segments: unknown[] };
      };
      expect(doc.embedding.explanation).toContain(line);
      expect(doc.embedding.segments).toHaveLength(2);
    }
  });
});

describe('damaged models and training data, asked-for values', () => {
  it('refuses a NaN-filled model and a non-numeric units, writing nothing', async () => {
    const nan = join(root, 'nan-model');
    cpSync(SHIPPED_MODEL, nan, { recursive: true });
    const size = readFileSync(join(nan, 'weights.bin')).length;
    writeFileSync(join(nan, 'weights.bin'), new Uint8Array(new Float32Array(size / 4).fill(NaN).buffer));
    const out = join(root, 'nan-out');
    expectPlain(
      await generate(out, 'calm piano', '--model', nan),
      1,
      /ModelLoadError: weights.bin is damaged: weight emb_pitch\/embeddings holds NaN/,
    );
    const units = join(root, 'units-model');
    cpSync(SHIPPED_MODEL, units, { recursive: true });
    const config = JSON.parse(readFileSync(join(units, 'config.json'), 'utf8'));
    config.architecture.units = ['two hundred'];
    writeFileSync(join(units, 'config.json'), JSON.stringify(config));
    expectPlain(
      await generate(out, 'calm piano', '--model', units),
      1,
      /ModelLoadError: config.json architecture.units\[0\] is "two hundred"/,
    );
    expect(snapshot(out)).toEqual({});
  });

  it('refuses damaged shards and bad training options before training, and errors after tfjs loads exit 1', async () => {
    const cut = join(root, 'cut-scan');
    writeScan(cut);
    const bin = readFileSync(join(cut, 'train.bin'));
    writeFileSync(join(cut, 'train.bin'), bin.subarray(0, bin.length / 3));
    const badLine = join(root, 'bad-line-scan');
    writeScan(badLine);
    writeFileSync(
      join(badLine, 'index.jsonl'),
      readFileSync(join(badLine, 'index.jsonl'), 'utf8') + '{"split": "tr\n',
    );
    const out = join(root, 'train-out');
    const train = (data: string, ...extra: string[]) =>
      runMain(['train', '--data', data, '--out', out, '--config', 'tiny', ...extra]);
    expectPlain(
      await train(cut),
      1,
      new RegExp(
        `DataError: .*train.bin has ${shardBytes(40)} bytes, but index.jsonl line 2 needs ${shardBytes(80)}: the shard is cut short`,
      ),
    );
    expectPlain(await train(badLine), 1, /DataError: .*index.jsonl line 5 is not valid JSON/);
    expectPlain(
      await runMain(['train', '--data', scanDir, '--out', out, '--config', '__proto__']),
      2,
      /unknown config "__proto__"/,
    );
    expectPlain(await train(scanDir, '--lr', '1e9'), 2, /--lr takes a number above 0 up to 1 \(got "1e9"\)/);
    expectPlain(
      await train(scanDir, '--max-minutes', '0'),
      2,
      /--max-minutes takes a number above 0 \(got "0"\)/,
    );
    expectPlain(
      await train(scanDir, '--resume'),
      1,
      /FileError: no checkpoint to resume in .*checkpoint: run without --resume to start afresh/,
    );
    mkdirSync(join(out, 'checkpoint'), { recursive: true });
    writeFileSync(join(out, 'checkpoint', 'state.json'), '{}');
    // A real process: this error comes after tfjs's WebAssembly runtime has loaded (it was exit code 7).
    expectPlain(
      cli(['train', '--data', scanDir, '--out', out, '--config', 'tiny', '--resume']),
      1,
      /ModelLoadError: the checkpoint in .*checkpoint is damaged \(model file config.json is missing or unreadable\): remove it, or run without --resume/,
    );
    expect(existsSync(join(out, 'weights.bin'))).toBe(false);
  });

  it('refuses empty and non-decimal numbers as usage errors, and points a too-long prompt at --seconds', async () => {
    const out = join(root, 'usage');
    expectPlain(
      cli(['generate', 'x', '--seed=']),
      2,
      /--seed takes a whole number from 0 to 4294967295 \(got ""\)/,
    );
    expectPlain(
      await runMain(['generate', 'x', '--seconds', '0x10']),
      2,
      /--seconds takes a number from 1 to 600 \(got "0x10"\)/,
    );
    expectPlain(
      await runMain(['generate', 'x', '--temperature', 'Infinity']),
      2,
      /--temperature takes a number above 0 up to 3/,
    );
    expectPlain(
      await runMain(['generate', 'a 15 minute ambient bed', '--out', out]),
      1,
      /PromptError: the prompt asks for 900 s \("15 minute"\), but a piece lasts 1 to 600 seconds: change it in the prompt; or give the length with --seconds S/,
    );
    const r = summary(
      await runMain(['generate', '900 bpm rock anthem', '--seconds', '2', '--out', out, '--json']),
    );
    const doc = JSON.parse(readFileSync(r.json, 'utf8')) as { embedding: { explanation: string[] } };
    expect(doc.embedding.explanation).toContain(
      'tempo 300 bpm: clamped ("900 bpm" asks for 900; tempos run 20-300 bpm)',
    );
    expect(doc.embedding.explanation[0]).toBe('length 2 s: given with the request');
  });
});
