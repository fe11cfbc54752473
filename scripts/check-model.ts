/**
 * The model's targets against held-out music (core/eval/model-targets.ts), read from an evaluation report:
 * prints one row per figure and set and exits 1 when any is missed (2 when the report cannot be read).
 * Run: `node --import tsx scripts/check-model.ts runs/eval/report.json` after `audiogenesis eval`.
 */
import { readFileSync } from 'node:fs';
import { checkModelTargets, targetText } from '../core/eval/model-targets';
import type { EvalReport } from '../core/eval/report/types';

const path = process.argv[2];
if (!path) {
  console.error('usage: node --import tsx scripts/check-model.ts <eval-out>/report.json');
  process.exit(2);
}
let report: EvalReport;
try {
  report = JSON.parse(readFileSync(path, 'utf8')) as EvalReport;
} catch (e) {
  console.error(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}
const rows = checkModelTargets(report);
const fired = report.sets.find((s) => s.name === 'default')?.keyRetry;
console.log(`report: ${path} (${report.createdAt}), model ${report.sets[0]?.model ?? '?'}`);
console.log(`key retries fired (default): ${fired ? `${fired.fired}/${fired.pieces}` : 'not reported'}`);
console.log(
  '| figure | set | value | target | met | pieces (95% interval) |\n| --- | --- | --- | --- | --- | --- |',
);
for (const r of rows) {
  const c = r.count
    ? `${r.count.hits}/${r.count.n} (${r.count.low.toFixed(1)}-${r.count.high.toFixed(1)})`
    : '–';
  console.log(
    `| ${r.figure} | ${r.set} | ${r.value.toFixed(3)} | ${targetText(r)} | ${r.met ? 'yes' : 'NO'} | ${c} |`,
  );
}
const missed = rows.filter((r) => !r.met);
console.log(`${rows.length - missed.length}/${rows.length} targets met`);
if (missed.length > 0) process.exit(1);
