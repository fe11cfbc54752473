/**
 * MGEval's per-piece features (Yang & Lerch, "On the evaluation of generative models in music", Neural
 * Computing and Applications, 2018; `mgeval/core.py`), computed on the pitched notes of all tracks (drums
 * are left out, as MGEval reads one pitched track). Each feature is a vector; pieces are compared by the
 * Euclidean distance between them.
 */
import type { Note, NoteSequence } from '../../sequence';
import { beatsToSeconds } from '../../sequence';

/** The feature names, in report order. */
export const MGEVAL_FEATURES = [
  'usedPitches',
  'usedNotes',
  'pitchClassHistogram',
  'pitchClassTransition',
  'pitchRange',
  'avgPitchShift',
  'avgIoi',
  'noteLengthHistogram',
  'noteLengthTransition',
] as const;

/** One MGEval feature name. */
export type MgevalFeature = (typeof MGEVAL_FEATURES)[number];

/** A piece's features: one vector per feature. */
export type MgevalVector = Record<MgevalFeature, number[]>;

/**
 * MGEval's twelve note-length classes, in beats: whole, half, quarter, 8th, 16th, dotted half, dotted
 * quarter, dotted 8th, dotted 16th, half triplet, quarter triplet, 8th triplet (MGEval's units of a 4/4
 * bar / 96, here fixed to a quarter-note beat whatever the meter).
 */
export const NOTE_LENGTH_CLASSES = [4, 2, 1, 1 / 2, 1 / 4, 3, 3 / 2, 3 / 4, 3 / 8, 4 / 3, 2 / 3, 1 / 3];

/** Index of the nearest note-length class of a duration in beats (first on ties). */
export function noteLengthClass(beats: number): number {
  let best = 0;
  for (let i = 1; i < NOTE_LENGTH_CLASSES.length; i++)
    if (Math.abs(NOTE_LENGTH_CLASSES[i] - beats) < Math.abs(NOTE_LENGTH_CLASSES[best] - beats)) best = i;
  return best;
}

/** pretty_midi's transition window: a note's end within this many seconds of another's start. */
export const TRANSITION_SECONDS = 0.05;

interface TimedNote {
  pitch: number;
  start: number;
  end: number;
  beats: number;
  track: string;
}

function normalised(xs: number[]): number[] {
  const total = xs.reduce((s, x) => s + x, 0);
  return total > 0 ? xs.map((x) => x / total) : xs;
}

/**
 * pretty_midi `get_pitch_class_transition_matrix` summed over tracks: a count at [pc(a)][pc(b)] for every
 * pair of notes of one track with |end(a) - start(b)| < 0.05 s; normalised by the matrix sum (MGEval's
 * `normalize=2`).
 */
function pitchClassTransition(notes: readonly TimedNote[]): number[] {
  const m = new Array<number>(144).fill(0);
  const byTrack = new Map<string, TimedNote[]>();
  for (const n of notes) byTrack.set(n.track, [...(byTrack.get(n.track) ?? []), n]);
  for (const track of byTrack.values()) {
    if (track.length <= 1) continue;
    const starts = [...track].sort((a, b) => a.start - b.start);
    for (const a of track) {
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid].start <= a.end - TRANSITION_SECONDS) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < starts.length && starts[i].start < a.end + TRANSITION_SECONDS; i++)
        m[(a.pitch % 12) * 12 + (starts[i].pitch % 12)]++;
    }
  }
  return normalised(m);
}

/**
 * Computes a piece's MGEval features:
 * - `usedPitches`: distinct pitches; `usedNotes`: notes (`total_used_pitch`, `total_used_note`);
 * - `pitchClassHistogram`: duration-weighted (seconds) and normalised (`total_pitch_class_histogram`);
 * - `pitchClassTransition`: see above (`pitch_class_transition_matrix`);
 * - `pitchRange`: highest - lowest pitch; `avgPitchShift`: mean |interval| between consecutive notes in
 *   onset order;
 * - `avgIoi`: mean difference of the sorted onsets in seconds, every note's onset counted as pretty_midi's
 *   `get_onsets` does (a chord adds zero intervals);
 * - `noteLengthHistogram` / `noteLengthTransition`: note lengths in beats snapped to
 *   {@link NOTE_LENGTH_CLASSES}, as a normalised histogram and a normalised 12 x 12 matrix of consecutive
 *   notes' classes.
 */
export function mgevalFeatures(seq: NoteSequence): MgevalVector {
  const notes: TimedNote[] = seq.notes
    .filter((n: Note) => !n.isDrum)
    .map((n) => ({
      pitch: n.pitch,
      start: beatsToSeconds(n.start, seq.tempos),
      end: beatsToSeconds(n.end, seq.tempos),
      beats: n.end - n.start,
      track: `${n.track ?? n.role}`,
    }))
    .sort((a, b) => a.start - b.start || a.pitch - b.pitch);
  const pitches = notes.map((n) => n.pitch);
  const pcHist = new Array<number>(12).fill(0);
  for (const n of notes) pcHist[n.pitch % 12] += n.end - n.start;
  let shift = 0;
  for (let i = 1; i < notes.length; i++) shift += Math.abs(notes[i].pitch - notes[i - 1].pitch);
  const lengthClasses = notes.map((n) => noteLengthClass(n.beats));
  const lengthHist = new Array<number>(12).fill(0);
  for (const c of lengthClasses) lengthHist[c]++;
  const lengthTrans = new Array<number>(144).fill(0);
  for (let i = 1; i < lengthClasses.length; i++) lengthTrans[lengthClasses[i - 1] * 12 + lengthClasses[i]]++;
  return {
    usedPitches: [new Set(pitches).size],
    usedNotes: [notes.length],
    pitchClassHistogram: normalised(pcHist),
    pitchClassTransition: pitchClassTransition(notes),
    pitchRange: [pitches.length ? Math.max(...pitches) - Math.min(...pitches) : 0],
    avgPitchShift: [notes.length > 1 ? shift / (notes.length - 1) : 0],
    avgIoi: [notes.length > 1 ? (notes[notes.length - 1].start - notes[0].start) / (notes.length - 1) : 0],
    noteLengthHistogram: normalised(lengthHist),
    noteLengthTransition: normalised(lengthTrans),
  };
}

/** Euclidean distance between two feature vectors of the same length. */
export function euclidean(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}
