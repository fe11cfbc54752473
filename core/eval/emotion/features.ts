/**
 * The symbolic emotion classifier's features, computed the same way on EMOPIA's transcribed piano clips
 * and on generated pieces: everything from the pitched notes' times in seconds (drums left out), with the
 * tempo measured by the project's beat tracker on the onsets (EMOPIA's files all say 120 bpm and follow no
 * grid, so the tempo written in a generated file would not be comparable).
 */
import { tempoOfBeats } from '../../codec/beatgrid';
import { trackBeats } from '../../features/beats';
import { extractFeatures } from '../../features/extract';
import { findKey, pitchClassHistogram } from '../../features/key';
import type { NoteSequence } from '../../sequence';
import { beatsToSeconds } from '../../sequence';
import { pitchClassEntropy } from '../muspy';

/** Feature names, in vector order. */
export const EMOTION_FEATURES = [
  'mode',
  'majorThird',
  'keyClarity',
  'tempo',
  'onsetRate',
  'noteRate',
  'velocityMean',
  'velocityStd',
  'pitchMean',
  'pitchStd',
  'pitchSpread',
  'logDuration',
  'polyphony',
  'pitchClassEntropy',
] as const;

/** The tempo assumed when the beat tracker finds fewer than two beats (its prior's centre). */
const FALLBACK_BPM = 110;

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

function meanStd(xs: readonly number[]): [number, number] {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return [m, Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length)];
}

/**
 * Computes the feature vector of a piece ({@link EMOTION_FEATURES} order):
 * - `mode`: +1 major / -1 minor by Krumhansl-Schmuckler; `keyClarity`: that key's correlation;
 *   `majorThird`: (major third - minor third) / (both) of the duration-weighted histogram above the tonic;
 * - `tempo`: log2(bpm / 110) of the beat tracker's tempo on the onsets (velocity as strength);
 * - `onsetRate` / `noteRate`: distinct onsets (10 ms apart) and notes per second of the played span;
 * - `velocityMean` / `velocityStd`: of velocity / 127; `pitchMean` (semitones from middle C / 12),
 *   `pitchStd` / 12, `pitchSpread`: 5th-95th percentile range / 12;
 * - `logDuration`: mean natural log of note lengths in seconds; `polyphony`: mean notes sounding at each
 *   onset; `pitchClassEntropy`: MusPy's.
 * Returns null for a piece with fewer than 8 pitched notes.
 */
export function emotionFeatures(seq: NoteSequence): number[] | null {
  const notes = seq.notes.filter((n) => !n.isDrum);
  if (notes.length < 8) return null;
  const timed = notes.map((n) => ({
    start: beatsToSeconds(n.start, seq.tempos),
    end: beatsToSeconds(n.end, seq.tempos),
    pitch: n.pitch,
    velocity: n.velocity,
  }));
  const first = Math.min(...timed.map((n) => n.start));
  const span = Math.max(1, Math.max(...timed.map((n) => n.end)) - first);
  const key = findKey(notes);
  const h = pitchClassHistogram(notes);
  const maj3 = h[(key.tonic + 4) % 12];
  const min3 = h[(key.tonic + 3) % 12];
  const beats = trackBeats(
    timed.map((n) => ({ time: n.start - first, strength: n.velocity / 127 })),
    4,
  );
  const bpm = tempoOfBeats(beats.map((b) => b.time)) ?? FALLBACK_BPM;
  const onsets = new Set(timed.map((n) => Math.round(n.start * 100))).size;
  const [vMean, vStd] = meanStd(timed.map((n) => n.velocity / 127));
  const pitches = timed.map((n) => n.pitch).sort((a, b) => a - b);
  const [pMean, pStd] = meanStd(pitches);
  const logDur = timed.reduce((s, n) => s + Math.log(Math.max(0.01, n.end - n.start)), 0) / timed.length;
  const polyphony = extractFeatures({ ...seq, notes }).polyphony;
  return [
    key.mode === 'major' ? 1 : -1,
    (maj3 - min3) / (maj3 + min3 + 1e-9),
    key.score,
    Math.log2(bpm / FALLBACK_BPM),
    onsets / span,
    notes.length / span,
    vMean,
    vStd,
    (pMean - 60) / 12,
    pStd / 12,
    (percentile(pitches, 0.95) - percentile(pitches, 0.05)) / 12,
    logDur,
    polyphony,
    pitchClassEntropy({ notes }),
  ];
}
