/**
 * The mood and style figures over several seeds. The evaluation scores each prompt once: 49 mood prompts
 * and 60 judged style prompts, so one run's rates have standard errors of 6-7 points. This writes every
 * mood prompt and every style prompt with `--seeds` seeds each through the whole pipeline and prints the
 * asked-quadrant, valence-sign and arousal-sign rates (the evaluation's EMOPIA classifier) and the style
 * top-1 and top-3 rates (its notes-only style classifier), each with its standard error. For design
 * choices, run it on seeds the evaluation does not use (the default starts at 1001).
 *
 * Usage: node --import tsx bench/design/seed-spread.ts [--model DIR] [--seeds 5] [--first 1001]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadModels } from '../../cli/eval/generate';
import { readStyleClassifier } from '../../cli/eval/style';
import { compose } from '../../core/compose';
import { classifyQuadrant } from '../../core/eval/emotion/model';
import type { EvalPrompt } from '../../core/eval/prompts';
import { parsePrompts } from '../../core/eval/prompts';
import { pieceStyle } from '../../core/eval/report/style';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'assets/model' },
    prompts: { type: 'string', default: 'assets/eval/prompts.json' },
    'style-prompts': { type: 'string', default: 'assets/eval/style-prompts.json' },
    seeds: { type: 'string', default: '5' },
    first: { type: 'string', default: '1001' },
  },
});
const read = (file: string): EvalPrompt[] => parsePrompts(readFileSync(file, 'utf8'), 'json');
const emotion = JSON.parse(readFileSync('assets/eval/emotion.json', 'utf8')).model;
const styles = readStyleClassifier('assets/eval/style.json');
const moods = read(values.prompts!).filter((p) => p.quadrant);
const styled = read(values['style-prompts']!).filter((p) => p.style && styles.classes.includes(p.style));
const { model } = await loadModels(values.model!, null);
const count = { asked: 0, valence: 0, arousal: 0, moods: 0, top1: 0, top3: 0, styles: 0 };
/** Asked style -> [pieces heard as it first, pieces]. */
const styleHits = new Map<string, [number, number]>();
/** Asked quadrant -> heard quadrant -> pieces. */
const confusion = new Map<string, Map<string, number>>();
const high = (q: string) => q === 'Q1' || q === 'Q2';
const positive = (q: string) => q === 'Q1' || q === 'Q4';
const write = (p: EvalPrompt, seed: number) =>
  compose(model, { prompt: p.prompt, seconds: 30, seed }).sequence;
for (let s = 0; s < Number(values.seeds); s++) {
  const first = Number(values.first) + s * 1000;
  moods.forEach((p, i) => {
    const q = classifyQuadrant(emotion, write(p, first + i));
    count.moods++;
    const row = confusion.get(p.quadrant!) ?? new Map<string, number>();
    row.set(q ?? 'none', (row.get(q ?? 'none') ?? 0) + 1);
    confusion.set(p.quadrant!, row);
    if (!q) return;
    if (q === p.quadrant) count.asked++;
    if (positive(q) === positive(p.quadrant!)) count.valence++;
    if (high(q) === high(p.quadrant!)) count.arousal++;
  });
  styled.forEach((p, i) => {
    const heard = pieceStyle(styles, p.style!, write(p, first + 500 + i)).notes ?? [];
    count.styles++;
    const hits = styleHits.get(p.style!) ?? [0, 0];
    styleHits.set(p.style!, [hits[0] + (heard[0] === p.style ? 1 : 0), hits[1] + 1]);
    if (heard[0] === p.style) count.top1++;
    if (heard.slice(0, 3).includes(p.style!)) count.top3++;
  });
}
model.dispose();
const rate = (k: number, n: number) => {
  const r = k / n;
  return `${(100 * r).toFixed(1)}% +- ${(100 * Math.sqrt((r * (1 - r)) / n)).toFixed(1)} (${k} of ${n})`;
};
console.log(
  `${values.model} (${model.version}), ${values.seeds} seeds from ${values.first}: ` +
    `${count.moods} mood pieces: asked quadrant ${rate(count.asked, count.moods)}, valence ${rate(
      count.valence,
      count.moods,
    )}, arousal ${rate(count.arousal, count.moods)} | ${count.styles} style pieces (notes model): top-1 ${rate(
      count.top1,
      count.styles,
    )}, top-3 ${rate(count.top3, count.styles)}`,
);
for (const asked of [...confusion.keys()].sort())
  console.log(
    `  asked ${asked}: heard ` +
      [...confusion.get(asked)!]
        .sort()
        .map(([q, n]) => `${q} ${n}`)
        .join(', '),
  );
console.log(
  '  style top-1: ' +
    [...styleHits]
      .sort()
      .map(([style, [hit, n]]) => `${style} ${hit}/${n}`)
      .join(', '),
);
