import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMarkers } from '../../core/codec/markers';
import { midiToSequence } from '../../core/codec/midi';
import { checkCuts } from '../../core/eval/picture';
import { decodeWav } from '../../core/render';

let dir: string;
beforeAll(() => {
  if (!existsSync('dist/cli/main.js')) execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
  dir = mkdtempSync(join(tmpdir(), 'ag-picture-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['bin/audiogenesis.js', ...args], { encoding: 'utf8' });
const frames = (path: string): number => decodeWav(new Uint8Array(readFileSync(path))).channels[0].length;

describe('audiogenesis score-script for picture', () => {
  it('writes hits, room for the voice-over, stems and cutdowns, each WAV its exact length', () => {
    const srt = join(dir, 'spot.srt');
    writeFileSync(
      srt,
      '1\n00:00:00,500 --> 00:00:03,500\nMornings used to be hard.\n\n2\n00:00:05,000 --> 00:00:07,500\nThen you found Sunrise Roast! Bold!\n',
    );
    const run = cli([
      'score-script',
      srt,
      '--seconds',
      '10',
      '--hits',
      '2.5,6.04',
      '--voice-over',
      srt,
      '--stems',
      '--cutdowns',
      '6,4@1.5',
      '--out',
      dir,
      '--json',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(frames(summary.wav)).toBe(480000);
    expect(Object.keys(summary.stems).sort()).toEqual(['bass', 'drums', 'harmony', 'melody']);
    for (const path of Object.values<string>(summary.stems)) expect(frames(path)).toBe(480000);
    const bytes = new Uint8Array(readFileSync(summary.midi));
    const seq = midiToSequence(bytes);
    for (const c of checkCuts(seq, [2.5, 6.04])) expect(c.hit).toBe(true);
    const markers = readMarkers(bytes).map((m) => m.text);
    expect(markers).toContain('cut 1 (2.50 s)');
    expect(markers).toContain('voice-over');
    const doc = JSON.parse(readFileSync(summary.json, 'utf8'));
    expect(doc.plan.speech).toHaveLength(2);
    expect(summary.cutdowns.map((c: { seconds: number }) => c.seconds)).toEqual([6, 4]);
    for (const c of summary.cutdowns) {
      expect(frames(c.wav)).toBe(c.seconds * 48000);
      expect(Object.keys(c.stems)).toHaveLength(4);
    }
    const four = midiToSequence(new Uint8Array(readFileSync(summary.cutdowns[1].midi)));
    expect(checkCuts(four, [1.5])[0].hit).toBe(true);
  }, 240_000);

  it('refuses malformed picture options with a usage error', () => {
    const txt = join(dir, 'none.txt');
    writeFileSync(txt, 'Just words, no times. Another sentence.');
    for (const args of [
      ['generate', 'pop', '--hits', '2.5,soon'],
      ['generate', 'pop', '--cutdowns', '15,short'],
      ['generate', 'pop', '--voice-over', txt],
    ]) {
      const r = cli([...args, '--out', dir]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--hits|--cutdowns|--voice-over/);
    }
  });

  it('refuses a voice-over file that is missing or breaks its format, naming it, and writes nothing', () => {
    const out = join(dir, 'refused');
    const broken = join(dir, 'broken.srt');
    writeFileSync(broken, '1\n00:00:01,000 --> soon\nHello.\n');
    const missing = cli(['generate', 'pop', '--voice-over', join(dir, 'missing.srt'), '--out', out]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/--voice-over: .*missing\.srt/);
    const bad = cli(['generate', 'pop', '--voice-over', broken, '--out', out]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--voice-over .*broken\.srt/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('picture files in the result set', () => {
  const args = (out: string): string[] => [
    'generate',
    'bright pop',
    '--seconds',
    '2',
    '--stems',
    '--cutdowns',
    '1',
    '--out',
    out,
    '--json',
  ];

  it('names stems and cutdowns with the result, and a second run of the same request "-2", never over the first', () => {
    const out = join(dir, 'twice');
    const first = cli(args(out));
    expect(first.status, first.stderr).toBe(0);
    const a = JSON.parse(first.stdout.trim().split('\n').pop()!);
    const base = basename(a.wav, '.wav');
    expect(base).toMatch(/^bright-pop-s1-[0-9a-f]{6}$/);
    expect(Object.values<string>(a.stems).map((p) => basename(p))).toEqual(
      ['melody', 'harmony', 'bass', 'drums'].filter((r) => a.stems[r]).map((r) => `${base}-${r}.wav`),
    );
    expect(basename(a.cutdowns[0].wav)).toBe(`${base}-1s.wav`);
    const before = readdirSync(out).map((f) => [f, readFileSync(join(out, f)).toString('base64')]);
    const second = cli(args(out));
    expect(second.status, second.stderr).toBe(0);
    const b = JSON.parse(second.stdout.trim().split('\n').pop()!);
    expect(basename(b.wav)).toBe(`${base}-2.wav`);
    for (const p of Object.values<string>(b.stems)) expect(basename(p)).toMatch(new RegExp(`^${base}-2-`));
    expect(basename(b.cutdowns[0].wav)).toBe(`${base}-2-1s.wav`);
    for (const [f, data] of before) expect(readFileSync(join(out, f)).toString('base64')).toBe(data);
    expect(readdirSync(out)).toHaveLength(before.length * 2);
    // The hash covers the picture options: other cuts, another name.
    const other = cli([...args(out), '--hits', '1']);
    expect(other.status, other.stderr).toBe(0);
    expect(basename(JSON.parse(other.stdout.trim().split('\n').pop()!).wav)).not.toMatch(
      new RegExp(`^${base}`),
    );
  }, 240_000);

  it('removes the stems and cutdowns with the rest on Ctrl-C', async () => {
    const out = join(dir, 'interrupted');
    const child = spawn(
      process.execPath,
      ['bin/audiogenesis.js', ...args(out).slice(0, -1), '--cutdowns', '2'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const stem = (): boolean =>
      existsSync(out) &&
      readdirSync(out).some((f) => /-(melody|harmony|bass|drums)\.wav\.\d+\.partial$/.test(f));
    const deadline = Date.now() + 120_000;
    while (!stem() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(stem()).toBe(true);
    child.kill('SIGINT');
    expect(await exited, err).toBe(130);
    expect(readdirSync(out)).toEqual([]);
  }, 240_000);
});
