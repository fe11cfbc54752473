/**
 * Chooses a model's decoding settings (`config.json` `sampling`) on the training corpus' validation split,
 * never on held-out music: for each candidate, `audiogenesis eval` runs the default and rules-off sets on
 * the 100 evaluation prompts against POP909's validation songs (the scan's `valid` split, with their
 * annotated chords), and the model issue's targets are read from that report with the same code as
 * `scripts/check-model.ts`. Prints one line per candidate: the targets met and the figures behind them.
 *
 * The pieces are written with seeds the evaluation does not use (`--seed`, default 1001: prompt i gets
 * seed + i), so that a choice is not fitted to the very pieces the evaluation later scores.
 *
 * Usage: node --import tsx bench/design/tune-sampling.ts --scan <scan dir> --pop909 <POP909 folder>
 *        --model <dir> --out <dir> [--seed 1001] [--apply NAME] NAME='{"roles":{"bass":{"pitch":0.5}}}' ...
 * (`NAME=none` evaluates the model's own settings.) `--apply NAME` writes that candidate's settings into
 * `<model>/config.json` once every candidate has run. Needs `npm run build` (it runs bin/audiogenesis.js).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkModelTargets } from '../../core/eval/model-targets';
import type { EvalReport } from '../../core/eval/report/types';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    scan: { type: 'string' },
    pop909: { type: 'string' },
    model: { type: 'string', default: 'assets/model' },
    out: { type: 'string', default: 'runs/tune' },
    prompts: { type: 'string', default: 'assets/eval/prompts.json' },
    seed: { type: 'string', default: '1001' },
    apply: { type: 'string' },
  },
});
if (!values.scan || !values.pop909 || positionals.length === 0) {
  console.error(
    'usage: tune-sampling.ts --scan DIR --pop909 DIR [--model DIR] [--out DIR] [--seed N] [--apply NAME] NAME=JSON|none ...',
  );
  process.exit(2);
}

/** A folder of links to POP909's songs in the scan's validation split. */
function validationSongs(scan: string, pop909: string, out: string): string {
  const dir = join(out, 'valid-pop909');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const songs = new Set<string>();
  for (const line of readFileSync(join(scan, 'index.jsonl'), 'utf8').split('\n')) {
    if (!line) continue;
    const row = JSON.parse(line) as { split: string; id: string };
    const m = /(?:^|\/)pop909\/([^/]+)\//.exec(row.id);
    if (row.split === 'valid' && m) songs.add(m[1]);
  }
  for (const s of songs) if (existsSync(join(pop909, s))) symlinkSync(resolve(pop909, s), join(dir, s));
  console.log(`${songs.size} POP909 validation songs`);
  return dir;
}

const candidates = positionals.map((arg) => [
  arg.slice(0, arg.indexOf('=')),
  arg.slice(arg.indexOf('=') + 1),
]);
if (values.apply !== undefined && !candidates.some(([name]) => name === values.apply)) {
  console.error(`--apply ${values.apply}: no candidate of that name`);
  process.exit(2);
}
const reference = validationSongs(values.scan, values.pop909, values.out);
for (const [name, spec] of candidates) {
  const model = join(values.out, `model-${name}`);
  rmSync(model, { recursive: true, force: true });
  cpSync(values.model, model, { recursive: true });
  if (spec !== 'none') {
    const config = JSON.parse(readFileSync(join(model, 'config.json'), 'utf8')) as Record<string, unknown>;
    config.sampling = JSON.parse(spec) as unknown;
    writeFileSync(join(model, 'config.json'), JSON.stringify(config, null, 2));
  }
  const out = join(values.out, `eval-${name}`);
  const none = ['--drum-reference', 'none', '--training', 'none', '--emotion-holdout', 'none'];
  execFileSync(
    'node',
    [
      'bin/audiogenesis.js',
      'eval',
      '--prompts',
      values.prompts,
      '--reference',
      reference,
      ...none,
      '--control',
      'none',
      '--baseline',
      'none',
      '--seed',
      values.seed!,
      '--model',
      model,
      '--out',
      out,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as EvalReport;
  const rows = checkModelTargets(report);
  const shown = rows.map(
    (r) =>
      `${r.figure.replace(/^roles\./, '')}${r.set === 'rules-off' ? ' (off)' : ''} ${r.value.toFixed(3)}${r.met ? '' : '*'}`,
  );
  console.log(
    `${name}: ${rows.filter((r) => r.met).length}/${rows.length} met (* missed) | ${shown.join(' | ')}`,
  );
}
if (values.apply !== undefined) {
  const spec = candidates.find(([name]) => name === values.apply)![1];
  if (spec !== 'none') {
    const file = join(values.model, 'config.json');
    const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    config.sampling = JSON.parse(spec) as unknown;
    writeFileSync(file, JSON.stringify(config, null, 2) + '\n');
  }
  console.log(`applied ${values.apply} to ${join(values.model, 'config.json')}`);
}
