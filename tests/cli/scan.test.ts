import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../cli/commands/data';
import { PACKED_FIELDS } from '../../core/model/data';
import type { CorpusRow } from '../../core/features/corpus';
import { writeCorpus } from '../fixtures/corpus';
import { ensureCliBuilt } from '../helpers/build';

let corpus: { root: string; dirs: string[] };
const outs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'ag-scan-'));
  outs.push(d);
  return d;
};
const rows = (dir: string): CorpusRow[] =>
  readFileSync(join(dir, 'manifest.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as CorpusRow);

beforeAll(() => {
  corpus = writeCorpus();
});
afterAll(() => {
  for (const d of [corpus.root, ...outs]) rmSync(d, { recursive: true, force: true });
});

describe('corpus scanner', () => {
  it('accounts for every file: read, or skipped with its reason', async () => {
    const out = tmp();
    const s = await scan(corpus.dirs, out, 0);
    expect(s.files).toBe(8);
    expect(s.read).toBe(5);
    expect(s.skipped).toBe(3);
    const skipped = readFileSync(join(out, 'skipped.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; reason: string });
    expect(skipped.map((x) => x.id).sort()).toEqual(['bad/empty.mid', 'bad/text.mid', 'bad/truncated.mid']);
    for (const x of skipped) expect(x.reason).toMatch(/^MidiParseError: /);
    expect(s.keyAgreement).toEqual({
      files: 2,
      same: expect.any(Number),
      sameOrRelative: expect.any(Number),
    });
  });

  it('reads the side files: annotated key and beats, chords, labels, TD-11 drums mapped to GM', async () => {
    const out = tmp();
    await scan(corpus.dirs, out, 0);
    const byId = new Map(rows(out).map((r) => [r.id, r]));
    const pop = byId.get('pop/001/001.mid')!;
    expect(pop.key).toEqual({ tonic: 7, mode: 'minor' });
    expect(pop.keySource).toBe('annotation');
    expect(pop.foundKey?.mode).toBe('minor');
    expect(pop.grid).toBe('annotated');
    expect(pop.chords).toBe('annotated');
    expect(pop.tempo).toBeCloseTo(90, 3);
    expect(pop.roles).toEqual(['melody', 'harmony', 'bass']);
    expect(pop.song).toBe('pop/001');
    const emo = byId.get('emo/midis/Q3_xyz_0.mid')!;
    expect([emo.quadrant, emo.valence, emo.arousal]).toEqual(['Q3', -0.6, -0.6]);
    expect(emo.grid).toBe('tracked');
    expect(emo.roles).toContain('melody');
    const drums = byId.get('drums/drummer1/session1/1_funk_100_beat_4-4.mid')!;
    expect([drums.style, drums.hasDrums, drums.grid, drums.tempo]).toEqual(['funk', true, 'file', 100]);
    const index = readFileSync(join(out, 'index.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const dr = index.find((r) => r.id === drums.id && r.role === 'drums');
    const bin = readFileSync(join(out, `${dr.split}.bin`));
    const pitches = Array.from({ length: dr.length }, (_, i) => bin[(dr.offset + i) * PACKED_FIELDS]);
    expect(new Set(pitches)).toEqual(new Set([36, 42, 38, 46, 43]));
  });

  it('gives the same bytes on every run (split by song, sorted output)', async () => {
    const a = tmp();
    const b = tmp();
    await scan(corpus.dirs, a, 0);
    await scan(corpus.dirs.slice().reverse(), b, 0);
    for (const f of ['manifest.jsonl', 'index.jsonl', 'train.bin', 'valid.bin', 'skipped.jsonl'])
      expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f)))).toBe(true);
    const songs = new Map<string, string>();
    for (const r of rows(a)) {
      expect(songs.get(r.song) ?? r.split).toBe(r.split);
      songs.set(r.song, r.split);
    }
  });

  it('runs as `audiogenesis data scan` with worker threads and prints a summary', () => {
    ensureCliBuilt();
    const out = tmp();
    const stdout = execFileSync(
      process.execPath,
      ['bin/audiogenesis.js', 'data', 'scan', ...corpus.dirs, '--out', out, '--workers', '2'],
      { encoding: 'utf8' },
    );
    expect(stdout).toMatch(/files: 8 {2}read: 5 {2}skipped: 3/);
    expect(stdout).toMatch(/hours of music/);
    expect(stdout).toMatch(/time: /);
    expect(readdirSync(out).sort()).toEqual([
      'index.jsonl',
      'manifest.jsonl',
      'skipped.jsonl',
      'summary.json',
      'train.bin',
      'valid.bin',
    ]);
  });

  it('fails with a usage error when --out is missing', () => {
    let code = 0;
    try {
      execFileSync(process.execPath, ['bin/audiogenesis.js', 'data', 'scan', corpus.dirs[0]], {
        stdio: 'pipe',
      });
    } catch (e) {
      code = (e as { status: number }).status;
    }
    expect(code).toBe(2);
  });
});
