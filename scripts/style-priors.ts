/**
 * Adds the per-style priors (`training.stylePriors`, `core/model/priors.ts`) to a model's config.json,
 * measured on the training streams of a scan (`audiogenesis data scan ... --out DIR`; its `index.jsonl`,
 * train split only). `audiogenesis train` writes them itself; this is for a model trained before it did.
 * Run: `node --import tsx scripts/style-priors.ts <scan>/index.jsonl <model>/config.json`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { StreamRef } from '../core/model/data';
import { measureStylePriors } from '../core/model/priors';

const [index, config] = process.argv.slice(2);
if (!index || !config) {
  console.error('usage: node --import tsx scripts/style-priors.ts <scan>/index.jsonl <model>/config.json');
  process.exit(2);
}
const rows = readFileSync(index, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as StreamRef)
  .filter((r) => r.split === 'train');
const stylePriors = measureStylePriors(rows);
const c = JSON.parse(readFileSync(config, 'utf8')) as { training?: Record<string, unknown> };
c.training = { ...c.training, stylePriors };
writeFileSync(config, JSON.stringify(c, null, 2) + '\n');
for (const [style, roles] of Object.entries(stylePriors))
  console.log(
    `${style.padEnd(11)} ${Object.entries(roles)
      .map(([role, p]) => `${role} density ${p.density.toFixed(3)} register ${p.register.toFixed(3)}`)
      .join(', ')}`,
  );
console.log(`${rows.length} training streams -> ${config}`);
