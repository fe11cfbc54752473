/**
 * How well the evaluation's key finder (Aarden-Essen profiles, `core/features/key-profiles.ts`) hears the
 * annotated keys of real songs, beside the generator's own (Krumhansl-Kessler, `core/features/key.ts`).
 * Reads POP909's training songs (their `key_audio.txt`; never the held-out set) through the scanner's
 * pipeline and prints the share of songs whose key each finder names exactly, by mode.
 * Exits 1 when the evaluation's finder names fewer than {@link TARGET} of the keys.
 *
 * Run: `node --import tsx scripts/check-key-finder.ts [../shared/data/pop909]` (about a minute).
 */
import { pieceSequence, readCorpus } from '../cli/eval/corpus';
import { findKey } from '../core/features/key';
import { findKeyIndependent } from '../core/features/key-profiles';

/** Share of annotated keys the evaluation's finder must name exactly. */
const TARGET = 0.85;

const dir = process.argv[2] ?? '../shared/data/pop909';
const finders = {
  'Aarden-Essen (evaluation)': findKeyIndependent,
  'Krumhansl-Kessler (generation)': findKey,
};
const hits: Record<string, Record<string, number>> = {};
const songs: Record<string, number> = { major: 0, minor: 0 };
await readCorpus([dir], {
  workers: 0,
  onPiece: (p) => {
    if (!p.task.keyFile) return;
    const k = p.row.key;
    songs[k.mode]++;
    const pitched = pieceSequence(p).notes.filter((n) => !n.isDrum);
    for (const [name, find] of Object.entries(finders)) {
      const f = find(pitched);
      hits[name] ??= { major: 0, minor: 0 };
      if (f.tonic === k.tonic && f.mode === k.mode) hits[name][k.mode]++;
    }
  },
});
const total = songs.major + songs.minor;
const pct = (a: number, b: number): string => `${a}/${b} = ${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
console.log(`| key finder | all (${total} songs) | major | minor |\n| --- | --- | --- | --- |`);
for (const [name, h] of Object.entries(hits))
  console.log(
    `| ${name} | ${pct(h.major + h.minor, total)} | ${pct(h.major, songs.major)} | ${pct(h.minor, songs.minor)} |`,
  );
const mine = hits['Aarden-Essen (evaluation)'];
const share = (mine.major + mine.minor) / Math.max(1, total);
console.log(`\nevaluation's finder: ${(100 * share).toFixed(1)}% (target ${100 * TARGET}%)`);
process.exitCode = total > 0 && share >= TARGET ? 0 : 1;
