/**
 * What each role plays, measured the same way on generated and real music: the melody's register, motion
 * and note lengths; the bass and the harmony against the chords (the arranger's planned chords for a
 * generated piece, the annotated chords for a reference song); the drums' groove. A line is read one note
 * per onset: the melody's highest, the bass's lowest. Rates are NaN where nothing is there to count.
 */
import type { ChordSpan } from '../features/chords';
import { chordFromId, chordIdAt, chordPitchClasses } from '../features/chords';
import type { Beats, Note, NoteSequence } from '../sequence';
import { beatsPerBar, line, stacksByOnset } from '../sequence';

/** Upper edges (beats) of the note-length classes; the last class is everything longer. */
export const LENGTH_EDGES: readonly Beats[] = [0.25, 0.5, 1, 2];
/** Names of the note-length classes. */
export const LENGTH_CLASSES = ['≤ 1/16', '≤ 1/8', '≤ 1/4', '≤ 1/2', 'longer'] as const;
/** Middle C: a melody whose mean pitch is below it sits low. */
export const C4 = 60;

const EPS = 1e-6;
/** Onsets closer than this (beats) are struck together: a played chord's notes spread a little. */
export const TOGETHER: Beats = 1 / 24;

/** The melody's figures in one piece. */
export interface MelodyFigures {
  notes: number;
  meanPitch: number;
  /** Share of the line's notes on its most frequent pitch. */
  topPitchShare: number;
  /** Shares of the line's moves: the same pitch again, 1-2 semitones, more than 2. They sum to 1. */
  repeat: number;
  step: number;
  leap: number;
  /** Shares of the notes in each {@link LENGTH_CLASSES} class. */
  lengths: number[];
  /**
   * Share of all the melody's notes (not only the line's) struck together with another of its notes,
   * within {@link TOGETHER} ({@link struckTogether}): a tune played as chords rather than as one line.
   */
  stacked: number;
}

/** The bass's figures in one piece. */
export interface BassFigures {
  notes: number;
  /** Share of the line's notes (under a chord) on the chord's root / on any chord tone. */
  root: number;
  chordTone: number;
  /** The same for the first note at or after each chord change (within the chord's span). */
  changes: number;
  rootOnChanges: number;
  chordToneOnChanges: number;
  lengths: number[];
}

/** The harmony's figures in one piece. */
export interface HarmonyFigures {
  notes: number;
  /** Share of its notes (under a chord) that are chord tones. */
  chordTone: number;
  lengths: number[];
}

/** The drums' figures in one piece. */
export interface DrumFigures {
  onsets: number;
  /** Drum onsets (distinct times) per beat, over the span from the first bar with drums to the last. */
  onsetsPerBeat: number;
  /** Share of bars with drums that have a kick (GM 35/36) on the downbeat. */
  kickOnDownbeat: number;
  /** Share of snare hits (GM 37/38/40) on beats 2 and 4 (4/4 only; NaN otherwise). */
  backbeat: number;
  /** Mean Jaccard similarity of neighbouring bars' hits (drum x sixteenth position). */
  barSimilarity: number;
}

/** All role figures of one piece (null for a role that does not play). */
export interface RoleFigures {
  melody: MelodyFigures | null;
  bass: BassFigures | null;
  harmony: HarmonyFigures | null;
  drums: DrumFigures | null;
}

const share = (hits: number, n: number): number => (n > 0 ? hits / n : NaN);

/**
 * `notes` grouped by strike, in time order, each lowest pitch first: a strike takes the notes that start
 * less than {@link TOGETHER} after its first (a played chord's notes spread a little).
 */
export function strikes(notes: readonly Note[]): Note[][] {
  return stacksByOnset(notes, TOGETHER - EPS);
}

/**
 * Share of `notes` struck together with another of them ({@link strikes} of two or more); NaN without notes.
 * `struck` is `notes`' strikes, when the caller has them already.
 */
export function struckTogether(notes: readonly Note[], struck: readonly Note[][] = strikes(notes)): number {
  const together = struck.reduce((s, x) => s + (x.length > 1 ? x.length : 0), 0);
  return share(together, notes.length);
}

