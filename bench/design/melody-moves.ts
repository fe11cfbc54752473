/**
 * How melodies move: repeats, steps (1-2 semitones), leaps and the interval histogram of the melody line
 * (the highest note of each onset, as the evaluation reads it; `bench/lib/melody-moves.ts`), for generated
 * sets (`--run`, the evaluation's folders), POP909-layout songs' MELODY tracks (`--reference`) and each
 * corpus's training melody streams in a scan (`--scan`, weighted by their sampling weights). With `--out`,
 * writes a copy of the scan without the training melody streams that run fast (as
 * `corpus-melody-speed.ts` leaves out) or whose line steps less than `--min-step` or leaps more than
 * `--max-leap`, for a fine-tune that asks what the model learns from stepwise tunes.
 *
 * Usage: node --import tsx bench/design/melody-moves.ts [--run DIR...] [--set rules-off] [--reference DIR]
 *        [--scan DIR [--out DIR] [--min-step 0.3] [--max-leap 0.5]]
 */
import { parseArgs } from 'node:util';
import { decodeEvents } from '../../core/codec/events';
import { lineMoves, moveShares } from '../../core/eval/roles';
import { MOVE_BINS, MoveTally } from '../lib/melody-moves';
import { MAX_FAST_SHARE, MIN_GAPS, onsetGaps } from '../lib/onset-gaps';
import { MELODY_SOURCE_OPTIONS, melodyTrackNotes, readRunSet, readSongFolder } from '../lib/runs';
import type { ScanRow } from '../lib/scan-copy';
import { readScanRows, readTrainShard, streamEvents, writeScanCopy } from '../lib/scan-copy';

/** A training line needs this many moves (8 notes) before its shares say how it moves. */
const MIN_MOVES = 7;

const { values } = parseArgs({
  options: {
    ...MELODY_SOURCE_OPTIONS,
    out: { type: 'string' },
    'min-step': { type: 'string', default: '0' },
    'max-leap': { type: 'string', default: '1' },
  },
});
const [minStep, maxLeap] = [Number(values['min-step']), Number(values['max-leap'])];
if ((values.out && !values.scan) || !(minStep >= 0 && minStep <= 1) || !(maxLeap >= 0 && maxLeap <= 1)) {
  console.error('usage: melody-moves.ts [--run DIR...] [--reference DIR] [--scan DIR [--out DIR] ...]');
  process.exit(2);
}

const bins = [...Array(MOVE_BINS + 1).keys()].map((b) => (b === MOVE_BINS ? `${b}+` : String(b)));
console.log(`| source | lines | moves | repeat | step | leap | ${bins.join(' | ')} |`);
console.log(`| --- | --- | --- | --- | --- | --- | ${bins.map(() => '---').join(' | ')} |`);
const f3 = (x: number) => x.toFixed(3);
function row(label: string, t: MoveTally): void {
  const s = t.shares();
  const h = t.histogram().map(f3);
  console.log(
    `| ${label} | ${t.lines} | ${t.moves} | ${f3(s.repeat)} | ${f3(s.step)} | ${f3(s.leap)} | ${h.join(' | ')} |`,
  );
}

for (const run of values.run) {
  const t = new MoveTally();
  for (const seq of readRunSet(run, values.set))
    t.add(lineMoves(seq.notes.filter((n) => n.role === 'melody')));
  row(`${run} (${values.set})`, t);
}

if (values.reference) {
  const t = new MoveTally();
  for (const seq of readSongFolder(values.reference)) {
    const melody = melodyTrackNotes(seq);
    if (melody) t.add(lineMoves(melody));
  }
  row(`${values.reference} (MELODY tracks)`, t);
}

if (values.scan) {
  const train = readTrainShard(values.scan);
  const tallies = new Map<string, MoveTally>();
  const kept: ScanRow[] = [];
  const keptMoves = new MoveTally();
  let [fastLeft, movesLeft] = [0, 0];
  for (const r of readScanRows(values.scan)) {
    const { ref } = r;
    if (ref.split === 'train' && ref.role === 'melody') {
      const events = streamEvents(train, ref);
      const { gaps, fast } = onsetGaps(events, ref.conditioning.tempo);
      const moves = lineMoves(decodeEvents(events));
      // Too short a line says nothing of how it moves: not tallied, and not left out for its moves.
      const counted = moves.length >= MIN_MOVES ? moves : [];
      const corpus = tallies.get(ref.corpus ?? '?') ?? new MoveTally();
      corpus.add(counted, ref.weight ?? 1);
      tallies.set(ref.corpus ?? '?', corpus);
      if (gaps >= MIN_GAPS && fast / gaps > MAX_FAST_SHARE) {
        fastLeft++;
        continue;
      }
      const s = moveShares(counted);
      if (s.step < minStep || s.leap > maxLeap) {
        movesLeft++;
        continue;
      }
      keptMoves.add(counted, ref.weight ?? 1);
    }
    kept.push(r);
  }
  for (const [corpus, t] of [...tallies].sort(([a], [b]) => (a < b ? -1 : 1)))
    row(`${values.scan}: ${corpus} (training melody streams, by sampling weight)`, t);
  if (values.out) {
    row(`${values.out}: the training melody streams kept, all corpora`, keptMoves);
    writeScanCopy(values.scan, values.out, kept);
    console.log(
      `${values.out}: ${fastLeft} fast and ${movesLeft} other training melody streams left out, ${kept.length} index rows kept`,
    );
  }
}
