/**
 * The shape behind the embedder's mood -> register line ({@link REGISTER_FROM_MOOD}), measured on the
 * training corpus' mood-labelled clips (EMOPIA in `../shared/data/emopia`, never the held-out part): each
 * quadrant's mean pitch, and the valence, arousal and valence x arousal effects of a 2 x 2 fit (in
 * semitones per unit, the clips' moods at +-0.6 as in training). Exits non-zero when the embedder's terms
 * point another way than the data's (a sign differs), so the line cannot drift from what the corpus shows.
 *
 * Usage: node --import tsx bench/design/mood-register.ts [--emopia ../shared/data/emopia]
 */
import { parseArgs } from 'node:util';
import { REGISTER_FROM_MOOD } from '../../core/embed/attributes';
import { mean, meanOf, readEmopiaClips } from './emopia-clips';

const { values } = parseArgs({ options: { emopia: { type: 'string', default: '../shared/data/emopia' } } });
/** The valence and arousal training gives a quadrant's clips (core/features/corpus.ts). */
const MOOD = 0.6;
const pitches: Record<string, number[]> = { Q1: [], Q2: [], Q3: [], Q4: [] };
const { clips, unreadable } = readEmopiaClips(values.emopia!);
for (const c of clips) pitches[c.quadrant].push(meanOf(c.notes, 'pitch'));
const [q1, q2, q3, q4] = ['Q1', 'Q2', 'Q3', 'Q4'].map((q) => mean(pitches[q]));
for (const q of Object.keys(pitches))
  console.log(`${q}: ${pitches[q].length} clips, mean pitch ${mean(pitches[q]).toFixed(2)}`);
console.log(`${unreadable} unreadable`);
const effect = {
  valence: (q1 + q4 - q2 - q3) / (4 * MOOD),
  arousal: (q1 + q2 - q3 - q4) / (4 * MOOD),
  valenceArousal: (q1 + q3 - q2 - q4) / (4 * MOOD * MOOD),
};
console.log(
  `semitones per unit: valence ${effect.valence.toFixed(2)}, arousal ${effect.arousal.toFixed(2)}, ` +
    `valence x arousal ${effect.valenceArousal.toFixed(2)}`,
);
console.log(
  `embedder (register x 72 semitones): valence ${(REGISTER_FROM_MOOD.perValence * 72).toFixed(1)}, ` +
    `valence x arousal ${(REGISTER_FROM_MOOD.perValenceArousal * 72).toFixed(1)}`,
);
if (Math.sign(effect.valenceArousal) !== Math.sign(REGISTER_FROM_MOOD.perValenceArousal)) {
  console.error("the embedder's valence x arousal term points another way than EMOPIA's");
  process.exit(1);
}
