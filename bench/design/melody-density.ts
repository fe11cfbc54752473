/**
 * How busy and how short the melody is, by style and lead instrument: every prompt of the evaluation's
 * set through the whole pipeline with development seeds (1001 + i, never the evaluation's), printing the
 * melody's notes per beat for each style/program group and, over all pieces, the mean share of melody
 * notes a sixteenth or shorter (the evaluation's figure; POP909's is 0.287). It is what chose the family
 * a synth-lead melody is written as (`core/model/families.ts`).
 *
 * Usage: node --import tsx bench/design/melody-density.ts [--model DIR] [--first 1001]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadModels } from '../../cli/eval/generate';
import { compose } from '../../core/compose';
import { parsePrompts } from '../../core/eval/prompts';
import { roleFigures } from '../../core/eval/roles';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'assets/model' },
    prompts: { type: 'string', default: 'assets/eval/prompts.json' },
    first: { type: 'string', default: '1001' },
  },
});
const prompts = parsePrompts(readFileSync(values.prompts!, 'utf8'), 'json');
const { model } = await loadModels(values.model!, null);
const groups = new Map<string, { pieces: number; beats: number; notes: number }>();
const shorts: number[] = [];
prompts.forEach((p, i) => {
  const r = compose(model, { prompt: p.prompt, seconds: 30, seed: Number(values.first) + i });
  const key = `${r.embedding.style}/${r.plan.programs.melody}`;
  const g = groups.get(key) ?? { pieces: 0, beats: 0, notes: 0 };
  g.pieces++;
  g.beats += r.plan.beats;
  g.notes += r.sequence.notes.filter((n) => n.role === 'melody').length;
  groups.set(key, g);
  const melody = roleFigures(r.sequence, r.plan.chords).melody;
  if (melody) shorts.push(melody.lengths[0]);
});
model.dispose();
console.log('style/melody program | pieces | melody notes per beat');
for (const [key, g] of [...groups].sort())
  console.log(`${key} | ${g.pieces} | ${(g.notes / g.beats).toFixed(2)}`);
const short = shorts.reduce((s, x) => s + x, 0) / shorts.length;
console.log(`melody notes a sixteenth or shorter: ${short.toFixed(3)} (mean over ${shorts.length} pieces)`);
