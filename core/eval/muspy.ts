/**
 * Musical quality of one piece with MusPy's definitions (Dong et al., "MusPy: A Toolkit for Symbolic Music
 * Generation", ISMIR 2020; `muspy/metrics/metrics.py`), on a time grid of {@link QualityOptions.resolution}
 * steps per beat (MusPy's `music.resolution`). Every metric returns NaN where MusPy does (no notes, no drums,
 * fewer than two bars).
 */
import type { Note, NoteSequence } from '../sequence';
import { beatsPerBar, durationSeconds } from '../sequence';

/** The per-piece quality figures. */
export interface QualityMetrics {
  /** Base-2 entropy of the pitch-class histogram of note counts (drums ignored), 0..log2(12). */
  pitchClassEntropy: number;
  /** Largest share of pitched notes inside one of the 24 major / natural-minor scales. */
  scaleConsistency: number;
  /** Share of beats in which no note (drums included) sounds. */
  emptyBeatRate: number;
  /** Mean number of pitches on at the time steps where at least one pitch is on (drums ignored). */
  polyphony: number;
  /** 1 - mean Hamming distance between the onset vectors of neighbouring bars (all tracks). */
  grooveConsistency: number;
  /** Largest share of drum onsets on the duple (sixteenth) or triple (eighth-triplet) grid; NaN without drums. */
  drumPatternConsistency: number;
  /** Notes (drums included) per second. */
  noteDensity: number;
  /** Highest minus lowest pitched note, in semitones (0 without pitched notes). */
  pitchRange: number;
}

/** Names of {@link QualityMetrics}, in report order. */
export const QUALITY_METRICS: readonly (keyof QualityMetrics)[] = [
  'pitchClassEntropy',
  'scaleConsistency',
  'emptyBeatRate',
  'polyphony',
  'grooveConsistency',
  'drumPatternConsistency',
  'noteDensity',
  'pitchRange',
];

/** Settings of {@link qualityMetrics}. */
export interface QualityOptions {
  /** Time steps per beat (MusPy's resolution). Default 12: sixteenths (3) and eighth triplets (4) fit. */
  resolution?: number;
}

interface GridNote {
  pitch: number;
  time: number;
  end: number;
  isDrum: boolean;
}

function toGrid(notes: readonly Note[], res: number): GridNote[] {
  return notes.map((n) => {
    const time = Math.max(0, Math.round(n.start * res));
    return { pitch: n.pitch, time, end: Math.max(time + 1, Math.round(n.end * res)), isDrum: n.isDrum };
  });
}

const MAJOR = [1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1];
const MINOR = [1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0];

/** Pitch-class counts of the pitched notes (MusPy counts notes; `features/key` weighs by duration). */
function pitchClassCounts(notes: readonly Pick<Note, 'pitch' | 'isDrum'>[]): { h: number[]; total: number } {
  const h = new Array<number>(12).fill(0);
  let total = 0;
  for (const n of notes)
    if (!n.isDrum) {
      h[n.pitch % 12]++;
      total++;
    }
  return { h, total };
}

/** MusPy `pitch_class_entropy`: Shannon entropy (bits) of the normalised pitch-class count histogram. */
export function pitchClassEntropy(seq: Pick<NoteSequence, 'notes'>): number {
  const { h, total } = pitchClassCounts(seq.notes);
  if (total < 1) return NaN;
  return h.reduce((s, c) => (c > 0 ? s - (c / total) * Math.log2(c / total) : s), 0);
}

/** MusPy `scale_consistency`: the largest `pitch_in_scale_rate` over 12 roots x {major, natural minor}. */
export function scaleConsistency(seq: Pick<NoteSequence, 'notes'>): number {
  const { h, total } = pitchClassCounts(seq.notes);
  if (total < 1) return NaN;
  let best = 0;
  for (const scale of [MAJOR, MINOR])
    for (let root = 0; root < 12; root++) {
      let inside = 0;
      for (let pc = 0; pc < 12; pc++) if (scale[(pc - root + 12) % 12]) inside += h[pc];
      best = Math.max(best, inside / total);
    }
  return best;
}

function emptyBeatRateOf(notes: readonly GridNote[], res: number): number {
  const length = notes.reduce((m, n) => Math.max(m, n.end), 0);
  if (length < 1) return NaN;
  const beats = Math.floor(length / res) + 1;
  const used = new Uint8Array(beats);
  for (const n of notes)
    for (let b = Math.floor(n.time / res); b <= Math.floor(n.end / res); b++) used[b] = 1;
  return 1 - used.reduce((s, x) => s + x, 0) / beats;
}

function polyphonyOfGrid(notes: readonly GridNote[]): number {
  const pitched = notes.filter((n) => !n.isDrum);
  const length = pitched.reduce((m, n) => Math.max(m, n.end), 0);
  const roll = new Uint8Array(length * 128);
  for (const n of pitched) for (let t = n.time; t < n.end; t++) roll[t * 128 + n.pitch] = 1;
  let on = 0;
  let steps = 0;
  for (let t = 0; t < length; t++) {
    let k = 0;
    for (let p = 0; p < 128; p++) k += roll[t * 128 + p];
    on += k;
    if (k > 0) steps++;
  }
  return steps < 1 ? NaN : on / steps;
}

