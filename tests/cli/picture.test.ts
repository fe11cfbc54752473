import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    const srt = join(dir, 'none.srt');
    writeFileSync(srt, 'Just words, no times. Another sentence.');
    for (const args of [
      ['generate', 'pop', '--hits', '2.5,soon'],
      ['generate', 'pop', '--cutdowns', '15,short'],
      ['generate', 'pop', '--voice-over', join(dir, 'missing.srt')],
      ['generate', 'pop', '--voice-over', srt],
    ]) {
      const r = cli([...args, '--out', dir]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--hits|--cutdowns|--voice-over/);
    }
  });
});
