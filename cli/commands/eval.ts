/**
 * `audiogenesis eval`: the evaluation (the default model, the model with rules off, the rules-only control
 * and the seed baseline side by side, against held-out music), and its classifier.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../core/errors';
import { trainEmotionClassifier } from '../../core/eval/emotion/model';
import type { Command } from '../command';
import { readLabelledClips } from '../eval/emotion';
import { runEval } from '../eval/run';
import { defaultTraining } from '../eval/training';
import { summaryLines } from '../eval/summary';
import { SHIPPED_MODEL } from '../model-files';
import { assetPath } from '../paths';

const usage = `usage: audiogenesis eval --prompts FILE --reference DIR [DIR...] --out DIR [--model DIR]
       [--style-prompts FILE|none] [--control SEED|none] [--baseline DIR|none]
       [--drum-reference DIR...|none] [--training DIR...|none] [--classifier FILE|none]
       [--style-classifier FILE|none] [--emotion-holdout DIR|none] [--seconds 30] [--seed 1] [--limit N]
       [--max-reference 100] [--rolls 6] [--workers N]
       audiogenesis eval train-classifier --emopia DIR --out FILE [--holdout DIR]

Evaluates, on the same prompts with the same seeds (prompt i gets seed --seed + i): the default model
(--model, default the shipped one) through the whole pipeline; the same model with every arranger rule off
(the model alone under the plan); the rules-only control (seeded random weights of the model's shapes, seed
--control, through the whole pipeline: a figure it also reaches measures the pipeline, not the model); and
the seed baseline (--baseline, default assets/baseline). Figures: MusPy quality, MGEval closeness to the
reference (excerpts of --seconds from the middle of each song), per-role figures against the chords (planned
ones for generated music, annotated ones for the reference), where each note came from, tempo/key relevance
(TB, TBT, CK, CKD; the key by the Aarden-Essen profiles, which generation never consults), the EMOPIA classifier's
quadrant for mood prompts, the style classifier's reading of style prompts (--style-classifier, default
assets/eval/style.json: the asked style first and in the top 3, by its notes model, the headline, and its
full model, which also hears the orchestration), and the longest run shared with the training corpora
(default: every corpus folder of ../shared/data; a scan output works too). Drum figures against
--drum-reference (default ../shared/holdout/groove).
--style-prompts (default assets/eval/style-prompts.json) run after --prompts, seeds continuing; they are
judged for style and novelty only, so the other figures stay those of --prompts.
The prompt file and the models are checked before any corpus is read; corpus files that cannot be read are
listed on stderr and in the report; no readable reference file is an error.
Writes DIR/report.json, DIR/report.html (self-contained) and DIR/midi/*.mid.
--prompts, --style-prompts: JSON [{prompt, tempo?, key?, quadrant?, style?}] or text (one prompt a line).
--limit N: the first N of each prompt file.

train-classifier: trains the emotion classifier on labelled clips (EMOPIA's labels.csv), split by song,
reports its held-out accuracy and confusion matrix (and on --holdout, default ../shared/holdout/emopia),
and writes it to FILE (the shipped one is assets/eval/emotion.json).`;

const orNone = (v: string | undefined, fallback: string | null): string | null =>
  v === 'none' ? null : (v ?? (fallback && existsSync(fallback) ? fallback : null));

function positiveNumber(v: string | undefined, name: string, fallback: number, whole = false): number {
  if (v === undefined) return fallback;
  const x = Number(v);
  if (!(x > 0) || (whole && !Number.isInteger(x)))
    throw new UsageError(`${name} takes a positive ${whole ? 'whole ' : ''}number`);
  return x;
}

async function trainClassifier(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { emopia: { type: 'string' }, out: { type: 'string' }, holdout: { type: 'string' } },
  });
  if (!values.emopia) throw new UsageError('--emopia is required');
  if (!values.out) throw new UsageError('--out is required');
  const holdoutDir = orNone(values.holdout, '../shared/holdout/emopia');
  const t0 = performance.now();
  const { clips, skipped } = readLabelledClips(values.emopia);
  const holdout = holdoutDir ? readLabelledClips(holdoutDir).clips : undefined;
  const c = trainEmotionClassifier(clips, holdout);
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, JSON.stringify(c, null, 1) + '\n');
  const t = c.training;
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  console.log(
    `clips: ${clips.length} read, ${skipped} skipped; train ${t.trainClips} clips / ${t.trainSongs} songs, test ${t.testClips} clips / ${t.testSongs} songs`,
  );
  console.log(
    `L2 by 5-fold cross-validation (by song): ${Object.entries(t.cvAccuracy)
      .map(([k, v]) => `${k}: ${pct(v)}`)
      .join(', ')} -> ${c.model.l2}`,
  );
  const show = (name: string, s: { accuracy: number; clips: number; confusion: number[][] }): void => {
    console.log(`${name}: ${pct(s.accuracy)} of ${s.clips} clips (rows true Q1..Q4, columns predicted)`);
    for (const r of s.confusion) console.log(`  ${r.map((x) => String(x).padStart(4)).join('')}`);
  };
  show('held-out songs', t.test);
  if (t.holdout) show(holdoutDir!, t.holdout);
  console.log(`time: ${((performance.now() - t0) / 1000).toFixed(1)} s  -> ${values.out}`);
  return 0;
}

export const command: Command = {
  summary: 'evaluate the model, the model with rules off, a rules-only control and the seed baseline',
  usage,
  async run(argv) {
    if (argv[0] === 'train-classifier') return trainClassifier(argv.slice(1));
    const { values, tokens } = parseArgs({
      args: argv,
      allowPositionals: true,
      tokens: true,
      options: {
        prompts: { type: 'string' },
        'style-prompts': { type: 'string' },
        reference: { type: 'string', multiple: true },
        out: { type: 'string' },
        model: { type: 'string' },
        control: { type: 'string' },
        baseline: { type: 'string' },
        'drum-reference': { type: 'string', multiple: true },
        training: { type: 'string', multiple: true },
        classifier: { type: 'string' },
        'style-classifier': { type: 'string' },
        'emotion-holdout': { type: 'string' },
        seconds: { type: 'string' },
        seed: { type: 'string' },
        limit: { type: 'string' },
        'max-reference': { type: 'string' },
        rolls: { type: 'string' },
        workers: { type: 'string' },
      },
    });
    // `--reference A B C`: the folders after a flag that takes several arrive as positionals; each
    // belongs to the flag before it.
    let owner: string | undefined;
    for (const t of tokens) {
      if (t.kind === 'option') owner = t.name;
      else if (t.kind === 'positional') {
        if (owner !== 'reference' && owner !== 'training' && owner !== 'drum-reference')
          throw new UsageError(`unexpected argument "${t.value}"`);
        const list = (values[owner] ??= []);
        list.push(t.value);
      }
    }
    const reference = values.reference ?? [];
    if (!values.prompts) throw new UsageError('--prompts is required');
    if (reference.length === 0) throw new UsageError('--reference needs at least one folder');
    if (!values.out) throw new UsageError('--out is required');
    const training = values.training?.[0] === 'none' ? [] : (values.training ?? defaultTraining());
    const seconds = positiveNumber(values.seconds, '--seconds', 30);
    if (seconds < 2 || seconds > 600) throw new UsageError('--seconds takes a number from 2 to 600');
    const drumReference =
      values['drum-reference']?.[0] === 'none'
        ? []
        : (values['drum-reference'] ?? ['../shared/holdout/groove'].filter((d) => existsSync(d)));
    const controlSeed =
      values.control === 'none' ? null : values.control === undefined ? 1 : Number(values.control);
    if (controlSeed !== null && !(Number.isInteger(controlSeed) && controlSeed >= 0))
      throw new UsageError('--control takes a whole number >= 0 (the seed of its random weights) or none');
    const seed = values.seed === undefined ? 1 : Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0) throw new UsageError('--seed takes a whole number >= 0');
    const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
    if (!Number.isInteger(workers) || workers < 0) throw new UsageError('--workers takes a whole number');
    const { report, files } = await runEval({
      promptsFile: values.prompts,
      stylePromptsFile: orNone(values['style-prompts'], assetPath('eval', 'style-prompts.json')),
      reference,
      drumReference,
      out: values.out,
      model: values.model ?? SHIPPED_MODEL,
      controlSeed,
      baseline: orNone(values.baseline, assetPath('baseline')),
      training,
      classifier: orNone(values.classifier, assetPath('eval', 'emotion.json')),
      styleClassifier: orNone(values['style-classifier'], assetPath('eval', 'style.json')),
      emotionHoldout: orNone(values['emotion-holdout'], '../shared/holdout/emopia'),
      seconds,
      firstSeed: seed,
      limit: values.limit === undefined ? undefined : positiveNumber(values.limit, '--limit', 1, true),
      maxReference: positiveNumber(values['max-reference'], '--max-reference', 100, true),
      rolls: values.rolls === '0' ? 0 : positiveNumber(values.rolls, '--rolls', 6, true),
      workers,
      progress: true,
    });
    for (const line of summaryLines(report)) console.log(line);
    console.log(`-> ${files.json}\n-> ${files.html}\n-> ${files.midi}/`);
    return 0;
  },
};