/** What a melody's move between onsets is: the same pitch again, 1-2 semitones, or more. */
export type MoveClass = 'repeat' | 'step' | 'leap';

/** The class of a move of `semitones` (absolute): a repeat (0), a step (1-2) or a leap (more). */
export function moveClass(semitones: number): MoveClass {
  return semitones === 0 ? 'repeat' : semitones <= 2 ? 'step' : 'leap';
}

/** The absolute intervals (semitones) between successive notes of a line. */
function movesOf(l: readonly Note[]): number[] {
  return l.slice(1).map((n, i) => Math.abs(n.pitch - l[i].pitch));
}

/** The absolute intervals (semitones) between successive onsets of the melody line over `notes`. */
export function lineMoves(notes: readonly Note[]): number[] {
  return movesOf(line(notes, true));
}

/** The shares of repeats, steps and leaps among `moves` ({@link moveClass}; NaN without moves). */
export function moveShares(moves: readonly number[]): Record<MoveClass, number> {
  const counts: Record<MoveClass, number> = { repeat: 0, step: 0, leap: 0 };
  for (const m of moves) counts[moveClass(m)]++;
  return {
    repeat: share(counts.repeat, moves.length),
    step: share(counts.step, moves.length),
    leap: share(counts.leap, moves.length),
  };
}

/** Shares of `notes` in each note-length class. */
export function lengthHistogram(notes: readonly Note[]): number[] {
  const h = new Array<number>(LENGTH_CLASSES.length).fill(0);
  for (const n of notes) {
    const i = LENGTH_EDGES.findIndex((e) => n.end - n.start <= e + EPS);
    h[i < 0 ? LENGTH_EDGES.length : i]++;
  }
  return h.map((x) => share(x, notes.length));
}

function melodyFigures(notes: readonly Note[]): MelodyFigures | null {
  const l = line(notes, true);
  if (l.length === 0) return null;
  const count = new Map<number, number>();
  for (const n of l) count.set(n.pitch, (count.get(n.pitch) ?? 0) + 1);
  return {
    notes: l.length,
    meanPitch: l.reduce((s, n) => s + n.pitch, 0) / l.length,
    topPitchShare: Math.max(...count.values()) / l.length,
    ...moveShares(movesOf(l)),
    lengths: lengthHistogram(l),
    stacked: struckTogether(notes),
  };
}

function tonesAt(chords: readonly ChordSpan[], beat: Beats): { root: number; tones: number[] } | null {
  const c = chordFromId(chordIdAt(chords, beat + EPS));
  return c ? { root: c.root, tones: chordPitchClasses(c) } : null;
}

const pc = (p: number): number => ((p % 12) + 12) % 12;

/** Chord spans where the chord differs from the one before (the first span counts). */
export function chordChanges(chords: readonly ChordSpan[]): ChordSpan[] {
  const sorted = [...chords].sort((a, b) => a.start - b.start);
  return sorted.filter((c, i) => {
    const prev = sorted[i - 1];
    return !prev || prev.end < c.start - EPS || prev.root !== c.root || prev.quality !== c.quality;
  });
}

/**
 * The first note of `bassLine` (sorted by onset, one note an onset: see {@link line}) that starts inside
 * each changed chord's span ({@link chordChanges}), with that chord; a change with no note in its span is
 * left out.
 */
export function firstNotesOnChanges(
  bassLine: readonly Note[],
  chords: readonly ChordSpan[],
): { note: Note; chord: ChordSpan }[] {
  return chordChanges(chords).flatMap((chord) => {
    const note = bassLine.find((x) => x.start >= chord.start - EPS && x.start < chord.end - EPS);
    return note ? [{ note, chord }] : [];
  });
}

