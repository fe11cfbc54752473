/**
 * Where the bass sits against the harmony: for each evaluation run's pieces of one set, grouped by the
 * bass's program, the mean bass pitch, the harmony onsets that sound below the bass note sounding with
 * them (the arranger's `crossings`, pooled over onsets) and the pieces where more than
 * `CROSSING_SHARE` of them do. A bass among the strings' voices makes a harmony note the chord's lowest.
 * For design work on development seeds.
 *
 * Usage: node --import tsx bench/design/bass-register.ts --run DIR [--run DIR]... [--set default|rules-off]
 *        (each DIR an `audiogenesis eval --out`, pieces in midi/)
 */
import { parseArgs } from 'node:util';
import { CROSSING_SHARE, crossings } from '../../core/arrange/bass-register';
import { readRunSet } from '../lib/runs';

const { values } = parseArgs({
  options: { run: { type: 'string', multiple: true }, set: { type: 'string', default: 'default' } },
});
if (!values.run?.length) {
  console.error('usage: bass-register.ts --run DIR [--run DIR]... [--set default|rules-off]');
  process.exit(2);
}

/** Pooled figures of one group of pieces. */
interface Group {
  pieces: number;
  pitchSum: number;
  notes: number;
  onsets: number;
  under: number;
  crossed: number;
}

const groups = new Map<string, Group>();
const add = (key: string, pitches: number[], onsets: number, under: number): void => {
  const g = groups.get(key) ?? { pieces: 0, pitchSum: 0, notes: 0, onsets: 0, under: 0, crossed: 0 };
  g.pieces++;
  g.pitchSum += pitches.reduce((a, b) => a + b, 0);
  g.notes += pitches.length;
  g.onsets += onsets;
  g.under += under;
  if (onsets > 0 && under / onsets > CROSSING_SHARE) g.crossed++;
  groups.set(key, g);
};

for (const run of values.run) {
  for (const seq of readRunSet(run, values.set)) {
    const bass = seq.notes.filter((n) => n.role === 'bass');
    const harmony = seq.notes.filter((n) => n.role === 'harmony');
    if (bass.length === 0 || harmony.length === 0) continue;
    const { heard, under } = crossings(harmony, bass);
    const pitches = bass.map((n) => n.pitch);
    add(`program ${bass[0].program}`, pitches, heard, under);
    add('all', pitches, heard, under);
  }
}

console.log(`set ${values.set}: bass against harmony, by the bass's program`);
console.log('| bass | pieces | mean bass pitch | harmony onsets under the bass | pieces over the share |');
console.log('| --- | --- | --- | --- | --- |');
for (const [key, g] of [...groups].sort((a, b) => b[1].pieces - a[1].pieces)) {
  const share = g.onsets === 0 ? 0 : g.under / g.onsets;
  console.log(
    `| ${key} | ${g.pieces} | ${(g.pitchSum / g.notes).toFixed(1)} | ${g.under} of ${g.onsets} (${share.toFixed(3)}) | ${g.crossed} |`,
  );
}
