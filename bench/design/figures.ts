/**
 * The design note's figures (docs/model.md), computed by the same code on generated pieces and on held-in
 * validation music: how the bass and harmony sit on the chords, and how the melody moves. A piece is its
 * notes per role, each with the chord id in force at its onset.
 */
import { chordFromId, chordPitchClasses } from '../../core/features/chords';
import { line } from '../../core/sequence';

/** A note with the chord id (0 = none) at its onset. */
export interface ChordedNote {
  pitch: number;
  start: number;
  end: number;
  chord: number;
}

/** One piece: melody, harmony and bass notes. */
export interface Piece {
  melody: ChordedNote[];
  harmony: ChordedNote[];
  bass: ChordedNote[];
}

/** Sums behind the figures (added over pieces, then divided). */
export interface Tally {
  pieces: number;
  bass: number;
  bassRoot: number;
  bassTone: number;
  changes: number;
  changeRoot: number;
  harmony: number;
  harmonyTone: number;
  melody: number;
  melodyTone: number;
  repeats: number;
  steps: number;
  leaps: number;
  intervals: number;
  short: number;
  low: number;
  dominated: number;
  melodyPieces: number;
}

const pc = (p: number): number => ((p % 12) + 12) % 12;

function tones(chord: number): number[] | null {
  const c = chordFromId(chord);
  return c ? chordPitchClasses(c) : null;
}

/** An empty tally. */
export function emptyTally(): Tally {
  return {
    pieces: 0,
    bass: 0,
    bassRoot: 0,
    bassTone: 0,
    changes: 0,
    changeRoot: 0,
    harmony: 0,
    harmonyTone: 0,
    melody: 0,
    melodyTone: 0,
    repeats: 0,
    steps: 0,
    leaps: 0,
    intervals: 0,
    short: 0,
    low: 0,
    dominated: 0,
    melodyPieces: 0,
  };
}

/** Adds a piece's counts to a tally. */
export function tallyPiece(t: Tally, p: Piece): void {
  t.pieces++;
  let prevChord = -1;
  for (const n of line(p.bass, false)) {
    const ts = tones(n.chord);
    if (!ts) continue;
    t.bass++;
    if (pc(n.pitch) === ts[0]) t.bassRoot++;
    if (ts.includes(pc(n.pitch))) t.bassTone++;
    if (n.chord !== prevChord && prevChord !== -1) {
      t.changes++;
      if (pc(n.pitch) === ts[0]) t.changeRoot++;
    }
    prevChord = n.chord;
  }
  for (const n of p.harmony) {
    const ts = tones(n.chord);
    if (!ts) continue;
    t.harmony++;
    if (ts.includes(pc(n.pitch))) t.harmonyTone++;
  }
  const mel = line(p.melody, true);
  if (mel.length === 0) return;
  t.melodyPieces++;
  const counts = new Map<number, number>();
  let sum = 0;
  mel.forEach((n, i) => {
    sum += n.pitch;
    counts.set(n.pitch, (counts.get(n.pitch) ?? 0) + 1);
    t.melody++;
    const ts = tones(n.chord);
    if (ts?.includes(pc(n.pitch))) t.melodyTone++;
    if (n.end - n.start <= 0.25 + 1e-9) t.short++;
    if (i === 0) return;
    const d = Math.abs(n.pitch - mel[i - 1].pitch);
    t.intervals++;
    if (d === 0) t.repeats++;
    else if (d <= 2) t.steps++;
    else if (d >= 5) t.leaps++;
  });
  if (sum / mel.length < 60) t.low++;
  if (Math.max(...counts.values()) > mel.length / 2) t.dominated++;
}

/** The figures of a tally, as rates. */
export function figures(t: Tally): Record<string, number> {
  const r = (a: number, b: number): number => (b > 0 ? a / b : NaN);
  return {
    pieces: t.pieces,
    bassRoot: r(t.bassRoot, t.bass),
    bassRootOnChange: r(t.changeRoot, t.changes),
    bassChordTone: r(t.bassTone, t.bass),
    harmonyChordTone: r(t.harmonyTone, t.harmony),
    melodyChordTone: r(t.melodyTone, t.melody),
    melodyBelowC4: r(t.low, t.melodyPieces),
    melodyOnePitch: r(t.dominated, t.melodyPieces),
    melodyRepeat: r(t.repeats, t.intervals),
    melodyStep: r(t.steps, t.intervals),
    melodyLeap: r(t.leaps, t.intervals),
    melodyShort: r(t.short, t.melody),
  };
}
