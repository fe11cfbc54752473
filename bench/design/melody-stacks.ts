/**
 * How often a tune is struck as chords: the share of melody notes struck together with another melody
 * note (`struckTogether`, the evaluation's `melody.stacked`), and the intervals under the top note of
 * such strikes, for generated sets (`--run`, the evaluation's folders; the mean over pieces, as the
 * evaluation summarises), POP909-layout songs' MELODY tracks (`--reference`) and each corpus's training
 * melody streams in a scan (`--scan`, pooled over notes, each stream weighted by its sampling weight); for
 * runs and songs also the count of notes under a struck top note and of those a second below it.
 *
 * Usage: node --import tsx bench/design/melody-stacks.ts [--run DIR...] [--set rules-off] [--reference DIR]
 *        [--scan DIR]
 */
import { parseArgs } from 'node:util';
import { decodeEvents } from '../../core/codec/events';
import { strikes, struckTogether } from '../../core/eval/roles';
import type { Note } from '../../core/sequence';
import { MELODY_SOURCE_OPTIONS, melodyTrackNotes, readRunSet, readSongFolder } from '../lib/runs';
import { readScanRows, readTrainShard, streamEvents } from '../lib/scan-copy';

const { values } = parseArgs({
  options: MELODY_SOURCE_OPTIONS,
});
if (!values.run.length && !values.reference && !values.scan) {
  console.error('usage: melody-stacks.ts [--run DIR...] [--set rules-off] [--reference DIR] [--scan DIR]');
  process.exit(2);
}

/** Interval classes under a strike's top note (semitones): seconds, thirds, fourths to sixths, sevenths, octave, wider. */
const CLASSES = ['1-2', '3-4', '5-9', '10-11', '12', '13+'] as const;
const classOf = (d: number): number =>
  d <= 2 ? 0 : d <= 4 ? 1 : d <= 9 ? 2 : d <= 11 ? 3 : d === 12 ? 4 : 5;

/** Pooled stacked shares and interval counts. */
class Tally {
  /** `counted`: every piece weighs 1, so the interval tallies are note counts (not a scan's weights). */
  constructor(readonly counted = true) {}

  pieces = 0;
  weight = 0;
  sum = 0;
  intervals = new Array<number>(CLASSES.length).fill(0);

  /** Adds one piece's (or stream's) melody notes with `weight`. */
  add(notes: readonly Note[], weight = 1): void {
    const struck = strikes(notes);
    const s = struckTogether(notes, struck);
    if (Number.isNaN(s)) return;
    this.pieces++;
    this.weight += weight;
    this.sum += s * weight;
    for (const strike of struck) {
      const top = Math.max(...strike.map((n) => n.pitch));
      for (const n of strike) if (n.pitch !== top) this.intervals[classOf(top - n.pitch)] += weight;
    }
  }

  /** Adds another tally's counts. */
  merge(t: Tally): void {
    this.pieces += t.pieces;
    this.weight += t.weight;
    this.sum += t.sum;
    t.intervals.forEach((c, i) => (this.intervals[i] += c));
  }

  row(label: string): string {
    const total = this.intervals.reduce((a, b) => a + b, 0) || 1;
    const iv = this.intervals.map((c) => (c / total).toFixed(2));
    const share = (this.sum / Math.max(1e-9, this.weight)).toFixed(3);
    const counts = this.counted ? `${total} (${this.intervals[0]})` : '–';
    return `| ${label} | ${this.pieces} | ${share} | ${iv.join(' | ')} | ${counts} |`;
  }
}

console.log(
  `| source | pieces (streams) | notes struck together | under the top: ${CLASSES.join(' | ')} semitones | notes under the top (a second below) |`,
);
console.log(`| --- | --- | --- | ${CLASSES.map(() => '---').join(' | ')} | --- |`);
for (const run of values.run) {
  const t = new Tally();
  for (const seq of readRunSet(run, values.set)) {
    const melody = seq.notes.filter((n) => n.role === 'melody');
    if (melody.length > 0) t.add(melody);
  }
  console.log(t.row(`${run} (${values.set})`));
}
if (values.reference) {
  const t = new Tally();
  for (const seq of readSongFolder(values.reference)) {
    const melody = melodyTrackNotes(seq);
    if (melody?.length) t.add(melody);
  }
  console.log(t.row(`${values.reference} (MELODY tracks)`));
}
if (values.scan) {
  const train = readTrainShard(values.scan);
  const tallies = new Map<string, Tally>();
  for (const { ref } of readScanRows(values.scan)) {
    if (ref.split !== 'train' || ref.role !== 'melody') continue;
    const notes = decodeEvents(streamEvents(train, ref));
    const t = tallies.get(ref.corpus ?? '?') ?? new Tally(false);
    // A stream weighs its sampling weight times its notes: the share training sees.
    t.add(notes, (ref.weight ?? 1) * notes.length);
    tallies.set(ref.corpus ?? '?', t);
  }
  const all = new Tally(false);
  for (const [corpus, t] of [...tallies].sort(([a], [b]) => (a < b ? -1 : 1))) {
    console.log(t.row(`${values.scan}: ${corpus} (training melody streams, by notes x weight)`));
    all.merge(t);
  }
  console.log(all.row(`${values.scan}: all corpora`));
}
