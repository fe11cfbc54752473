/**
 * MGEval's mean overlapped area of an evaluation's generated pieces, split by the style the embedder reads
 * from each prompt (pop against every other style), each part compared with the same reference by the
 * evaluation's own code (`readReference`, `mgevalFeatures`, `compareSets`). It asks whether the figure's
 * shortfall comes from the mix of styles the prompts ask for (the reference is POP909's piano
 * arrangements of pop songs): if it did, the pop pieces would score higher than the rest. For design work
 * against the training corpus' validation split (never held-out music).
 *
 * Usage: node --import tsx bench/design/mgeval-by-style.ts --reference DIR --run DIR [--run DIR]...
 *        [--prompts assets/eval/prompts.json] [--set default|rules-off]
 *        (each DIR an `audiogenesis eval --out`, pieces in midi/; --set picks the evaluation's set)
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { embed } from '../../core/embed';
import type { MgevalVector } from '../../core/eval/mgeval/features';
import { mgevalFeatures } from '../../core/eval/mgeval/features';
import { parsePrompts } from '../../core/eval/prompts';
import { comparisonLine, excerptFeatures } from '../lib/mgeval';
import { readRunPiece } from '../lib/runs';

const { values } = parseArgs({
  options: {
    reference: { type: 'string' },
    run: { type: 'string', multiple: true },
    prompts: { type: 'string', default: 'assets/eval/prompts.json' },
    set: { type: 'string', default: 'default' },
  },
});
if (!values.reference || !values.run?.length) {
  console.error('usage: mgeval-by-style.ts --reference DIR --run DIR [--run DIR]... [--prompts FILE]');
  process.exit(2);
}
const prompts = parsePrompts(readFileSync(values.prompts!, 'utf8'), 'json');
const reference = await excerptFeatures([values.reference], 30, 100);

const parts: Record<string, MgevalVector[]> = { pop: [], other: [], all: [] };
for (const run of values.run)
  prompts.forEach((p, i) => {
    const features = mgevalFeatures(readRunPiece(run, values.set!, i));
    parts[embed(p.prompt).style === 'pop' ? 'pop' : 'other'].push(features);
    parts.all.push(features);
  });
console.log(`reference ${values.reference}: ${reference.length} excerpts of 30 s`);
for (const [name, features] of Object.entries(parts)) console.log(comparisonLine(name, features, reference));
