/**
 * How busy and how short the melody is, by style and lead instrument: every prompt of the evaluation's
 * set through the whole pipeline with development seeds (1001 + i, never the evaluation's), printing the
 * melody's notes per beat for each style/program group and, over all pieces, the mean share of melody
 * notes a sixteenth or shorter (the evaluation's figure; POP909's is 0.287). It is what chose the family
 * a synth-lead melody is written as (`core/model/families.ts`).
 *
 * The mean hides how that share spreads over pieces, so it also prints, by the family the melody plays
 * on, how many pieces fall in each fifth of it (0-20% of the notes short, 20-40%, ...) and how many are
 * nearly all sixteenths (at least 80%); with `--reference`, the same for real songs' melodies (30 s
 * excerpts from the middle, as the evaluation cuts them; use the training corpus' validation songs for
 * design work, never held-out music).
 *
 * Usage: node --import tsx bench/design/melody-density.ts [--model DIR] [--first 1001] [--reference DIR]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadModels } from '../../cli/eval/generate';
import { readReference } from '../../cli/eval/inputs';
import { compose } from '../../core/compose';
import { parsePrompts } from '../../core/eval/prompts';
import { roleFigures } from '../../core/eval/roles';
import { familyOfProgram } from '../../core/features/family';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'assets/model' },
    prompts: { type: 'string', default: 'assets/eval/prompts.json' },
    first: { type: 'string', default: '1001' },
    reference: { type: 'string' },
  },
});

/** Pieces per fifth of the short-note share (0-20%, ..., 80-100%), and those at 80% or more. */
function spread(shares: readonly number[]): string {
  const fifths = [0, 0, 0, 0, 0];
  for (const x of shares) fifths[Math.min(4, Math.floor(x * 5))]++;
  return `${fifths.join(' / ')} | ${shares.filter((x) => x >= 0.8).length} of ${shares.length}`;
}
/** The family the melody plays on -> the pieces' short-note shares. */
const byFamily = new Map<string, number[]>();
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
  if (!melody) return;
  shorts.push(melody.lengths[0]);
  const family = familyOfProgram(r.plan.programs.melody);
  byFamily.set(family, [...(byFamily.get(family) ?? []), melody.lengths[0]]);
});
model.dispose();
console.log('style/melody program | pieces | melody notes per beat');
for (const [key, g] of [...groups].sort())
  console.log(`${key} | ${g.pieces} | ${(g.notes / g.beats).toFixed(2)}`);
const short = shorts.reduce((s, x) => s + x, 0) / shorts.length;
console.log(`melody notes a sixteenth or shorter: ${short.toFixed(3)} (mean over ${shorts.length} pieces)`);
console.log(
  'melody family | pieces by share of notes a sixteenth or shorter: 0-20% / 20-40% / 40-60% / 60-80% / 80-100% | pieces at 80% or more',
);
for (const [family, shares] of [...byFamily].sort()) console.log(`${family} | ${spread(shares)}`);
console.log(`all | ${spread(shorts)}`);
if (values.reference) {
  const { set } = await readReference([values.reference], 30, 100, { workers: 1 });
  const real = set.pieces.flatMap((p, i) => {
    const melody = roleFigures(p, set.chords?.[i] ?? null).melody;
    return melody ? [melody.lengths[0]] : [];
  });
  console.log(`reference ${values.reference} | ${spread(real)}`);
}
