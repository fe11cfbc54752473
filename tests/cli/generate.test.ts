import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { midiToSequence } from '../../core/codec/midi';
import { findKey } from '../../core/features/key';
import { decodeWav } from '../../core/render';
import { loadModel, SHIPPED_MODEL } from '../../cli/model-files';
import { defaultConditioning } from '../../core/conditioning';
import { ensureCliBuilt } from '../helpers/build';

let out: string;
beforeAll(() => {
  ensureCliBuilt();
  out = mkdtempSync(join(tmpdir(), 'ag-gen-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the shipped model', () => {
  it('loads from assets/model, fits the panel (weights <= 10 MB) and generates deterministically', async () => {
    expect(statSync(join(SHIPPED_MODEL, 'weights.bin')).size).toBeLessThanOrEqual(10 * 1024 * 1024);
    const model = await loadModel();
    expect(model.version).toMatch(/^audiogenesis-band@/);
    const req = {
      conditioning: { ...defaultConditioning(), key: { tonic: 9, mode: 'minor' as const } },
      beats: 16,
      seed: 3,
    };
    const a = model.generate(req);
    expect(JSON.stringify(model.generate(req))).toBe(JSON.stringify(a));
    expect(a.notes.length).toBeGreaterThan(10);
    model.dispose();
  });
});

describe('audiogenesis generate', () => {
  it('writes MIDI, WAV, PNG and JSON of the asked length, tempo and key', () => {
    const stdout = execFileSync(
      process.execPath,
      [
        'bin/audiogenesis.js',
        'generate',
        'calm piano for a charity appeal, 90 bpm in D minor',
        '--seconds',
        '8',
        '--seed',
        '2',
        '--out',
        out,
        '--json',
      ],
      { encoding: 'utf8' },
    );
    const summary = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(summary).toMatchObject({ seconds: 8, tempo: 90, key: 'D minor' });
    const wav = decodeWav(new Uint8Array(readFileSync(summary.wav)));
    expect(wav.sampleRate).toBe(48000);
    expect(Math.abs(wav.channels[0].length / 48000 - 8)).toBeLessThan(0.05);
    const seq = midiToSequence(new Uint8Array(readFileSync(summary.midi)));
    expect(seq.tempos[0].bpm).toBeCloseTo(90, 3);
    expect(seq.keySignatures[0]).toMatchObject({ tonic: 2, mode: 'minor' });
    expect(findKey(seq.notes).mode).toBe('minor');
    expect(readFileSync(summary.png).subarray(1, 4).toString()).toBe('PNG');
    const json = JSON.parse(readFileSync(summary.json, 'utf8'));
    expect(json).toMatchObject({ prompt: 'calm piano for a charity appeal, 90 bpm in D minor', seed: 2 });
    expect(json.model).toMatch(/^audiogenesis-band@/);
  });

  it("names a result of another model apart, so --force never replaces the shipped model's", () => {
    const copy = join(out, 'model-copy');
    cpSync(SHIPPED_MODEL, copy, { recursive: true });
    const gen = (more: string[]): string => {
      const args = ['bin/audiogenesis.js', 'generate', 'short sting', '--seconds', '2', '--out', out];
      const stdout = execFileSync(process.execPath, [...args, '--force', '--json', ...more], {
        encoding: 'utf8',
      });
      return JSON.parse(stdout.trim().split('\n').pop()!).midi as string;
    };
    const shipped = gen([]);
    const other = gen(['--model', copy]);
    expect(basename(other)).not.toBe(basename(shipped));
    expect(basename(shipped)).toMatch(/^short-sting-s1-[0-9a-f]{6}\.mid$/);
    // The same model folder, however it is written, is the same request: --force replaces it.
    expect(gen(['--model', join(copy, '.')])).toBe(other);
    expect(gen(['--model', SHIPPED_MODEL])).toBe(shipped);
    expect(existsSync(shipped) && existsSync(other)).toBe(true);
  });

  it('fails plainly on a missing model folder and on bad options', () => {
    const run = (args: string[]): { code: number; err: string } => {
      try {
        execFileSync(process.execPath, ['bin/audiogenesis.js', 'generate', ...args], { stdio: 'pipe' });
        return { code: 0, err: '' };
      } catch (e) {
        const x = e as { status: number; stderr: Buffer };
        return { code: x.status, err: x.stderr.toString() };
      }
    };
    expect(run(['an ad', '--model', join(out, 'nothing-here'), '--out', out])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/ModelLoadError: model file config.json is missing/),
    });
    expect(run(['   ', '--out', out])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/PromptError: the prompt is empty/),
    });
    expect(run(['an ad', '--seconds', '-3'])).toMatchObject({ code: 2 });
    expect(run(['an ad', '--temperature', 'hot'])).toMatchObject({ code: 2 });
    // Options after "--" would be words of the prompt (and --out ignored): refused.
    expect(run(['--', '-5 s of jazz', '--seconds', '6', '--out', out])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/"--seconds" comes after "--".*put options before "--"/),
    });
  });
});
