/**
 * Where a corpus file's beat grid comes from: its annotated beats, beats tracked from a performance without
 * a grid (a transcription at MIDI's default tempo, off the sixteenth grid), or the file's own tempo map.
 */
import { retimeToBeats } from '../codec/beatgrid';
import type { NoteSequence } from '../sequence';
import { trackBeats } from './beats';
import type { CorpusInput, CorpusRow } from './corpus-data';

/**
 * Onsets further than this (mean, in beats) from a sixteenth/triplet grid mark a performance without a grid
 * (measured: EMOPIA's transcriptions 0.042-0.053, random placement about 0.048, Groove's played drums
 * 0.019-0.056 but with a real click tempo).
 */
export const PERFORMANCE_DEVIATION = 0.035;

/** True when a file looks like a transcription: MIDI's default 120 bpm only, no stated bpm, off the grid. */
export function looksLikePerformance(seq: NoteSequence, statedBpm?: number): boolean {
  const defaultTempo = seq.tempos.length === 1 && Math.abs(seq.tempos[0].bpm - 120) < 1e-6;
  return statedBpm === undefined && defaultTempo && gridDeviation(seq) > PERFORMANCE_DEVIATION;
}

const GRID_MARKS = [0, 1 / 4, 1 / 3, 1 / 2, 2 / 3, 3 / 4, 1];

/** Mean distance, in beats, of the onsets from the nearest sixteenth or eighth-triplet position. */
export function gridDeviation(seq: NoteSequence): number {
  if (seq.notes.length === 0) return 0;
  let total = 0;
  for (const n of seq.notes) {
    const f = n.start - Math.floor(n.start);
    total += Math.min(...GRID_MARKS.map((g) => Math.abs(f - g)));
  }
  return total / seq.notes.length;
}

/** The file's notes on a beat grid: annotated beats, tracked beats for a performance, or the file's own. */
export function placeOnGrid(
  input: CorpusInput,
  seq: NoteSequence,
): { seq: NoteSequence; grid: CorpusRow['grid'] } {
  const bpb = input.beatsPerBar ?? 4;
  if (input.noGrid) return { seq, grid: 'none' };
  if (input.beats && input.beats.length >= 2)
    return { seq: retimeToBeats(seq, input.beats, { beatsPerBar: bpb }), grid: 'annotated' };
  const performance =
    input.performance === 'auto' ? looksLikePerformance(seq, input.labels?.bpm) : input.performance;
  if (performance) {
    const onsets = seq.notes.map((n) => ({
      time: n.start * (60 / (seq.tempos[0]?.bpm ?? 120)),
      strength: n.velocity / 127,
    }));
    const beats = trackBeats(onsets, bpb);
    if (beats.length >= 2) return { seq: retimeToBeats(seq, beats, { beatsPerBar: bpb }), grid: 'tracked' };
  }
  return { seq, grid: 'file' };
}
