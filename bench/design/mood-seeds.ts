/**
 * The mood figures over several seeds: the evaluation scores each mood prompt once (49 prompts, so one
 * run's quadrant rate has a standard error near 7 points); this writes every mood prompt of the prompt file
 * with `--seeds` seeds each through the whole pipeline, classifies each piece with the evaluation's EMOPIA
 * classifier, and prints the asked-quadrant, valence-sign and arousal-sign rates with their standard errors.
 * For design choices, run it on seeds the evaluation does not use (the default starts at 1001).
 *
 * Usage: node --import tsx bench/design/mood-seeds.ts [--model DIR] [--seeds 5] [--first 1001]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadModels } from '../../cli/eval/generate';
import { classifyQuadrant } from '../../core/eval/emotion/model';
import { parsePrompts } from '../../core/eval/prompts';
import { compose } from '../../core/compose';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'assets/model' },
    prompts: { type: 'string', default: 'assets/eval/prompts.json' },
    seeds: { type: 'string', default: '5' },
    first: { type: 'string', default: '1001' },
  },
});
const classifier = JSON.parse(readFileSync('assets/eval/emotion.json', 'utf8')).model;
const prompts = parsePrompts(readFileSync(values.prompts!, 'utf8'), 'json').filter((p) => p.quadrant);
const { model } = await loadModels(values.model!, null);
const tally = { asked: 0, valence: 0, arousal: 0, n: 0 };
const high = (q: string) => q === 'Q1' || q === 'Q2';
const positive = (q: string) => q === 'Q1' || q === 'Q4';
for (let s = 0; s < Number(values.seeds); s++)
  prompts.forEach((p, i) => {
    const seed = Number(values.first) + s * 1000 + i;
    const q = classifyQuadrant(classifier, compose(model, { prompt: p.prompt, seconds: 30, seed }).sequence);
    tally.n++;
    if (!q) return;
    if (q === p.quadrant) tally.asked++;
    if (positive(q) === positive(p.quadrant!)) tally.valence++;
    if (high(q) === high(p.quadrant!)) tally.arousal++;
  });
model.dispose();
const rate = (k: number) => {
  const r = k / tally.n;
  return `${(100 * r).toFixed(1)}% +- ${(100 * Math.sqrt((r * (1 - r)) / tally.n)).toFixed(1)}`;
};
console.log(
  `${values.model}: ${tally.n} pieces (${prompts.length} prompts x ${values.seeds} seeds) | asked quadrant ${rate(
    tally.asked,
  )} | valence ${rate(tally.valence)} | arousal ${rate(tally.arousal)}`,
);
