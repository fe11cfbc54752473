import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { command } from '../../cli/commands/eval';
import { readSequences } from '../../cli/eval/corpus';
import { excerptChords } from '../../core/eval/excerpt';
import type { ChordSpan } from '../../core/features/chords';
import { sequenceToMidi } from '../../core/codec/midi';
import { DataError, ModelLoadError, UsageError } from '../../core/errors';
import { checkEmotionClassifier } from '../../core/eval/emotion/model';
import type { EvalReport } from '../../core/eval/report/types';
import type { Note } from '../../core/sequence';
import { emptySequence } from '../../core/sequence';
import { writeCorpus } from '../fixtures/corpus';

let corpus: { root: string; dirs: string[] };
let tmp: string;
let stderr: ReturnType<typeof vi.spyOn>;

beforeAll(() => {
  corpus = writeCorpus();
  tmp = mkdtempSync(join(tmpdir(), 'ag-eval-'));
  vi.spyOn(console, 'log').mockImplementation(() => {});
  stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterAll(() => {
  vi.restoreAllMocks();
  rmSync(corpus.root, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

const [pop, emo, drums, bad] = [0, 1, 2, 3].map((i) => () => corpus.dirs[i]);

describe('audiogenesis eval', () => {
  it('evaluates the model, the model with rules off, the control and the baseline on the same prompts and seeds', async () => {
    const prompts = join(tmp, 'prompts.json');
    writeFileSync(
      prompts,
      JSON.stringify([
        { prompt: 'upbeat tech launch, 120 bpm in E minor', tempo: 120, key: 'E minor' },
        { prompt: 'sad goodbye', quadrant: 'Q3' },
        { prompt: 'hip hop at 90 bpm', tempo: 90 },
      ]),
    );
    const stylePrompts = join(tmp, 'style-prompts.json');
    writeFileSync(
      stylePrompts,
      JSON.stringify([
        { prompt: 'driving rock with distorted guitars', style: 'rock' },
        { prompt: 'bossa nova for a beach resort', style: 'latin' },
      ]),
    );
    const out = join(tmp, 'run');
    const code = await command.run([
      '--prompts',
      prompts,
      '--style-prompts',
      stylePrompts,
      '--reference',
      pop(),
      bad(),
      '--drum-reference',
      drums(),
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
    expect(report.sets.map((s) => s.name)).toEqual(['default', 'rules-off', 'control', 'baseline']);
    expect(report.sets[0].model).toMatch(/^audiogenesis-band@/);
    expect(report.sets[1].model).toBe(report.sets[0].model);
    expect(report.sets[2].model).toBe(`${report.sets[0].model} random weights (seed 1)`);
    expect(report.sets[3].model).toMatch(/^seed-baseline@/);
    expect(report.pieces.map((p) => [p.set, p.prompt, p.seed])).toEqual(
      ['default', 'rules-off', 'control', 'baseline'].flatMap((set) => [
        [set, 0, 5],
        [set, 1, 6],
        [set, 2, 7],
        [set, 3, 8],
        [set, 4, 9],
      ]),
    );
    // The style prompts come after the main ones: judged by the shipped style classifier, both models.
    expect([report.settings.prompts, report.settings.stylePrompts]).toEqual([3, 2]);
    expect(report.style?.name).toMatch(/assets\/eval\/style\.json$/);
    expect(report.style?.holdout?.notes.confusion.length).toBe(report.style?.classes.length);
    for (const s of report.sets) {
      expect(s.pieces).toBe(3);
      expect([s.style?.notes.top1.n, s.style?.notes.top3.n, s.style?.full.top1.n]).toEqual([2, 2, 2]);
    }
    expect(report.pieces[3].style).toMatchObject({ asked: 'rock', judged: true });
    expect(report.pieces[3].style?.notes).toHaveLength(3);
    // Where the notes came from: the model alone wrote every note with the rules off.
    expect(report.sets[1].provenance.all?.noteShare.model).toBe(1);
    expect(report.sets[0].provenance.all?.noteShare.model).toBeLessThan(1);
    expect(report.sets[0].provenance.all?.noteShare.unknown).toBe(0);
    expect(report.sets[1].keyRetry.fired).toBe(0);
    // The fixture's chords end before the middle 6 s that are compared; the drums come from the drum reference.
    expect(report.reference.roles).toMatchObject({ pieces: 2, withChords: 0 });
    expect(report.drumReference).toMatchObject({ pieces: 1 });
    expect(report.drumReference?.roles.rows['drums.onsetsPerBeat'].pieces).toBe(1);
    expect(report.figures.find((f) => f.id === 'relevance.TB')?.pipeline).toBe(true);
    // The unreadable files are listed in the report and on stderr.
    expect(report.skipped.map((f) => f.path.split('/').pop()).sort()).toEqual([
      'empty.mid',
      'text.mid',
      'truncated.mid',
    ]);
    const printed = stderr.mock.calls.map((c: unknown[]) => String(c[0])).join('\n');
    expect(printed).toMatch(/3 reference file\(s\) skipped/);
    for (const f of report.skipped) expect(printed).toContain(f.path);
    expect(report.pieces[0].relevance).toMatchObject({ tempo: 120, tb: true });
    expect(report.pieces[2].relevance).toMatchObject({ tempo: 90, tb: true });
    expect(report.pieces[5].relevance.tempo).toBe(120);
    expect(report.settings.reference.pieces).toBe(2);
    expect(report.settings.training?.parts).toBeGreaterThan(0);
    expect(report.classifier?.holdout?.clips).toBe(2);
    for (const p of report.pieces) expect(Math.abs(p.seconds - 6)).toBeLessThan(0.5);
    expect(Object.keys(report.timing)).toEqual(
      expect.arrayContaining([
        'training',
        'reference',
        'drum reference',
        'default',
        'rules-off',
        'control',
        'baseline',
        'metrics',
        'total',
      ]),
    );
    expect(readdirSync(join(out, 'midi')).sort()).toEqual(
      ['baseline', 'control', 'default', 'rules-off'].flatMap((s) =>
        [1, 2, 3, 4, 5].map((i) => `${s}-00${i}.mid`),
      ),
    );
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html.match(/<img src="data:image\/png;base64,/g)?.length).toBe(8);
    for (const plot of [
      'mgeval-oa',
      'roles-lengths-melody',
      'provenance-model-time',
      'style-hits',
      'style-confusion-notes',
      'style-confusion-full',
    ])
      expect(html).toContain(`data-plot="${plot}"`);
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
    await expect(command.run([...base, '--control', 'x'])).rejects.toThrow(UsageError);
    await expect(command.run([...base, 'stray'])).rejects.toThrow(/unexpected argument "stray"/);
  });

  it("reads a reference song's annotated chords on the beats its notes were quantized through", async () => {
    const { pieces, skipped } = await readSequences([pop(), bad()], 10, { workers: 0 });
    expect(skipped.length).toBe(3);
    // The fixture's labels are rounded to the millisecond (2.667 s for beat 4).
    const round = (c: ChordSpan) => ({ ...c, start: +c.start.toFixed(2), end: +c.end.toFixed(2) });
    expect(pieces.map((p) => p.chords!.map(round))).toEqual(
      [0, 1].map(() => [
        { root: 7, quality: 'min', start: 0, end: 4 },
        { root: 2, quality: 'maj', start: 4, end: 8 },
      ]),
    );
    const excerpt = { ...pieces[0].sequence, totalBeats: 4, meta: { excerptFromBeat: 2 } };
    expect(excerptChords(pieces[0].chords!, excerpt).map(round)).toEqual([
      { root: 7, quality: 'min', start: 0, end: 2 },
      { root: 2, quality: 'maj', start: 2, end: 4 },
    ]);
  });

  it('checks the prompts and the model before any corpus, and refuses a reference with no readable file', async () => {
    const prompts = join(tmp, 'one.txt');
    writeFileSync(prompts, 'an ad\n');
    const only = (ref: string, ...rest: string[]) => [
      '--prompts',
      prompts,
      '--reference',
      ref,
      '--out',
      join(tmp, 'y'),
      '--workers',
      '0',
      '--training',
      'none',
      '--drum-reference',
      'none',
      ...rest,
    ];
    stderr.mockClear();
    await expect(command.run(only(bad()))).rejects.toThrow(/no reference file is readable under .*3 skipped/);
    expect(stderr.mock.calls.map((c: unknown[]) => String(c[0])).join('\n')).toMatch(/truncated\.mid/);
    // A broken model or prompt file is reported as such, before the unreadable corpus is read.
    stderr.mockClear();
    await expect(command.run(only(bad(), '--model', join(tmp, 'nomodel')))).rejects.toThrow(ModelLoadError);
    const empty = join(tmp, 'empty.json');
    writeFileSync(empty, '[]');
    await expect(
      command.run([...only(bad()).slice(0, 0), '--prompts', empty, ...only(bad()).slice(2)]),
    ).rejects.toThrow(/prompt/);
    const badStyle = join(tmp, 'bad-style.json');
    writeFileSync(badStyle, JSON.stringify([{ prompt: 'polka for a beer ad', style: 'polka' }]));
    await expect(command.run(only(bad(), '--style-prompts', badStyle))).rejects.toThrow(/"style" must be/);
    expect(stderr).not.toHaveBeenCalled();
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
