/**
 * How fast the melodies run: for an evaluation run's pieces (one set), and with `--reference` for
 * POP909-layout songs (their MELODY track), the share of the melody's gaps between successive onsets that
 * are shorter than `--gap` seconds (notes starting together count once), the pieces where more than a fifth
 * of the gaps are, and the melody's median note length in seconds. A lead line played faster than about
 * ten notes a second is a run or an ornament, not a tune; POP909's melodies all but never go there. For
 * design work on development seeds and the training corpus' validation split (never held-out music).
 *
 * Usage: node --import tsx bench/design/melody-speed.ts [--run DIR]... [--set default] [--reference DIR]
 *        [--gap 0.1]
 */
import { parseArgs } from 'node:util';
import type { Note, NoteSequence } from '../../core/sequence';
import { beatsToSeconds } from '../../core/sequence';
import { MIN_GAPS } from '../lib/onset-gaps';
import { melodyTrackNotes, readRunSet, readSongFolder } from '../lib/runs';

const { values } = parseArgs({
  options: {
    run: { type: 'string', multiple: true },
    set: { type: 'string', default: 'default' },
    reference: { type: 'string' },
    gap: { type: 'string', default: '0.1' },
  },
});
const gap = Number(values.gap);
if ((!values.run?.length && !values.reference) || !(gap > 0)) {
  console.error('usage: melody-speed.ts [--run DIR]... [--set NAME] [--reference DIR] [--gap SECONDS]');
  process.exit(2);
}

/** One piece's melody: its onset gaps in seconds and its note lengths in seconds. */
interface Speed {
  gaps: number[];
  lengths: number[];
}

function speed(seq: NoteSequence, melody: readonly Note[]): Speed | null {
  const at = (beat: number): number => beatsToSeconds(beat, seq.tempos);
  const onsets = [...new Set(melody.map((n) => Math.round(at(n.start) * 1000)))].sort((a, b) => a - b);
  if (onsets.length - 1 < MIN_GAPS) return null;
  return {
    gaps: onsets.slice(1).map((t, i) => (t - onsets[i]) / 1000),
    lengths: melody.map((n) => at(n.end) - at(n.start)),
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function report(source: string, pieces: readonly Speed[]): void {
  if (pieces.length === 0) {
    console.log(`| ${source} | 0 | - | - | - |`);
    return;
  }
  const shares = pieces.map((p) => p.gaps.filter((g) => g < gap).length / p.gaps.length);
  const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
  const fast = shares.filter((s) => s > 0.2).length;
  const len = median(pieces.flatMap((p) => p.lengths));
  console.log(
    `| ${source} | ${pieces.length} | ${(100 * mean).toFixed(1)}% | ${fast} (${((100 * fast) / pieces.length).toFixed(1)}%) | ${len.toFixed(3)} |`,
  );
}

console.log(
  `| source | pieces | melody onset gaps under ${gap} s | pieces with more than 20% | median melody note (s) |`,
);
console.log('| --- | --- | --- | --- | --- |');
for (const run of values.run ?? []) {
  const pieces = readRunSet(run, values.set!)
    .map((seq) =>
      speed(
        seq,
        seq.notes.filter((n) => n.role === 'melody' && !n.isDrum),
      ),
    )
    .filter((s): s is Speed => s !== null);
  report(`${run} (${values.set})`, pieces);
}
if (values.reference) {
  const pieces: Speed[] = [];
  for (const seq of readSongFolder(values.reference)) {
    const melody = melodyTrackNotes(seq);
    const s = melody && speed(seq, melody);
    if (s) pieces.push(s);
  }
  report(`${values.reference} (MELODY)`, pieces);
}
