/**
 * The embedder's arousal -> dynamics line, fitted on the training corpus' mood-labelled clips (EMOPIA in
 * `../shared/data/emopia`, never the held-out part): training conditions each clip on arousal +-0.6 (its
 * quadrant, `core/features/corpus.ts`) and on dynamics = its mean velocity / 127, so the line through the
 * two groups' mean dynamics is what the model saw. Prints the fit beside the embedder's constants and exits
 * non-zero when they differ by more than 0.01.
 *
 * Usage: node --import tsx bench/design/arousal-dynamics.ts [--emopia ../shared/data/emopia]
 */
import { parseArgs } from 'node:util';
import { DYNAMICS_FROM_AROUSAL } from '../../core/embed/attributes';
import { meanOf, readEmopiaClips } from './emopia-clips';

const { values } = parseArgs({ options: { emopia: { type: 'string', default: '../shared/data/emopia' } } });
/** The arousal training gives a quadrant's clips (core/features/corpus.ts). */
const AROUSAL = 0.6;
const groups = { high: [] as number[], low: [] as number[] };
const { clips, unreadable } = readEmopiaClips(values.emopia!);
for (const c of clips)
  (c.quadrant === 'Q1' || c.quadrant === 'Q2' ? groups.high : groups.low).push(
    meanOf(c.notes, 'velocity') / 127,
  );
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const [hi, lo] = [mean(groups.high), mean(groups.low)];
const fit = { at0: (hi + lo) / 2, perArousal: (hi - lo) / (2 * AROUSAL) };
console.log(
  `EMOPIA clips: ${groups.high.length} high-arousal (Q1, Q2) at mean dynamics ${hi.toFixed(3)}, ` +
    `${groups.low.length} low-arousal (Q3, Q4) at ${lo.toFixed(3)}; ${unreadable} unreadable`,
);
console.log(`fit: dynamics = ${fit.at0.toFixed(3)} + ${fit.perArousal.toFixed(3)} x arousal`);
console.log(`embedder: ${DYNAMICS_FROM_AROUSAL.at0} + ${DYNAMICS_FROM_AROUSAL.perArousal} x arousal`);
const off = Math.max(
  Math.abs(fit.at0 - DYNAMICS_FROM_AROUSAL.at0),
  Math.abs(fit.perArousal - DYNAMICS_FROM_AROUSAL.perArousal),
);
if (off > 0.01) {
  console.error(`the embedder's constants are ${off.toFixed(3)} from the fit`);
  process.exit(1);
}
