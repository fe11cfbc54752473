/**
 * Bad input never costs an editor their work: every command walked through the file-system failures a
 * user can cause, malformed scripts, damaged models and shards, repeated and interrupted runs, a full and
 * a read-only disk. Each gives its typed message and exit code, never a stack trace, and leaves what the
 * user had as it was.
 */
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_MODEL } from '../../cli/model-files';
import { shardBytes, writeScan } from '../fixtures/scan';
import type { CliRun } from '../helpers/cli';
import {
  cli,
  crashed,
  ensureBuilt,
  mountTmpfs,
  readOnlyFolder,
  runMain,
  snapshot,
  unmount,
} from '../helpers/cli';

let root: string;
let afile: string;
let scanDir: string;
beforeAll(() => {
  ensureBuilt();
  root = mkdtempSync(join(tmpdir(), 'ag-safety-'));
  afile = join(root, 'a-file.txt');
  writeFileSync(afile, 'my notes');
  scanDir = join(root, 'scan');
  writeScan(scanDir);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const summary = (r: CliRun): Record<string, string> => {
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out.trim().split('\n').pop()!) as Record<string, string>;
};
const generate = (out: string, prompt: string, ...extra: string[]): Promise<CliRun> =>
  runMain(['generate', prompt, '--seconds', '2', '--out', out, '--json', ...extra]);
const expectPlain = (r: CliRun, code: number, message: RegExp): void => {
  expect({ code: r.code, err: r.err }).toMatchObject({ code, err: expect.stringMatching(message) });
  expect(crashed(r), r.err).toBe(false);
};

describe('results never overwrite each other', () => {
  it('gives the same prompt twice two sets ("-2"), and replaces only with --force', async () => {
    const out = join(root, 'twice');
    const a = summary(await generate(out, 'calm piano'));
    const b = summary(await generate(out, 'calm piano'));
    expect(basename(a.wav)).toMatch(/^calm-piano-s1-[0-9a-f]{6}\.wav$/);
    expect(b.wav).toBe(a.wav.replace(/\.wav$/, '-2.wav'));
    expect(Object.keys(snapshot(out))).toHaveLength(8);
    const c = summary(await generate(out, 'calm piano', '--force'));
    expect(c.wav).toBe(a.wav);
    expect(Object.keys(snapshot(out))).toHaveLength(8);
    const d = summary(await generate(out, 'Calm piano!!'));
    expect(basename(d.wav)).toMatch(/^calm-piano-s1-[0-9a-f]{6}\.wav$/);
    expect(d.wav).not.toBe(a.wav);
  });

  it('names prompts in other scripts by their own words, all different', async () => {
    const out = join(root, 'scripts');
    const names: string[] = [];
    for (const p of ['平静的钢琴音乐', 'موسيقى بيانو هادئة', 'спокойное пианино'])
      names.push(basename(summary(await generate(out, p)).wav));
    expect(names[0]).toMatch(/^平静的钢琴音乐-s1-[0-9a-f]{6}\.wav$/);
    expect(names[1]).toMatch(/^موسيقى-بيانو-هادئة-s1-[0-9a-f]{6}\.wav$/);
    expect(names[2]).toMatch(/^спокойное-пианино-s1-[0-9a-f]{6}\.wav$/);
    expect(new Set(names).size).toBe(3);
  });
});

/** Starts `generate` and kills it with `signal` once its first temporary file appears. */
async function killMidRender(args: string[], out: string, signal: NodeJS.Signals): Promise<CliRun> {
  const child = spawn(process.execPath, ['bin/audiogenesis.js', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((done) =>
    child.on('exit', (code, sig) => done(code ?? (sig ? -1 : null))),
  );
  const deadline = Date.now() + 60_000;
  while (!readdirSync(out).some((f) => f.endsWith('.partial')) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 5));
  child.kill(signal);
  return { code: await exited, out: '', err };
}

describe('an interrupted render', () => {
  it('leaves the old set intact and no mixed or partial files (Ctrl-C, then kill -9)', async () => {
    const out = join(root, 'killed');
    const args = ['generate', 'a long calm bed', '--seconds', '30', '--out', out, '--force'];
    expect((await runMain(args)).code).toBe(0);
    const before = snapshot(out);
    expect(Object.keys(before)).toHaveLength(4);
    const interrupted = await killMidRender(args, out, 'SIGINT');
    expect(interrupted.code).toBe(130);
    expect(interrupted.err).toMatch(
      /interrupted: the unfinished results were removed, nothing else was changed/,
    );
    expect(snapshot(out)).toEqual(before);
    const killed = await killMidRender(args, out, 'SIGKILL');
    expect(killed.code).toBe(-1);
    const after = snapshot(out);
    for (const [name, data] of Object.entries(before)) expect(after[name]).toBe(data);
    expect(
      Object.keys(after)
        .filter((f) => !(f in before))
        .every((f) => f.endsWith('.partial')),
    ).toBe(true);
    expect((await runMain(['generate', 'another', '--seconds', '2', '--out', out])).code).toBe(0);
    expect(Object.keys(snapshot(out)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  }, 120_000);
});

/** Whether this machine lets the tests mount a tmpfs (root only). */
const canMount = ((probe) => {
  const ok = mountTmpfs(probe, 'size=64k');
  if (ok) unmount(probe);
  rmSync(probe, { recursive: true, force: true });
  return ok;
})(join(tmpdir(), `ag-probe-${process.pid}`));

describe('a full or read-only disk', () => {
  const full = (): string => join(root, 'full');
  it.skipIf(!canMount)(
    'ENOSPC on a 64 KB tmpfs: a plain FileError, no partial file (no WAV claiming more than was written)',
    async () => {
      expect(mountTmpfs(full(), 'size=64k')).toBe(true);
      try {
        writeFileSync(join(full(), 'mine.txt'), 'kept');
        const r = await generate(full(), 'calm piano');
        expectPlain(r, 1, /FileError: cannot write the results in .*: the disk is full; nothing was written/);
        expect(Object.keys(snapshot(full()))).toEqual(['mine.txt']);
      } finally {
        unmount(full());
      }
    },
  );

  it('a read-only output folder, and a folder that cannot be made in it', async () => {
    const dir = join(root, 'readonly');
    const cleanup = readOnlyFolder(dir);
    if (!cleanup) return;
    try {
      expectPlain(
        await generate(dir, 'calm piano'),
        1,
        /FileError: cannot write (the results in|in the output folder) .*: (the disk is read-only|permission denied)/,
      );
      expectPlain(
        await generate(join(dir, 'sub'), 'calm piano'),
        1,
        /FileError: cannot make the output folder .*: (the disk is read-only|permission denied)/,
      );
      const script = join(root, 'ro-spot.txt');
      writeFileSync(script, 'A calm morning. Then the race begins!');
      expectPlain(
        await runMain(['score-script', script, '--out', dir]),
        1,
        /FileError: cannot write (the results in|in the output folder) .*: (the disk is read-only|permission denied)/,
      );
      expectPlain(
        await runMain(['train', '--data', scanDir, '--out', dir, '--config', 'tiny']),
        1,
        /FileError: cannot write in the output folder .*: (the disk is read-only|permission denied)/,
      );
      expect(snapshot(dir)).toEqual({});
    } finally {
      cleanup();
    }
  });
});

describe('every command, walked through the file-system failures', () => {
  it('gives each its typed message and exit code, never a stack trace', async () => {
    const missing = join(root, 'missing');
    const script = join(root, 'spot.txt');
    writeFileSync(script, 'A calm morning. Then the race begins!');
    const cases: [string[], number, RegExp][] = [
      [
        ['generate', 'x', '--out', afile],
        1,
        /FileError: the output folder .*a-file\.txt is a file, not a folder/,
      ],
      [
        ['generate', 'x', '--out', join(afile, 'sub')],
        1,
        /FileError: cannot make the output folder .*: a part of the path is a file/,
      ],
      [['generate', 'x', '--model', missing], 1, /ModelLoadError: model file config.json is missing/],
      [['generate', 'x', '--model', afile], 1, /ModelLoadError: model file config.json is missing/],
      [
        ['score-script', missing],
        1,
        /FileError: cannot read the script file .*missing: no such file or folder/,
      ],
      [['score-script', root], 1, /FileError: .* is a folder: give a script file/],
      [['score-script', '/dev/zero'], 1, /FileError: \/dev\/zero is not a regular file/],
      [['score-script', script, '--out', afile], 1, /FileError: the output folder .* is a file/],
      [['embed', '--file', missing], 1, /FileError: cannot read the prompt file .*: no such file or folder/],
      [['embed', '--file', root], 1, /FileError: .* is a folder: give a prompt file/],
      [['embed', '--file', '/dev/zero'], 1, /FileError: \/dev\/zero is not a regular file/],
      [['train', '--data', missing, '--out', join(root, 't')], 1, /DataError: .* is not a scan output/],
      [['train', '--data', afile, '--out', join(root, 't')], 1, /DataError: .* is not a scan output/],
      [
        ['train', '--data', scanDir, '--out', afile, '--config', 'tiny'],
        1,
        /FileError: the output folder .* is a file/,
      ],
      [['data', 'scan', missing, '--out', join(root, 'd')], 1, /Error: /],
      [['data', 'scan', root, '--out', afile], 1, /Error: /],
    ];
    for (const [args, code, message] of cases) expectPlain(await runMain(args), code, message);
    // The installed command too (a real process: its crash handlers, the bundle).
    expectPlain(cli(cases[0][0]), 1, cases[0][2]);
    // Commands other engineers own: plain, non-zero, whatever the message.
    for (const args of [
      ['eval', '--prompts', missing, '--reference', missing, '--out', join(root, 'e')],
      ['play', missing],
      ['play', root],
    ]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(crashed(r), r.err).toBe(false);
    }
    expect(readFileSync(afile, 'utf8')).toBe('my notes');
  }, 180_000);
});

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
