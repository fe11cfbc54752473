/**
 * Per-piece features, shared by the corpus scanner (conditioning labels), the arranger and evaluation:
 * tempo, key, meter, density per role, dynamics, register, polyphony, drum presence.
 */
import type { Beats, Mode, Note, NoteSequence, Role } from '../sequence';
import { ROLES, durationSeconds, tempoAt } from '../sequence';
import { findKey } from './key';

/** Features of one piece. */
export interface PieceFeatures {
  /** Tempo at the start, bpm. */
  tempo: number;
  key: { tonic: number; mode: Mode };
  /** Where `key` came from. */
  keySource: 'annotation' | 'key-finding' | 'none';
  /** Krumhansl-Schmuckler's estimate, always computed (to compare with annotations). */
  foundKey: { tonic: number; mode: Mode; score: number } | null;
  meter: { numerator: number; denominator: number };
  notes: number;
  beats: Beats;
  seconds: number;
  /** Notes per beat, per role (only roles that play). */
  density: Partial<Record<Role, number>>;
  /** Mean velocity 1..127 of all notes. */
  meanVelocity: number;
  /** Mean pitch of pitched notes (NaN if none). */
  meanPitch: number;
  /** Lowest and highest pitched note. */
  pitchRange: [number, number];
  /** Mean number of pitched notes sounding at each pitched onset. */
  polyphony: number;
  hasDrums: boolean;
  roles: Role[];
}

function polyphonyOf(notes: readonly Note[]): number {
  const pitched = notes.filter((n) => !n.isDrum).sort((a, b) => a.start - b.start);
  if (pitched.length === 0) return 0;
  const onsets = [...new Set(pitched.map((n) => n.start))];
  let total = 0;
  let first = 0;
  for (const t of onsets) {
    while (first < pitched.length && pitched[first].end <= t - 16) first++;
    for (let i = first; i < pitched.length && pitched[i].start <= t; i++) if (pitched[i].end > t) total++;
  }
  return total / onsets.length;
}

/**
 * Computes a piece's features. `key` overrides key finding (an annotation); the meter is the first time
 * signature.
 */
export function extractFeatures(seq: NoteSequence, key?: { tonic: number; mode: Mode }): PieceFeatures {
  const pitched = seq.notes.filter((n) => !n.isDrum);
  const found = pitched.length ? findKey(pitched) : null;
  const beats = Math.max(seq.totalBeats, 1e-9);
  const density: Partial<Record<Role, number>> = {};
  const roles: Role[] = [];
  for (const r of ROLES) {
    const count = seq.notes.filter((n) => n.role === r).length;
    if (count === 0) continue;
    density[r] = count / beats;
    roles.push(r);
  }
  const ts = seq.timeSignatures[0] ?? { numerator: 4, denominator: 4 };
  const pitches = pitched.map((n) => n.pitch);
  return {
    tempo: tempoAt(0, seq.tempos),
    key: key ?? (found ? { tonic: found.tonic, mode: found.mode } : { tonic: 0, mode: 'major' }),
    keySource: key ? 'annotation' : found ? 'key-finding' : 'none',
    foundKey: found,
    meter: { numerator: ts.numerator, denominator: ts.denominator },
    notes: seq.notes.length,
    beats: seq.totalBeats,
    seconds: durationSeconds(seq),
    density,
    meanVelocity: seq.notes.reduce((s, n) => s + n.velocity, 0) / Math.max(1, seq.notes.length),
    meanPitch: pitches.length ? pitches.reduce((s, p) => s + p, 0) / pitches.length : NaN,
    pitchRange: pitches.length ? [Math.min(...pitches), Math.max(...pitches)] : [0, 0],
    polyphony: polyphonyOf(seq.notes),
    hasDrums: seq.notes.some((n) => n.isDrum),
    roles,
  };
}
