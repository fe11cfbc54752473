/**
 * One evaluation run, end to end: prompts, training side (novelty index, baseline seeds), reference
 * excerpts, both generated sets, the emotion classifier, every measure, and the files it writes
 * (`report.json`, `report.html`, one `.mid` per generated piece).
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { sequenceToMidi } from '../../core/codec/midi';
import { DataError } from '../../core/errors';
import { scoreClips } from '../../core/eval/emotion/model';
import { middleExcerpt } from '../../core/eval/excerpt';
import { parsePrompts } from '../../core/eval/prompts';
import type { EvaluateInput, GeneratedSet } from '../../core/eval/report/evaluate';
import { evaluate } from '../../core/eval/report/evaluate';
import type { RollImage } from '../../core/eval/report/html';
import { reportHtml } from '../../core/eval/report/html';
import type { EvalReport } from '../../core/eval/report/types';
import { progressBar } from '../progress';
import { pianoRollPng } from '../render/png';
import { readSequences } from './corpus';
import { readClassifier, readLabelledClips } from './emotion';
import { generateBaseline, generateDefault, readBaseline } from './generate';
import type { TrainingSide } from './training';
import { readTraining } from './training';

/** Everything a run needs; paths are used as given. */
export interface EvalRunOptions {
  promptsFile: string;
  reference: string[];
  out: string;
  model: string;
  /** Seed-baseline folder, or null to leave the baseline out. */
  baseline: string | null;
  /** Training corpora for novelty and the baseline's seeds (none: no novelty, fixed baseline seed). */
  training: string[];
  /** Emotion classifier JSON, or null. */
  classifier: string | null;
  /** Labelled clips to score the classifier on again in this run, or null. */
  emotionHoldout: string | null;
  seconds: number;
  /** Seed of the first prompt; prompt i gets firstSeed + i. */
  firstSeed: number;
  /** Evaluate only the first `limit` prompts. */
  limit?: number;
  maxReference: number;
  workers: number;
  /** Piano rolls shown per set. */
  rolls: number;
  /** Progress bars on stderr. */
  progress: boolean;
}

/** What a run leaves behind. */
export interface EvalRunResult {
  report: EvalReport;
  files: { json: string; html: string; midi: string };
}

const now = (): number => performance.now() / 1000;

/** Picks `count` prompt indices spread evenly over `n`. */
export function spread(n: number, count: number): number[] {
  const k = Math.min(n, count);
  return [...new Set(Array.from({ length: k }, (_, i) => Math.floor((i * n) / k)))];
}

/** Runs the evaluation and writes its files. */
export async function runEval(o: EvalRunOptions): Promise<EvalRunResult> {
  const t0 = now();
  const timing: Record<string, number> = {};
  const stage = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const t = now();
    const r = await work();
    timing[name] = now() - t;
    return r;
  };
  const bar = (total: number, label: string): ((done: number) => void) => {
    if (!o.progress) return () => {};
    const b = progressBar(total, label);
    return (done) => {
      b.update(done, { info: '' });
      if (done >= total) b.stop();
    };
  };
  const files = (label: string): ((done: number, total: number) => void) | undefined => {
    if (!o.progress) return undefined;
    let b: ReturnType<typeof progressBar> | undefined;
    return (done, total) => {
      b ??= progressBar(total, label);
      b.update(done, { info: '' });
      if (done >= total) b.stop();
    };
  };
  for (const d of [...o.reference, ...o.training])
    if (!existsSync(d) || !statSync(d).isDirectory()) throw new DataError(`not a folder: ${d}`);
  let text: string;
  try {
    text = readFileSync(o.promptsFile, 'utf8');
  } catch (cause) {
    throw new DataError(`cannot read the prompt file ${o.promptsFile}`, { cause });
  }
  const prompts = parsePrompts(
    text,
    extname(o.promptsFile).toLowerCase() === '.json' ? 'json' : 'text',
  ).slice(0, o.limit ?? Infinity);
  const seeds = prompts.map((_, i) => o.firstSeed + i);
  const baseline = o.baseline ? await readBaseline(o.baseline) : null;
  const window = baseline?.window ?? 25;
  const training: TrainingSide | null = o.training.length
    ? await stage('training', () =>
        readTraining(o.training, window, { workers: o.workers, onProgress: files('training set') }),
      )
    : null;
  const reference = await stage('reference', async () =>
    (
      await readSequences(o.reference, o.maxReference, { workers: o.workers, onProgress: files('reference') })
    ).map((r) => middleExcerpt(r.sequence, o.seconds)),
  );
  const sets: GeneratedSet[] = [];
  const def = await stage('default', () =>
    generateDefault(o.model, prompts, seeds, o.seconds, bar(prompts.length, 'default model')),
  );
  sets.push({ name: 'default', ...def });
  if (baseline) {
    const base = await stage('baseline', () =>
      generateBaseline(
        baseline,
        prompts,
        seeds,
        o.seconds,
        training?.seeds ?? [],
        bar(prompts.length, 'baseline'),
      ),
    );
    sets.push({ name: 'baseline', ...base });
  }
  const classifier = o.classifier
    ? await stage('classifier', () => {
        const c = readClassifier(o.classifier!);
        const holdout =
          o.emotionHoldout && existsSync(o.emotionHoldout)
            ? { dir: o.emotionHoldout, ...scoreClips(c.model, readLabelledClips(o.emotionHoldout).clips) }
            : undefined;
        return { name: o.classifier!, classifier: c, holdout };
      })
    : undefined;
  const input: EvaluateInput = {
    prompts,
    seeds,
    seconds: o.seconds,
    sets,
    reference,
    referenceDirs: o.reference,
    training: training ? { index: training.index, dirs: o.training, parts: training.parts } : undefined,
    classifier,
    createdAt: new Date().toISOString(),
    timing,
  };
  const report = await stage('metrics', () => evaluate(input));
  report.timing = { ...timing, total: now() - t0 };
  mkdirSync(o.out, { recursive: true });
  const midi = join(o.out, 'midi');
  mkdirSync(midi, { recursive: true });
  for (const s of sets)
    s.pieces.forEach((seq, i) =>
      writeFileSync(join(midi, `${s.name}-${String(i + 1).padStart(3, '0')}.mid`), sequenceToMidi(seq)),
    );
  const rolls: RollImage[] = spread(prompts.length, o.rolls).flatMap((i) =>
    sets.map((s) => ({
      prompt: i,
      set: s.name,
      src: `data:image/png;base64,${pianoRollPng(s.pieces[i], { width: 600, height: 160 }).toString('base64')}`,
    })),
  );
  const json = join(o.out, 'report.json');
  const html = join(o.out, 'report.html');
  writeFileSync(json, JSON.stringify(report, null, 1) + '\n');
  writeFileSync(html, reportHtml(report, rolls));
  return { report, files: { json, html, midi } };
}
