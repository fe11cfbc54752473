/**
 * How often the accompaniment sits above the tune: the share of melody onsets at which a harmony note
 * sounding at that moment is higher than the melody note, for an evaluation run's pieces grouped by the
 * harmony's instrument (pads 88-95, strings and choirs 48-54, pianos 0-7, guitars 24-31, the rest), and
 * with `--reference` for POP909-layout songs (tracks MELODY and PIANO, their names in any case); and the
 * mean gap between a piece's mean melody pitch and its mean harmony pitch, in semitones. For design work
 * on development seeds and the training corpus' validation split (never held-out music).
 *
 * Usage: node --import tsx bench/design/harmony-above-melody.ts [--run DIR]... [--set default]
 *        [--reference DIR]
 */
import { parseArgs } from 'node:util';
import type { Note, NoteSequence } from '../../core/sequence';
import { instrumentGroup } from '../lib/instrument-group';
import { melodyTrackNotes, namedTrackNotes, readRunSet, readSongFolder } from '../lib/runs';

const { values } = parseArgs({
  options: {
    run: { type: 'string', multiple: true },
    set: { type: 'string', default: 'default' },
    reference: { type: 'string' },
  },
});
if (!values.run?.length && !values.reference) {
  console.error('usage: harmony-above-melody.ts [--run DIR]... [--set NAME] [--reference DIR]');
  process.exit(2);
}

const EPS = 1e-6;

/** Melody onsets, and those with a sounding harmony note above the melody note. */
function above(melody: readonly Note[], harmony: readonly Note[]): [number, number] {
  let hits = 0;
  for (const m of melody)
    if (harmony.some((h) => h.start <= m.start + EPS && h.end > m.start + EPS && h.pitch > m.pitch)) hits++;
  return [hits, melody.length];
}

/** Each source's per-piece gaps (mean melody pitch - mean harmony pitch). */
const gaps = new Map<string, number[]>();
const meanPitch = (notes: readonly Note[]): number => notes.reduce((a, n) => a + n.pitch, 0) / notes.length;
function addGap(source: string, melody: readonly Note[], harmony: readonly Note[]): void {
  if (melody.length && harmony.length)
    gaps.set(source, [...(gaps.get(source) ?? []), meanPitch(melody) - meanPitch(harmony)]);
}

const totals = new Map<string, [number, number]>();
const add = (key: string, [hits, n]: [number, number]): void => {
  const t = totals.get(key) ?? [0, 0];
  totals.set(key, [t[0] + hits, t[1] + n]);
};
const trackNotes = (seq: NoteSequence, track: number): Note[] => seq.notes.filter((n) => n.track === track);

for (const run of values.run ?? [])
  for (const seq of readRunSet(run, values.set!)) {
    const mel = seq.tracks.findIndex((t) => t.role === 'melody');
    const har = seq.tracks.findIndex((t) => t.role === 'harmony');
    if (mel < 0 || har < 0) continue;
    add(instrumentGroup(seq.tracks[har].program), above(trackNotes(seq, mel), trackNotes(seq, har)));
    addGap('generated', trackNotes(seq, mel), trackNotes(seq, har));
  }
if (values.reference)
  for (const seq of readSongFolder(values.reference)) {
    const mel = melodyTrackNotes(seq);
    const har = namedTrackNotes(seq, 'PIANO');
    if (!mel || !har) continue;
    add('reference piano', above(mel, har));
    addGap('reference', mel, har);
  }
for (const [key, [hits, n]] of [...totals].sort())
  console.log(
    `${key.padEnd(16)} ${String(n).padStart(6)} melody onsets  harmony above ${(hits / n).toFixed(3)}`,
  );
for (const [source, xs] of gaps)
  console.log(
    `${source}: melody over harmony by ${(xs.reduce((a, x) => a + x, 0) / xs.length).toFixed(1)} semitones ` +
      `on average over ${xs.length} pieces`,
  );
