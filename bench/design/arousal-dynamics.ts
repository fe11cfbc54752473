/**
 * The arousal -> dynamics lines, fitted on the training corpus' mood-labelled clips (EMOPIA in
 * `../shared/data/emopia`, never the held-out part): training conditions each clip on arousal +-0.6 (its
 * quadrant, `core/features/corpus.ts`) and on dynamics = its mean velocity / 127, so the line through the
 * two groups' mean dynamics is what the model saw (the embedder's `DYNAMICS_FROM_AROUSAL`); the line
 * through their mean velocity spread (standard deviation / 127) is the arranger's
 * `VELOCITY_SPREAD_FROM_AROUSAL`. Prints both fits beside the constants and exits non-zero when the
 * dynamics differ by more than 0.01 or the spread by more than 0.002.
 *
 * Usage: node --import tsx bench/design/arousal-dynamics.ts [--emopia ../shared/data/emopia]
 */
import { parseArgs } from 'node:util';
import { VELOCITY_SPREAD_FROM_AROUSAL } from '../../core/arrange/dynamics';
import { DYNAMICS_FROM_AROUSAL } from '../../core/embed/attributes';
import type { Note } from '../../core/sequence';
import { mean, meanOf, readEmopiaClips } from './emopia-clips';

const { values } = parseArgs({ options: { emopia: { type: 'string', default: '../shared/data/emopia' } } });
/** The arousal training gives a quadrant's clips (core/features/corpus.ts). */
const AROUSAL = 0.6;
const spreadOf = (notes: readonly Note[]): number => {
  const m = meanOf(notes, 'velocity');
  return Math.sqrt(mean(notes.map((n) => (n.velocity - m) ** 2))) / 127;
};
const groups = { high: [] as Note[][], low: [] as Note[][] };
const { clips, unreadable } = readEmopiaClips(values.emopia!);
for (const c of clips) (c.quadrant === 'Q1' || c.quadrant === 'Q2' ? groups.high : groups.low).push(c.notes);

/** The line through the two groups' means of `of`, printed beside the constants; the larger difference. */
function fitLine(label: string, of: (notes: Note[]) => number, shipped: { at0: number; perArousal: number }) {
  const [hi, lo] = [mean(groups.high.map(of)), mean(groups.low.map(of))];
  const fit = { at0: (hi + lo) / 2, perArousal: (hi - lo) / (2 * AROUSAL) };
  console.log(
    `${label}: high-arousal clips ${hi.toFixed(4)}, low-arousal ${lo.toFixed(4)}; ` +
      `fit ${fit.at0.toFixed(4)} + ${fit.perArousal.toFixed(4)} x arousal; ` +
      `shipped ${shipped.at0} + ${shipped.perArousal} x arousal`,
  );
  return Math.max(Math.abs(fit.at0 - shipped.at0), Math.abs(fit.perArousal - shipped.perArousal));
}

console.log(
  `EMOPIA clips: ${groups.high.length} high-arousal (Q1, Q2), ${groups.low.length} low-arousal (Q3, Q4); ` +
    `${unreadable} unreadable`,
);
const dynamicsOff = fitLine(
  'dynamics (mean velocity / 127)',
  (n) => meanOf(n, 'velocity') / 127,
  DYNAMICS_FROM_AROUSAL,
);
const spreadOff = fitLine('spread (velocity sd / 127)', spreadOf, VELOCITY_SPREAD_FROM_AROUSAL);
if (dynamicsOff > 0.01 || spreadOff > 0.002) {
  console.error(
    `the constants are off the fits: dynamics by ${dynamicsOff.toFixed(4)}, spread by ${spreadOff.toFixed(4)}`,
  );
  process.exit(1);
}
