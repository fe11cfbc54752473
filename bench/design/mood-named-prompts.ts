/**
 * Writes `bench/design/mood-named-prompts.json`: the evaluation's 49 mood prompts, each with the style the
 * embedder reads from its mood words named after it ("charity appeal, acoustic music"), labelled with the
 * same quadrant. None of the evaluation's mood prompts names a style, so they cannot show what a setting
 * that acts only on a named style (such as the head guidance measured in docs/model.md) does to a mood
 * the prompt also states; these prompts can (`audiogenesis eval --prompts bench/design/mood-named-prompts.json
 * --style-prompts none ...` on development seeds). Exits 1 if a prompt does not read its style as named.
 *
 * Usage: node --import tsx bench/design/mood-named-prompts.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { embed } from '../../core/embed';
import { parsePrompts } from '../../core/eval/prompts';

const OUT = 'bench/design/mood-named-prompts.json';
const prompts = parsePrompts(readFileSync('assets/eval/prompts.json', 'utf8'), 'json');
const named = prompts
  .filter((p) => p.quadrant)
  .map((p) => {
    const style = embed(p.prompt).conditioning.style;
    const prompt = `${p.prompt}, ${style === 'hiphop' ? 'hip hop' : style} music`;
    const e = embed(prompt);
    if (e.sources.style !== 'explicit' || e.conditioning.style !== style) {
      console.error(`"${prompt}" does not name ${style}`);
      process.exit(1);
    }
    return { prompt, quadrant: p.quadrant };
  });
// One prompt per line, as prettier lays the file out.
const line = (p: (typeof named)[number]): string =>
  `  { "prompt": ${JSON.stringify(p.prompt)}, "quadrant": ${JSON.stringify(p.quadrant)} }`;
writeFileSync(OUT, `[\n${named.map(line).join(',\n')}\n]\n`);
console.log(`${OUT}: ${named.length} prompts`);
