/**
 * What MGEval's mean overlapped area gives real music: each named set of real pieces (30 s excerpts from
 * the middle, as the evaluation cuts its reference) compared with a reference set by the evaluation's own
 * code (`readReference`, `mgevalFeatures`, `compareSets`). It says how far the figure measures "sounds like
 * this reference" rather than "sounds composed": another corpus of the same kind of music, or a mix of
 * styles, scores below the same corpus's other songs. Context for the MGEval target; nothing is tuned on it.
 *
 * A set is `name=DIR[+DIR...]`; its pieces are spread evenly over the set's folders, `--count` in all
 * (each folder's share spread evenly over its files, as the evaluation picks its reference).
 *
 * Usage: node --import tsx bench/design/mgeval-real.ts --reference DIR [--set name=DIR[+DIR...]]...
 *        [--count 100] [--seconds 30]
 */
import { parseArgs } from 'node:util';
import type { MgevalVector } from '../../core/eval/mgeval/features';
import { comparisonLine, excerptFeatures } from '../lib/mgeval';

const D = '../shared/data/';
const DEFAULT_SETS = [
  `pop909=${D}pop909`,
  `emopia=${D}emopia`,
  `mma=${D}mma`,
  `mixed=${['mma', 'freedoom', 'jsfakes', 'openewld', 'emopia', 'pop909'].map((c) => D + c).join('+')}`,
];

const { values } = parseArgs({
  options: {
    reference: { type: 'string' },
    set: { type: 'string', multiple: true },
    count: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '30' },
  },
});
if (!values.reference) {
  console.error('usage: mgeval-real.ts --reference DIR [--set name=DIR[+DIR...]]... [--count 100]');
  process.exit(2);
}
const seconds = Number(values.seconds);
const count = Number(values.count);

const reference = await excerptFeatures([values.reference], seconds, count);
console.log(`reference ${values.reference}: ${reference.length} excerpts of ${seconds} s`);
for (const spec of values.set ?? DEFAULT_SETS) {
  const [name, list] = spec.split('=');
  const dirs = (list ?? '').split('+').filter(Boolean);
  const features: MgevalVector[] = [];
  for (const dir of dirs)
    features.push(...(await excerptFeatures([dir], seconds, Math.round(count / dirs.length))));
  console.log(comparisonLine(name, features, reference));
}
