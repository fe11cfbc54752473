/**
 * Two evaluation reports side by side (`audiogenesis eval ... --out DIR` writes DIR/report.json): every
 * figure of the previous model and of the new one, default and rules off, beside the new model's control
 * and the reference, with whether the control reaches it. The model issue's targets are checked by
 * `scripts/check-model.ts` (one report at a time).
 *
 * Usage: node --import tsx scripts/compare-eval.ts OLD/report.json NEW/report.json
 */
import { readFileSync } from 'node:fs';

interface Figure {
  id: string;
  label: string;
  unit: string;
  values: Record<string, number | null>;
  reference: number | null;
  pipeline?: boolean;
}
interface Report {
  sets: { name: string; model: string }[];
  figures: Figure[];
}

const [oldPath, newPath] = process.argv.slice(2);
if (!oldPath || !newPath) {
  console.error('usage: compare-eval.ts OLD/report.json NEW/report.json');
  process.exit(2);
}
const read = (p: string): Report => JSON.parse(readFileSync(p, 'utf8')) as Report;
const [before, after] = [read(oldPath), read(newPath)];
const byId = (r: Report): Map<string, Figure> => new Map(r.figures.map((f) => [f.id, f]));
const old = byId(before);
const model = (r: Report): string => r.sets.find((s) => s.name === 'default')?.model ?? '?';

const show = (v: number | null | undefined, unit: string): string =>
  v === null || v === undefined
    ? '–'
    : unit === 'percent'
      ? `${v.toFixed(1)}%`
      : Math.abs(v) >= 10
        ? v.toFixed(1)
        : v.toFixed(3);

console.log(`previous: ${model(before)} (${oldPath}); new: ${model(after)} (${newPath})\n`);
console.log(
  '| figure | previous | new | previous, rules off | new, rules off | new control | reference | control reaches it? (new) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const f of after.figures) {
  const o = old.get(f.id);
  const cells = [
    o?.values.default,
    f.values.default,
    o?.values['rules-off'],
    f.values['rules-off'],
    f.values.control,
    f.reference,
  ].map((v) => show(v, f.unit));
  const verdict = f.pipeline === undefined ? '' : f.pipeline ? 'pipeline' : 'model';
  console.log(`| ${f.label} | ${cells.join(' | ')} | ${verdict} |`);
}
