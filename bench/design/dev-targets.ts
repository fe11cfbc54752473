/**
 * The model targets averaged over dev runs: `scripts/check-model.ts`'s rows for several evaluation runs
 * per group (one run per dev seed), each figure's mean per group, and the targets each run meets. For
 * design choices on development seeds (never held-out runs: their figures go in one by one).
 *
 * Usage: node --import tsx bench/design/dev-targets.ts --group NAME=DIR[,DIR...] [--group ...]
 * e.g. --group before=runs/dx-base-11001,runs/dx-base-12001 --group after=runs/dx-thin-11001,runs/dx-thin-12001
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkModelTargets } from '../../core/eval/model-targets';
import type { EvalReport } from '../../core/eval/report/types';
import { meanTargets } from '../lib/target-means';

const { values } = parseArgs({ options: { group: { type: 'string', multiple: true } } });
const specs = (values.group ?? []).map((g) => g.split('='));
if (specs.length === 0 || specs.some((s) => s.length !== 2 || !s[0] || !s[1])) {
  console.error('usage: dev-targets.ts --group NAME=DIR[,DIR...] [--group ...]');
  process.exit(2);
}
const read = (dir: string): EvalReport => {
  try {
    return JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as EvalReport;
  } catch (e) {
    console.error(`cannot read ${dir}/report.json: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  }
};
const groups = specs.map(([name, dirs]) => ({
  name,
  runs: dirs.split(',').map((d) => checkModelTargets(read(d))),
}));
const { rows, met } = meanTargets(groups);
const names = groups.map((g) => g.name);
console.log(`| figure | set | target | ${names.join(' | ')} |`);
console.log(`| --- | --- | --- | ${names.map(() => '---').join(' | ')} |`);
for (const r of rows)
  console.log(`| ${r.figure} | ${r.set} | ${r.wanted} | ${r.means.map((m) => m.toFixed(3)).join(' | ')} |`);
console.log(`| targets met per run | | | ${met.map((m) => m.join(' / ')).join(' | ')} |`);
