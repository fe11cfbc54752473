import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { command } from '../../cli/commands/eval';
import { sequenceToMidi } from '../../core/codec/midi';
import { DataError, ModelLoadError, UsageError } from '../../core/errors';
import { checkEmotionClassifier } from '../../core/eval/emotion/model';
import type { EvalReport } from '../../core/eval/report/types';
import type { Note } from '../../core/sequence';
import { emptySequence } from '../../core/sequence';
import { writeCorpus } from '../fixtures/corpus';

let corpus: { root: string; dirs: string[] };
let tmp: string;

beforeAll(() => {
  corpus = writeCorpus();
  tmp = mkdtempSync(join(tmpdir(), 'ag-eval-'));
  vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterAll(() => {
  vi.restoreAllMocks();
  rmSync(corpus.root, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

const [pop, emo] = [0, 1].map((i) => () => corpus.dirs[i]);

describe('audiogenesis eval', () => {
  it('evaluates the default model and the baseline on the same prompts and seeds, and writes the report', async () => {
    const prompts = join(tmp, 'prompts.json');
    writeFileSync(
      prompts,
      JSON.stringify([
        { prompt: 'upbeat tech launch, 120 bpm in E minor', tempo: 120, key: 'E minor' },
        { prompt: 'sad goodbye', quadrant: 'Q3' },
        { prompt: 'hip hop at 90 bpm', tempo: 90 },
      ]),
    );
    const out = join(tmp, 'run');
    const code = await command.run([
      '--prompts',
      prompts,
      '--reference',
      pop(),
      '--out',
      out,
      '--training',
      pop(),
      '--training',
      emo(),
      '--emotion-holdout',
      emo(),
      '--seconds',
      '6',
      '--seed',
      '5',
      '--workers',
      '0',
      '--rolls',
      '2',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as EvalReport;
    expect(report.sets.map((s) => s.name)).toEqual(['default', 'baseline']);
    expect(report.sets[0].model).toMatch(/^audiogenesis-lstm@/);
    expect(report.sets[1].model).toMatch(/^seed-baseline@/);
    expect(report.pieces.map((p) => [p.set, p.prompt, p.seed])).toEqual([
      ['default', 0, 5],
      ['default', 1, 6],
      ['default', 2, 7],
      ['baseline', 0, 5],
      ['baseline', 1, 6],
      ['baseline', 2, 7],
    ]);
    expect(report.pieces[0].relevance).toMatchObject({ tempo: 120, tb: true });
    expect(report.pieces[2].relevance).toMatchObject({ tempo: 90, tb: true });
    expect(report.pieces[3].relevance.tempo).toBe(120);
    expect(report.settings.reference.pieces).toBe(2);
    expect(report.settings.training?.parts).toBeGreaterThan(0);
    expect(report.classifier?.holdout?.clips).toBe(2);
    for (const p of report.pieces) expect(Math.abs(p.seconds - 6)).toBeLessThan(0.5);
    expect(Object.keys(report.timing)).toEqual(
      expect.arrayContaining(['training', 'reference', 'default', 'baseline', 'metrics', 'total']),
    );
    expect(readdirSync(join(out, 'midi')).sort()).toEqual([
      'baseline-001.mid',
      'baseline-002.mid',
      'baseline-003.mid',
      'default-001.mid',
      'default-002.mid',
      'default-003.mid',
    ]);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html.match(/<img src="data:image\/png;base64,/g)?.length).toBe(4);
    expect(html).toContain('data-plot="mgeval-oa"');
  });

  it('refuses bad usage and bad inputs with typed errors', async () => {
    const prompts = join(tmp, 'p.txt');
    writeFileSync(prompts, 'an ad\n');
    const base = ['--prompts', prompts, '--reference', pop(), '--out', join(tmp, 'x'), '--workers', '0'];
    await expect(command.run([])).rejects.toThrow(UsageError);
    await expect(command.run(['--prompts', prompts, '--out', tmp])).rejects.toThrow(/--reference/);
    await expect(command.run([...base, '--seconds', '1'])).rejects.toThrow(UsageError);
    await expect(command.run([...base, '--limit', '0'])).rejects.toThrow(UsageError);
    await expect(
      command.run(['--prompts', join(tmp, 'none.json'), '--reference', pop(), '--out', tmp]),
    ).rejects.toThrow(DataError);
    await expect(command.run([...base, '--baseline', 'assets/model', '--training', 'none'])).rejects.toThrow(
      ModelLoadError,
    );
    await expect(command.run([...base, '--reference', join(tmp, 'missing')])).rejects.toThrow(DataError);
  });
});

/** An EMOPIA-like folder: `songs` songs of two clips; quadrant by song; loud fast high clips for Q1/Q2. */
function labelledCorpus(songs: number): string {
  const root = join(tmp, 'emopia-like');
  mkdirSync(join(root, 'midis'), { recursive: true });
  const lines = ['file,quadrant,song_id,clip'];
  for (let s = 0; s < songs; s++)
    for (let c = 0; c < 2; c++) {
      const q = (s % 4) + 1;
      const high = q <= 2;
      const notes: Note[] = [];
      for (let i = 0; i < 40; i++) {
        const t = i * (high ? 0.5 : 1.2) + c * 0.1;
        const pitch = (q === 1 || q === 4 ? [60, 64, 67] : [60, 63, 67])[i % 3] + (high ? 12 : -12);
        notes.push({
          pitch,
          start: t,
          end: t + 0.4,
          velocity: high ? 110 : 45,
          role: 'harmony',
          program: 0,
          isDrum: false,
        });
      }
      const seq = { ...emptySequence(120), notes, totalBeats: notes[notes.length - 1].end };
      const file = `Q${q}_song${s}_${c}.mid`;
      writeFileSync(join(root, 'midis', file), sequenceToMidi(seq));
      lines.push(`${file},Q${q},song${s},${c}`);
    }
  writeFileSync(join(root, 'labels.csv'), lines.join('\n') + '\n');
  return root;
}

describe('audiogenesis eval train-classifier', () => {
  it('trains on labelled clips split by song and writes a classifier the evaluation reads', async () => {
    const out = join(tmp, 'emotion.json');
    const code = await command.run([
      'train-classifier',
      '--emopia',
      labelledCorpus(24),
      '--out',
      out,
      '--holdout',
      'none',
    ]);
    expect(code).toBe(0);
    const c = checkEmotionClassifier(JSON.parse(readFileSync(out, 'utf8')));
    expect(c.training.trainClips + c.training.testClips).toBe(48);
    expect(c.training.trainSongs + c.training.testSongs).toBe(24);
    expect(c.training.testClips).toBe(2 * c.training.testSongs);
    expect(c.training.test.accuracy).toBe(1);
    expect(c.training.holdout).toBeUndefined();
    await expect(command.run(['train-classifier', '--out', out])).rejects.toThrow(UsageError);
    await expect(command.run(['train-classifier', '--emopia', pop(), '--out', out])).rejects.toThrow(
      DataError,
    );
  });
});
