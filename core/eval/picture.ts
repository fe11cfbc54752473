/**
 * Measures of scoring to picture, shared by the tests and `scripts/check-picture.ts`: how close each cut
 * is to an accent (onsets of two roles or more with a drum accent), how much room the melody leaves under
 * speech, which key each stretch of a piece is heard in, and what a family of cutdowns shares.
 */
import type { TimeSpan } from '../embed/types';
import { findKey } from '../features/key';
import type { Beats, Mode, Note, NoteSequence, Role, Seconds } from '../sequence';
import { beatsToSeconds } from '../sequence';

/** GM drum notes that count as an accent on a cut: bass drum, snare, crash and splash cymbals. */
const ACCENT_DRUMS = new Set([35, 36, 38, 40, 49, 52, 55, 57]);

/** How one cut is met. */
export interface CutCheck {
  cut: Seconds;
  /** Roles with an onset within the tolerance of the cut. */
  roles: Role[];
  /** Distance from the cut to the nearest drum accent onset, in ms (Infinity when none). */
  offsetMs: number;
  /** True when at least two roles start within the tolerance and one of them is a drum accent. */
  hit: boolean;
}

/** Checks each cut of `seq` against its onsets; `toleranceMs` is 20 unless given. */
export function checkCuts(seq: NoteSequence, cuts: readonly Seconds[], toleranceMs = 20): CutCheck[] {
  const onsets = seq.notes.map((n) => ({ n, t: beatsToSeconds(n.start, seq.tempos) }));
  return cuts.map((cut) => {
    const near = onsets.filter((o) => Math.abs(o.t - cut) * 1000 <= toleranceMs);
    const roles = [...new Set(near.map((o) => o.n.role))];
    const accents = onsets.filter((o) => o.n.isDrum && ACCENT_DRUMS.has(o.n.pitch));
    const offsetMs = Math.min(Infinity, ...accents.map((o) => Math.abs(o.t - cut) * 1000));
    return { cut, roles, offsetMs, hit: roles.length >= 2 && offsetMs <= toleranceMs };
  });
}

/** Melody under speech and in the gaps between it. */
export interface SpeechFigures {
  /** Melody onsets per second under speech, and in the gaps. */
  notesPerSecond: { speech: number; gaps: number };
  /** Mean melody velocity under speech, and in the gaps (NaN without notes). */
  velocity: { speech: number; gaps: number };
  /** Mean melody pitch under speech, and in the gaps. */
  pitch: { speech: number; gaps: number };
}

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/** The melody's figures under `spans` of speech against the rest of the piece (its gaps). */
export function speechFigures(
  seq: NoteSequence,
  spans: readonly TimeSpan[],
  role: Role = 'melody',
): SpeechFigures {
  const length = beatsToSeconds(seq.totalBeats, seq.tempos);
  const spoken = spans.reduce((a, s) => a + Math.max(0, Math.min(length, s.end) - Math.max(0, s.start)), 0);
  const under: Note[] = [];
  const gaps: Note[] = [];
  for (const n of seq.notes) {
    if (n.role !== role) continue;
    const t = beatsToSeconds(n.start, seq.tempos);
    (spans.some((s) => t >= s.start && t < s.end) ? under : gaps).push(n);
  }
  return {
    notesPerSecond: {
      speech: under.length / Math.max(1e-9, spoken),
      gaps: gaps.length / Math.max(1e-9, length - spoken),
    },
    velocity: { speech: mean(under.map((n) => n.velocity)), gaps: mean(gaps.map((n) => n.velocity)) },
    pitch: { speech: mean(under.map((n) => n.pitch)), gaps: mean(gaps.map((n) => n.pitch)) },
  };
}

/** The key the key finder hears in the pitched notes that start in `from`..`to` (beats). */
export function keyHeard(seq: NoteSequence, from: Beats, to: Beats): { tonic: number; mode: Mode } {
  const k = findKey(seq.notes.filter((n) => !n.isDrum && n.start >= from && n.start < to));
  return { tonic: k.tonic, mode: k.mode };
}

/** The notes of `role` that start in `from`..`from + beats`, as [onset from `from`, pitch, length, velocity]. */
export function phrase(seq: NoteSequence, role: Role, from: Beats, beats: Beats): number[][] {
  const r = (x: number): number => Math.round(x * 1e6) / 1e6;
  return seq.notes
    .filter((n) => n.role === role && n.start >= from - 1e-6 && n.start < from + beats - 1e-6)
    .map((n) => [r(n.start - from), n.pitch, r(Math.min(n.end, from + beats) - n.start), n.velocity])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}