function bassFigures(notes: readonly Note[], chords: readonly ChordSpan[] | null): BassFigures | null {
  const l = line(notes, false);
  if (l.length === 0) return null;
  const under = chords ? l.flatMap((n) => ((c) => (c ? [{ n, c }] : []))(tonesAt(chords, n.start))) : [];
  const firsts = (chords ? firstNotesOnChanges(l, chords) : []).map(({ note, chord }) => ({
    n: note,
    c: { root: chord.root, tones: chordPitchClasses(chord) },
  }));
  const rate = (xs: typeof under, root: boolean): number =>
    share(
      xs.filter(({ n, c }) => (root ? pc(n.pitch) === c.root : c.tones.includes(pc(n.pitch)))).length,
      xs.length,
    );
  return {
    notes: l.length,
    root: rate(under, true),
    chordTone: rate(under, false),
    changes: firsts.length,
    rootOnChanges: rate(firsts, true),
    chordToneOnChanges: rate(firsts, false),
    lengths: lengthHistogram(l),
  };
}

function harmonyFigures(notes: readonly Note[], chords: readonly ChordSpan[] | null): HarmonyFigures | null {
  if (notes.length === 0) return null;
  const under = chords ? notes.flatMap((n) => ((c) => (c ? [{ n, c }] : []))(tonesAt(chords, n.start))) : [];
  return {
    notes: notes.length,
    chordTone: share(under.filter(({ n, c }) => c.tones.includes(pc(n.pitch))).length, under.length),
    lengths: lengthHistogram(notes),
  };
}

const KICKS = [35, 36];
const SNARES = [37, 38, 40];

function drumFigures(notes: readonly Note[], bar: Beats, fourFour: boolean): DrumFigures | null {
  if (notes.length === 0) return null;
  const barOf = (n: Note): number => Math.floor(n.start / bar + EPS);
  const pos = (n: Note): number => n.start - barOf(n) * bar;
  const bars = new Map<number, Set<string>>();
  for (const n of notes) {
    const hits = bars.get(barOf(n)) ?? new Set<string>();
    hits.add(`${n.pitch}@${Math.round(pos(n) * 4)}`);
    bars.set(barOf(n), hits);
  }
  const indices = [...bars.keys()].sort((a, b) => a - b);
  const span = (indices[indices.length - 1] - indices[0] + 1) * bar;
  const onsets = new Set(notes.map((n) => Math.round(n.start * 1e4))).size;
  const downbeats = indices.filter((b) =>
    notes.some((n) => KICKS.includes(n.pitch) && barOf(n) === b && pos(n) < EPS + 1 / 24),
  );
  const snares = notes.filter((n) => SNARES.includes(n.pitch));
  const back = snares.filter((n) => [1, 3].some((b) => Math.abs(pos(n) - b) < 1 / 24));
  const pairs = indices.slice(1).map((b, i) => {
    const [x, y] = [bars.get(indices[i])!, bars.get(b)!];
    const both = [...x].filter((h) => y.has(h)).length;
    return both / (x.size + y.size - both);
  });
  return {
    onsets,
    onsetsPerBeat: onsets / span,
    kickOnDownbeat: share(downbeats.length, indices.length),
    backbeat: fourFour ? share(back.length, snares.length) : NaN,
    barSimilarity: pairs.length ? pairs.reduce((a, b) => a + b, 0) / pairs.length : NaN,
  };
}

/** Measures every role of `seq` against `chords` (null: no chord figures). */
export function roleFigures(seq: NoteSequence, chords: readonly ChordSpan[] | null): RoleFigures {
  const of = (role: Note['role']): Note[] => seq.notes.filter((n) => n.role === role && n.end > n.start);
  const ts = seq.timeSignatures[0] ?? { numerator: 4, denominator: 4 };
  const pitched = (role: Note['role']): Note[] => of(role).filter((n) => !n.isDrum);
  return {
    melody: melodyFigures(pitched('melody')),
    bass: bassFigures(pitched('bass'), chords),
    harmony: harmonyFigures(pitched('harmony'), chords),
    drums: drumFigures(
      seq.notes.filter((n) => n.isDrum),
      beatsPerBar(ts),
      ts.numerator === 4 && ts.denominator === 4,
    ),
  };
}
