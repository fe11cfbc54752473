/**
 * Why the notes-only style classifier hears one style as another: the asked style's prompts written with
 * development seeds (1001 + 1000 s + 500 + i, as `seed-spread.ts` writes them), each feature's mean
 * z-score against the classifier's training pieces, and its pull towards the asked style over the heard
 * one (weight difference x z), largest first.
 *
 * Usage: node --import tsx bench/design/style-diag.ts --style cinematic --heard hiphop [--seeds 2]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadModels } from '../../cli/eval/generate';
import { readStyleClassifier } from '../../cli/eval/style';
import { quantizeNotes } from '../../core/codec/events';
import { compose } from '../../core/compose';
import { parsePrompts } from '../../core/eval/prompts';
import { styleFeatures } from '../../core/eval/style/features';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'assets/model' },
    style: { type: 'string', default: 'cinematic' },
    heard: { type: 'string', default: 'hiphop' },
    seeds: { type: 'string', default: '2' },
  },
});
const notes = readStyleClassifier('assets/eval/style.json').notes;
const prompts = parsePrompts(readFileSync('assets/eval/style-prompts.json', 'utf8'), 'json');
const { model } = await loadModels(values.model!, null);
const z = notes.features.map(() => 0);
let pieces = 0;
for (let s = 0; s < Number(values.seeds); s++)
  prompts.forEach((p, i) => {
    if (p.style !== values.style) return;
    const r = compose(model, { prompt: p.prompt, seconds: 30, seed: 1001 + s * 1000 + 500 + i });
    const f = styleFeatures({ ...r.sequence, notes: quantizeNotes(r.sequence.notes) });
    if (!f) return;
    pieces++;
    notes.features.forEach((_, k) => (z[k] += (f[k] - notes.mean[k]) / notes.std[k]));
  });
model.dispose();
const [a, b] = [notes.classes.indexOf(values.style!), notes.classes.indexOf(values.heard!)];
const rows = notes.features.map((name, k) => ({
  name,
  z: z[k] / pieces,
  w: notes.weights[a][k] - notes.weights[b][k],
}));
rows.sort((x, y) => Math.abs(y.z * y.w) - Math.abs(x.z * x.w));
console.log(
  `${values.style} (${pieces} pieces) against ${values.heard}: feature | mean z | weight difference | pull`,
);
for (const r of rows)
  console.log(`${r.name} | ${r.z.toFixed(2)} | ${r.w.toFixed(2)} | ${(r.z * r.w).toFixed(2)}`);
