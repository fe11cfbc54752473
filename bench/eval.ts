/**
 * `npm run bench eval`: the evaluation's wall time per stage, for the issue's budget (100 prompts x the
 * default model and the seed baseline in at most 10 minutes). Runs `audiogenesis eval`'s pipeline in this
 * thread (from source, so the corpus readers use no worker threads; the built CLI uses both cores).
 *
 * Usage: node --import tsx bench/eval.ts [--limit 100] [--reference DIR] [--training DIR]...
 * Without --reference it uses ../shared/holdout/pop909; without --training, every corpus of ../shared/data.
 * The style prompts (assets/eval/style-prompts.json, as many as --limit) run after the main ones.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runEval } from '../cli/eval/run';
import { defaultTraining } from '../cli/eval/training';
import { summaryLines } from '../cli/eval/summary';
import { SHIPPED_MODEL } from '../cli/model-files';
import { assetPath } from '../cli/paths';

const { values } = parseArgs({
  options: {
    limit: { type: 'string', default: '100' },
    reference: { type: 'string' },
    training: { type: 'string', multiple: true },
  },
});
const reference = values.reference ?? '../shared/holdout/pop909';
if (!existsSync(reference)) {
  console.log(`no reference corpus at ${reference}: pass --reference DIR`);
  process.exit(0);
}
const out = mkdtempSync(join(tmpdir(), 'ag-bench-eval-'));
const holdout = '../shared/holdout/emopia';
try {
  const { report } = await runEval({
    promptsFile: assetPath('eval', 'prompts.json'),
    stylePromptsFile: assetPath('eval', 'style-prompts.json'),
    reference: [reference],
    drumReference: existsSync('../shared/holdout/groove') ? ['../shared/holdout/groove'] : [],
    out,
    model: SHIPPED_MODEL,
    controlSeed: 1,
    baseline: assetPath('baseline'),
    training: values.training ?? defaultTraining(),
    classifier: assetPath('eval', 'emotion.json'),
    styleClassifier: assetPath('eval', 'style.json'),
    emotionHoldout: existsSync(holdout) ? holdout : null,
    seconds: 30,
    firstSeed: 1,
    limit: Number(values.limit),
    maxReference: 100,
    workers: 0,
    rolls: 6,
    progress: false,
  });
  const n = report.settings.prompts + report.settings.stylePrompts;
  console.log(
    `\n${report.settings.prompts} + ${report.settings.stylePrompts} style prompts, wall time per stage (s):`,
  );
  for (const [k, v] of Object.entries(report.timing)) console.log(`  ${k.padEnd(10)} ${v.toFixed(1)}`);
  console.log(
    `per piece: default ${((1000 * report.timing.default) / n).toFixed(0)} ms, baseline ${((1000 * (report.timing.baseline ?? 0)) / n).toFixed(0)} ms`,
  );
  console.log('');
  for (const line of summaryLines(report)) console.log(line);
} finally {
  rmSync(out, { recursive: true, force: true });
}
