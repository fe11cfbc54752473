/**
 * How often the harmony drops out: for each evaluation run's pieces of one set, grouped by the harmony's
 * instrument (pads 88-95, strings and choirs 48-54, pianos 0-7, guitars 24-31, the rest), the share of
 * bars where no harmony note sounds (the first and last bar left out: intros and endings may thin) and
 * how many pieces have two such bars in a row. A pad or string bed that stops for bars under a melody is
 * heard as a hole; a piano or guitar part almost never does it. For design work on development seeds.
 *
 * Usage: node --import tsx bench/design/harmony-gaps.ts --run DIR [--run DIR]... [--set default|rules-off]
 *        (each DIR an `audiogenesis eval --out`, pieces in midi/)
 */
import { parseArgs } from 'node:util';
import type { Note } from '../../core/sequence';
import { beatsPerBar } from '../../core/sequence';
import { instrumentGroup } from '../lib/instrument-group';
import { readRunSet } from '../lib/runs';

const { values } = parseArgs({
  options: { run: { type: 'string', multiple: true }, set: { type: 'string', default: 'default' } },
});
if (!values.run?.length) {
  console.error('usage: harmony-gaps.ts --run DIR [--run DIR]... [--set default|rules-off]');
  process.exit(2);
}

/** Silent bars (first and last left out) and the longest run of them. */
function silences(
  notes: readonly Note[],
  bar: number,
  totalBeats: number,
): { bars: number; silent: number; run: number } {
  const count = Math.floor(totalBeats / bar);
  let silent = 0;
  let run = 0;
  let longest = 0;
  for (let b = 1; b < count - 1; b++) {
    const sounds = notes.some((n) => n.start < (b + 1) * bar && n.end > b * bar);
    run = sounds ? 0 : run + 1;
    silent += sounds ? 0 : 1;
    longest = Math.max(longest, run);
  }
  return { bars: Math.max(0, count - 2), silent, run: longest };
}

const totals = new Map<string, { pieces: number; bars: number; silent: number; gappy: number }>();
for (const run of values.run)
  for (const seq of readRunSet(run, values.set!)) {
    const track = seq.tracks.findIndex((t) => t.role === 'harmony');
    if (track < 0) continue;
    const notes = seq.notes.filter((n) => n.track === track);
    const s = silences(
      notes,
      beatsPerBar(seq.timeSignatures[0] ?? { numerator: 4, denominator: 4 }),
      seq.totalBeats,
    );
    const key = instrumentGroup(seq.tracks[track].program);
    const t = totals.get(key) ?? { pieces: 0, bars: 0, silent: 0, gappy: 0 };
    totals.set(key, {
      pieces: t.pieces + 1,
      bars: t.bars + s.bars,
      silent: t.silent + s.silent,
      gappy: t.gappy + (s.run >= 2 ? 1 : 0),
    });
  }
console.log(`set ${values.set}: harmony by instrument`);
for (const [key, t] of [...totals].sort()) {
  const share = t.bars ? t.silent / t.bars : 0;
  console.log(
    `${key.padEnd(14)} ${String(t.pieces).padStart(4)} pieces  silent bars ${share.toFixed(3)}  ` +
      `pieces with 2+ silent bars in a row ${t.gappy}`,
  );
}
