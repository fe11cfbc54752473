/**
 * One evaluation run, end to end: prompts and models checked first, then the training side (novelty index,
 * baseline seeds) and the reference excerpts (with their annotated chords), the generated sets (default,
 * rules off, rules-only control, seed baseline), the emotion classifier, every measure, and the files it
 * writes (`report.json`, `report.html`, one `.mid` per generated piece).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sequenceToMidi } from '../../core/codec/midi';
import { scoreClips } from '../../core/eval/emotion/model';
import type { EvaluateInput, GeneratedSet, ReferenceSet } from '../../core/eval/report/evaluate';
import { evaluate } from '../../core/eval/report/evaluate';
import type { RollImage } from '../../core/eval/report/html';
import { reportHtml } from '../../core/eval/report/html';
import type { EvalReport } from '../../core/eval/report/types';
import { progressBar } from '../progress';
import { pianoRollPng } from '../render/png';
import type { SkippedFile } from './corpus';
import { readClassifier, readLabelledClips } from './emotion';
import { readStyleClassifier } from './style';
import { composeSet, generateBaseline, loadModels, readBaseline } from './generate';
import { checkFolders, readPromptFile, readReference, reportSkipped } from './inputs';
import type { TrainingSide } from './training';
import { readTraining } from './training';

/** Everything a run needs; paths are used as given. */
export interface EvalRunOptions {
  promptsFile: string;
  /** Style prompts run after the main ones (judged for style and novelty only), or null. */
  stylePromptsFile: string | null;
  reference: string[];
  /** Held-out drum corpora for the drum figures (the main reference may have none), or none. */
  drumReference: string[];
  out: string;
  model: string;
  /** Seed of the rules-only control's random weights, or null to leave the control out. */
  controlSeed: number | null;
  /** Seed-baseline folder, or null to leave the baseline out. */
  baseline: string | null;
  /** Training corpora for novelty and the baseline's seeds (none: no novelty, fixed baseline seed). */
  training: string[];
  /** Emotion classifier JSON, or null. */
  classifier: string | null;
  /** Style classifier JSON (`data train-style`), or null. */
  styleClassifier: string | null;
  /** Labelled clips to score the classifier on again in this run, or null. */
  emotionHoldout: string | null;
  seconds: number;
  /** Seed of the first prompt; prompt i gets firstSeed + i. */
  firstSeed: number;
  /** Evaluate only the first `limit` prompts (of the main prompts, and of the style prompts). */
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

/**
 * Where an evaluation writes piece `index` (0-based, in prompt order) of set `set`, relative to its `--out`
 * folder: `midi/<set>-<NNN>.mid`, NNN counting from 001.
 */
export function pieceFile(set: string, index: number): string {
  return join('midi', `${set}-${String(index + 1).padStart(3, '0')}.mid`);
}

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
  // Cheap checks first: folders, prompts, models (a typo must not wait for the corpora).
  checkFolders([...o.reference, ...o.drumReference, ...o.training]);
  const main = readPromptFile(o.promptsFile, o.limit);
  const prompts = [...main, ...(o.stylePromptsFile ? readPromptFile(o.stylePromptsFile, o.limit) : [])];
  const seeds = prompts.map((_, i) => o.firstSeed + i);
  const { model, control } = await loadModels(o.model, o.controlSeed);
  const baseline = o.baseline ? await readBaseline(o.baseline) : null;
  const classifierFile = o.classifier ? readClassifier(o.classifier) : null;
  const styleClassifier = o.styleClassifier ? readStyleClassifier(o.styleClassifier) : null;
  const skipped: SkippedFile[] = [];
  const sets: GeneratedSet[] = [];
  let training: TrainingSide | null = null;
  let reference: ReferenceSet;
  let drums: ReferenceSet | undefined;
  try {
    const read = (dirs: string[], label: string) =>
      stage(label, () =>
        readReference(dirs, o.seconds, o.maxReference, { workers: o.workers, onProgress: files(label) }),
      );
    // The reference first: without a readable reference file there is nothing to compare with.
    const ref = await read(o.reference, 'reference');
    reference = ref.set;
    const drumRef = o.drumReference.length ? await read(o.drumReference, 'drum reference') : null;
    drums = drumRef?.set;
    const trainingSkipped: SkippedFile[] = [];
    training = o.training.length
      ? await stage('training', () =>
          readTraining(o.training, baseline?.window ?? 25, {
            workers: o.workers,
            onProgress: files('training set'),
            onSkip: (f) => trainingSkipped.push(f),
          }),
        )
      : null;
    reportSkipped('training', trainingSkipped);
    skipped.push(...ref.skipped, ...(drumRef?.skipped ?? []), ...trainingSkipped);
    const write = (name: GeneratedSet['name'], m: typeof model, rules: boolean, label: string) =>
      stage(name, () => {
        const g = composeSet(m, prompts, seeds, o.seconds, rules, bar(prompts.length, label));
        sets.push({
          name,
          ...g,
          model: name === 'control' ? `${g.model} random weights (seed ${o.controlSeed})` : g.model,
        });
      });
    await write('default', model, true, 'default model');
    await write('rules-off', model, false, 'rules off');
    if (control) await write('control', control, true, 'control');
  } finally {
    model.dispose();
    control?.dispose();
  }
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
  const classifier = classifierFile
    ? await stage('classifier', () => {
        const holdout =
          o.emotionHoldout && existsSync(o.emotionHoldout)
            ? {
                dir: o.emotionHoldout,
                ...scoreClips(classifierFile.model, readLabelledClips(o.emotionHoldout).clips),
              }
            : undefined;
        return { name: o.classifier!, classifier: classifierFile, holdout };
      })
    : undefined;
  const input: EvaluateInput = {
    prompts,
    mainPrompts: main.length,
    seeds,
    seconds: o.seconds,
    sets,
    reference: reference.pieces,
    referenceDirs: o.reference,
    referenceChords: reference.chords,
    drumReference: drums,
    skipped,
    training: training
      ? { index: training.index, dirs: o.training, parts: training.parts, corpora: training.corpora }
      : undefined,
    classifier,
    styleClassifier: styleClassifier ? { name: o.styleClassifier!, classifier: styleClassifier } : undefined,
    createdAt: new Date().toISOString(),
    timing,
  };
  const report = await stage('metrics', () => evaluate(input));
  report.timing = { ...timing, total: now() - t0 };
  mkdirSync(o.out, { recursive: true });
  const midi = join(o.out, 'midi');
  mkdirSync(midi, { recursive: true });
  for (const s of sets)
    s.pieces.forEach((seq, i) => writeFileSync(join(o.out, pieceFile(s.name, i)), sequenceToMidi(seq)));
  const rolls: RollImage[] = spread(main.length, o.rolls).flatMap((i) =>
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
