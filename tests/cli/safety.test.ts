/**
 * Bad input never costs an editor their work: every command walked through the file-system failures a
 * user can cause, malformed scripts, damaged models and shards, repeated and interrupted runs, a full and
 * a read-only disk. Each gives its typed message and exit code, never a stack trace, and leaves what the
 * user had as it was.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeScan } from '../fixtures/scan';
import type { CliRun } from '../helpers/cli';
import { expectPlain, generate, summary } from '../helpers/cli-expect';
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
/**
 * {@link killOnce} until the signal lands mid-render: on a loaded machine the test's polling can wake after
 * the child has already finished, and a finished run (exit 0, the same files: generation is deterministic)
 * is not the case under test. Returns the interrupted run; fails after `tries` finished runs.
 */
async function killMidRender(
  args: string[],
  out: string,
  signal: NodeJS.Signals,
  tries = 5,
): Promise<CliRun> {
  const before = snapshot(out);
  for (let i = 1; ; i++) {
    const run = await killOnce(args, out, signal);
    if (run.code !== 0 || i === tries) return run;
    // The run finished before the signal: it must have left a complete set, the same as before.
    expect(snapshot(out)).toEqual(before);
  }
}

async function killOnce(args: string[], out: string, signal: NodeJS.Signals): Promise<CliRun> {
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
