import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { midiToSequence } from '../../core/codec/midi';
import { decodeWav } from '../../core/render';
import { beatsToSeconds, durationSeconds } from '../../core/sequence';
import { ensureCliBuilt } from '../helpers/build';

let dir: string;
beforeAll(() => {
  ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'ag-score-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]): string =>
  execFileSync(process.execPath, ['bin/audiogenesis.js', ...args], { encoding: 'utf8', stdio: 'pipe' });

describe('audiogenesis score-script', () => {
  it('scores subtitles as one piece whose sections start at the cues, of the script length', () => {
    const srt = join(dir, 'spot.srt');
    writeFileSync(
      srt,
      '1\n00:00:00,000 --> 00:00:06,000\nA quiet morning, calm and soft.\n\n2\n00:00:06,000 --> 00:00:12,000\nThe race begins! Fast, exciting, powerful.\n',
    );
    const summary = JSON.parse(run(['score-script', srt, '--out', dir, '--json']).trim().split('\n').pop()!);
    expect(summary.seconds).toBe(12);
    const wav = decodeWav(new Uint8Array(readFileSync(summary.wav)));
    expect(Math.abs(wav.channels[0].length / wav.sampleRate - 12)).toBeLessThan(0.05);
    const seq = midiToSequence(new Uint8Array(readFileSync(summary.midi)));
    expect(Math.abs(durationSeconds(seq) - 12)).toBeLessThan(0.05);
    const doc = JSON.parse(readFileSync(summary.json, 'utf8'));
    const race = doc.plan.sections.find((s: { segment: number }) => s.segment === 1);
    expect(race.transition).toBe(true);
    const bar = (4 * 60) / doc.tempo;
    expect(Math.abs(beatsToSeconds(race.start, seq.tempos) - 6)).toBeLessThanOrEqual(bar / 2 + 1e-6);
  });

  it('scores a JSON marker list, and refuses a missing file plainly', () => {
    const markers = join(dir, 'markers.json');
    writeFileSync(
      markers,
      JSON.stringify([
        { name: 'Open', comments: 'dreamy', start: 0, duration: 5 },
        { name: 'Logo', comments: 'triumphant', start: '0:05', duration: 3 },
      ]),
    );
    const summary = JSON.parse(
      run(['score-script', markers, '--out', dir, '--json', '--seed', '3']).trim().split('\n').pop()!,
    );
    expect(summary).toMatchObject({ seconds: 8 });
    expect(summary.wav).toMatch(/markers-s3-[0-9a-f]{6}\.wav$/);
    let code = 0;
    let err = '';
    try {
      run(['score-script', join(dir, 'nope.txt')]);
    } catch (e) {
      code = (e as { status: number }).status;
      err = String((e as { stderr: string }).stderr);
    }
    expect(code).toBe(1);
    expect(err).toMatch(/FileError: cannot read the script file .*nope\.txt: no such file or folder/);
  });
});