function grooveConsistencyOf(notes: readonly GridNote[], measure: number): number {
  const length = notes.reduce((m, n) => Math.max(m, n.end), 0);
  const bars = Math.floor(length / measure) + 1;
  if (bars < 2) return NaN;
  const grid = new Uint8Array(bars * measure);
  for (const n of notes) grid[n.time] = 1;
  let hamming = 0;
  for (let i = 0; i < (bars - 1) * measure; i++) if (grid[i] !== grid[i + measure]) hamming++;
  return 1 - hamming / (measure * (bars - 1));
}

function drumPatternConsistencyOf(notes: readonly GridNote[], res: number): number {
  const drums = notes.filter((n) => n.isDrum);
  if (drums.length < 1) return NaN;
  const duple = new Uint8Array(res);
  const triple = new Uint8Array(res);
  duple[0] = triple[0] = 1;
  if (res % 4 === 0) for (let i = 0; i < res; i += res / 4) duple[i] = 1;
  if (res % 2 === 0) for (let i = 0; i < res; i += res / 2) duple[i] = 1;
  if (res % 3 === 0) for (let i = 0; i < res; i += res / 3) triple[i] = 1;
  const rate = (pattern: Uint8Array): number =>
    drums.filter((n) => pattern[n.time % res]).length / drums.length;
  return Math.max(rate(duple), rate(triple));
}

/** MusPy `pitch_range` (drums ignored; 0 without notes). */
export function pitchRange(seq: Pick<NoteSequence, 'notes'>): number {
  const pitches = seq.notes.filter((n) => !n.isDrum).map((n) => n.pitch);
  return pitches.length ? Math.max(...pitches) - Math.min(...pitches) : 0;
}

function measureSteps(seq: NoteSequence, res: number): number {
  const ts = seq.timeSignatures[0] ?? { numerator: 4, denominator: 4 };
  return Math.max(1, Math.round(beatsPerBar(ts) * res));
}

/**
 * MusPy `empty_beat_rate`: 1 - (beats touched by a note) / (beats), where a note touches every beat from
 * `start // res` to `end // res` inclusive and the piece has `length // res + 1` beats (`length` = last end).
 */
export function emptyBeatRate(seq: NoteSequence, options: QualityOptions = {}): number {
  const res = options.resolution ?? 12;
  return emptyBeatRateOf(toGrid(seq.notes, res), res);
}

/** MusPy `polyphony`: pitches on, summed over steps, / steps with at least one pitch on (drums ignored). */
export function polyphony(seq: NoteSequence, options: QualityOptions = {}): number {
  return polyphonyOfGrid(toGrid(seq.notes, options.resolution ?? 12));
}

/**
 * MusPy `groove_consistency`, the measure being the first time signature's bar in steps: binary onset vectors
 * per bar (all tracks), `1 - hamming(all neighbouring pairs) / (steps per bar x (bars - 1))`; NaN below two
 * bars.
 */
export function grooveConsistency(seq: NoteSequence, options: QualityOptions = {}): number {
  const res = options.resolution ?? 12;
  return grooveConsistencyOf(toGrid(seq.notes, res), measureSteps(seq, res));
}

/**
 * MusPy `drum_pattern_consistency`: the larger of the duple and triple `drum_in_pattern_rate`, the share
 * of drum onsets at a position of the beat that the pattern marks (duple: every res/4 and res/2 step, the
 * sixteenths; triple: every res/3 step, the eighth triplets); NaN without drum notes.
 */
export function drumPatternConsistency(seq: NoteSequence, options: QualityOptions = {}): number {
  const res = options.resolution ?? 12;
  return drumPatternConsistencyOf(toGrid(seq.notes, res), res);
}

/** Notes (drums included) per second of the piece's length; NaN for a piece of no length. */
export function noteDensity(seq: NoteSequence): number {
  const seconds = durationSeconds(seq);
  return seconds > 0 ? seq.notes.length / seconds : NaN;
}

/** Computes every {@link QualityMetrics} figure of a piece. The bar length is the first time signature's. */
export function qualityMetrics(seq: NoteSequence, options: QualityOptions = {}): QualityMetrics {
  const res = options.resolution ?? 12;
  const grid = toGrid(seq.notes, res);
  return {
    pitchClassEntropy: pitchClassEntropy(seq),
    scaleConsistency: scaleConsistency(seq),
    emptyBeatRate: emptyBeatRateOf(grid, res),
    polyphony: polyphonyOfGrid(grid),
    grooveConsistency: grooveConsistencyOf(grid, measureSteps(seq, res)),
    drumPatternConsistency: drumPatternConsistencyOf(grid, res),
    noteDensity: noteDensity(seq),
    pitchRange: pitchRange(seq),
  };
}

/** Mean, standard deviation (population) and count of the finite values of one metric over a set. */
export interface Summary {
  mean: number;
  std: number;
  /** Pieces with a finite value. */
  n: number;
}

/** Summarises finite values (NaN mean and std when none). */
export function summarise(values: readonly number[]): Summary {
  const xs = values.filter(Number.isFinite);
  if (xs.length === 0) return { mean: NaN, std: NaN, n: 0 };
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const std = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
  return { mean, std, n: xs.length };
}

/** Per-set summary of every quality metric. */
export function summariseQuality(pieces: readonly QualityMetrics[]): Record<keyof QualityMetrics, Summary> {
  return Object.fromEntries(QUALITY_METRICS.map((k) => [k, summarise(pieces.map((p) => p[k]))])) as Record<
    keyof QualityMetrics,
    Summary
  >;
}
