/**
 * The main job's acceptance figures, quoted in the README and the model card, computed by one code path
 * for `scripts/check-arrangement.ts` (100 pieces, printed) and the test that keeps them true (a small fixed
 * set): scale and drum-pattern consistency and clashes, stated tempo and key, mood. Each has a target in
 * {@link TARGETS}; `acceptance-rows.ts` lists them and names the figures below theirs. Keys are heard with the evaluation's
 * own finder (Aarden-Essen), not the one the arranger's key retry consults.
 */
import { strongBeats } from '../arrange/finish';
import { compose } from '../compose';
import { findKeyIndependent } from '../features/key-profiles';
import type { MusicModel } from '../model/model';
import type { NoteSequence } from '../sequence';
import { durationSeconds, PITCH_CLASS_NAMES } from '../sequence';
import { drumPatternConsistency, scaleConsistency } from './muspy';

/** The targets the quoted figures must meet. */
export const TARGETS = {
  /** Mean scale consistency of each pitched role, at least. */
  scaleConsistency: 0.95,
  /** Mean drum-pattern consistency, at least. */
  drumPatternConsistency: 0.95,
  /** Share of strong beats with two roles a minor second apart, at most. */
  clashRate: 0.02,
  /** Share of stated tempos written exactly, at least. */
  statedTempo: 1,
  /** Share of stated keys heard (independent finder), at least. */
  statedKey: 0.75,
  /** High-arousal prompts' mean tempo over low-arousal ones', at least (bpm). */
  arousalTempoGap: 20,
  /** High-arousal prompts' notes per second over low-arousal ones', at least (ratio). */
  arousalDensityRatio: 1.5,
  /** Share of positive-valence prompts heard in major, at least. */
  positiveMajor: 0.8,
  /** Share of negative-valence prompts heard in minor, at least. */
  negativeMinor: 0.6,
  /** The emotion classifier's accuracy on held-out clips, at least (chance is 25%). */
  classifierAccuracy: 0.6,
} as const;

/** Consistency and clashes over a set of pieces. */
export interface ConsistencyFigures {
  pieces: number;
  /** Scale consistency of each pitched role, per piece (roles with at least 4 notes). */
  scale: Record<'melody' | 'harmony' | 'bass', number[]>;
  /** Drum-pattern consistency per piece with drums. */
  drums: number[];
  strongBeats: number;
  clashes: number;
}

/** True when two roles sound a minor second (or major seventh) apart at `beat`. */
function clashAt(notes: NoteSequence['notes'], beat: number): boolean {
  const on = notes.filter((n) => !n.isDrum && n.start <= beat + 1e-6 && n.end > beat + 1e-6);
  return on.some((a) =>
    on.some((c) => a.role !== c.role && [1, 11].includes((((a.pitch - c.pitch) % 12) + 12) % 12)),
  );
}

/** Composes `prompts[i]` with seed `seeds[i]` (30 s) and measures consistency and clashes. */
export function consistencyFigures(
  model: MusicModel,
  prompts: readonly string[],
  seeds: readonly number[],
): ConsistencyFigures {
  const out: ConsistencyFigures = {
    pieces: prompts.length,
    scale: { melody: [], harmony: [], bass: [] },
    drums: [],
    strongBeats: 0,
    clashes: 0,
  };
  prompts.forEach((prompt, i) => {
    const r = compose(model, { prompt, seed: seeds[i], seconds: 30 });
    const seq = r.sequence;
    for (const role of ['melody', 'harmony', 'bass'] as const) {
      const notes = seq.notes.filter((n) => n.role === role);
      if (notes.length >= 4) out.scale[role].push(scaleConsistency({ notes }));
    }
    if (seq.notes.some((n) => n.isDrum)) out.drums.push(drumPatternConsistency(seq));
    for (const b of strongBeats(seq.totalBeats, r.plan.meter)) {
      out.strongBeats++;
      if (clashAt(seq.notes, b)) out.clashes++;
    }
  });
  return out;
}

/** A prompt that states a tempo (in figures) or a key. */
export interface StatedCase {
  prompt: string;
  tempo?: number;
  key?: string;
}

/** Stated tempo and key: how many were asked, written and heard, and how often the key retry fired. */
export interface StatedFigures {
  tempoAsked: number;
  tempoExact: number;
  keyAsked: number;
  keyHeard: number;
  keyRetries: number;
  misses: string[];
}

const sameName = (a: string, b: string): boolean => {
  const norm = (s: string): string =>
    s.replace('D#', 'Eb').replace('A#', 'Bb').replace('Gb', 'F#').replace('Db', 'C#').replace('G#', 'Ab');
  return norm(a) === norm(b);
};

/** Composes each stated case (seed `seed0 + i`, 30 s) and checks the tempo written and the key heard. */
export function statedFigures(model: MusicModel, cases: readonly StatedCase[], seed0: number): StatedFigures {
  const out: StatedFigures = {
    tempoAsked: 0,
    tempoExact: 0,
    keyAsked: 0,
    keyHeard: 0,
    keyRetries: 0,
    misses: [],
  };
  cases.forEach((c, i) => {
    const r = compose(model, { prompt: c.prompt, seed: seed0 + i, seconds: 30 });
    if (c.tempo !== undefined && r.embedding.statedBpm !== null) {
      out.tempoAsked++;
      if (Math.abs(r.sequence.tempos[0].bpm - c.tempo) < 0.01) out.tempoExact++;
    }
    if (c.key && r.sequence.notes.some((n) => !n.isDrum)) {
      out.keyAsked++;
      if (r.sequence.meta?.keyRetry === true) out.keyRetries++;
      const k = findKeyIndependent(r.sequence.notes);
      const heard = `${PITCH_CLASS_NAMES[k.tonic]} ${k.mode}`;
      if (sameName(heard, c.key)) out.keyHeard++;
      else out.misses.push(`"${c.prompt}": asked ${c.key}, heard ${heard}`);
    }
  });
  return out;
}

/** A mood prompt: the signs of valence and arousal an editor expects (`+-`: pleasant and calm). */
export interface MoodCase {
  prompt: string;
  quadrant: '++' | '+-' | '-+' | '--';
}

/** Mood splits: mean tempo and notes per second by arousal, keys heard in major by valence. */
export interface MoodFigures {
  groups: Record<
    'highArousal' | 'lowArousal' | 'positive' | 'negative',
    { pieces: number; tempo: number; notesPerSecond: number; major: number }
  >;
}

/** Composes each mood prompt (seed `seed0 + i`, 30 s) and splits the figures by arousal and valence. */
export function moodFigures(model: MusicModel, cases: readonly MoodCase[], seed0: number): MoodFigures {
  const rows = cases.map((m, i) => {
    const r = compose(model, { prompt: m.prompt, seed: seed0 + i, seconds: 30 });
    const seq = r.sequence;
    const major = findKeyIndependent(seq.notes).mode === 'major';
    return { m, tempo: r.tempo, nps: seq.notes.length / durationSeconds(seq), major };
  });
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const group = (pick: (q: MoodCase['quadrant']) => boolean) => {
    const g = rows.filter((r) => pick(r.m.quadrant));
    return {
      pieces: g.length,
      tempo: mean(g.map((r) => r.tempo)),
      notesPerSecond: mean(g.map((r) => r.nps)),
      major: mean(g.map((r) => (r.major ? 1 : 0))),
    };
  };
  return {
    groups: {
      highArousal: group((q) => q[1] === '+'),
      lowArousal: group((q) => q[1] === '-'),
      positive: group((q) => q[0] === '+'),
      negative: group((q) => q[0] === '-'),
    },
  };
}
