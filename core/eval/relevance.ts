/**
 * Relevance to a prompt that states a tempo or a key, with the text-to-MIDI measures of MidiCaps
 * (Melechovsky, Roy & Herremans, 2024) and text2midi (Bhandari et al., AAAI 2025): TB, the tempo written in
 * the MIDI falls in the asked tempo's bin; TBT, in the same or a neighbouring bin; CK, the key found in the
 * notes equals the asked key; CKD, the same key or its relative (C major = A minor). The key is found with
 * Aarden-Essen profiles (`features/key-profiles.ts`), a key finder that generation never consults.
 */
import { isSameOrRelative } from '../features/key';
import { findKeyIndependent } from '../features/key-profiles';
import type { Bpm, Mode, NoteSequence } from '../sequence';
import { tempoAt } from '../sequence';
import type { EvalPrompt } from './prompts';

/** MidiCaps' tempo bin edges in bpm (bins: below 40, 40-60, ..., 160-210, 210 and above). */
export const TEMPO_BIN_EDGES: readonly Bpm[] = [40, 60, 70, 90, 110, 140, 160, 210];

/** text2midi's published figures on MidiCaps' test set (Bhandari et al., AAAI 2025), in percent. */
export const TEXT2MIDI_REFERENCE = { TB: 39.7, TBT: 65.8, CK: 33.6, CKD: 35.6 } as const;

/** Index of a tempo's bin: the first edge above it (text2midi's `tempo_bin_index`). */
export function tempoBin(bpm: Bpm): number {
  const i = TEMPO_BIN_EDGES.findIndex((e) => bpm < e);
  return i < 0 ? TEMPO_BIN_EDGES.length : i;
}

/** One piece's relevance hits (undefined where the prompt asks nothing). */
export interface RelevanceHits {
  tb?: boolean;
  tbt?: boolean;
  ck?: boolean;
  ckd?: boolean;
  /** The tempo written in the piece, bpm. */
  tempo: Bpm;
  /** The key found in its notes (Aarden-Essen profiles), or null without pitched notes. */
  foundKey: { tonic: number; mode: Mode } | null;
}

/** Scores one piece against what its prompt asked. */
export function relevanceHits(asked: EvalPrompt, seq: NoteSequence): RelevanceHits {
  const tempo = tempoAt(0, seq.tempos);
  const pitched = seq.notes.filter((n) => !n.isDrum);
  const found = pitched.length ? findKeyIndependent(pitched) : null;
  const foundKey = found ? { tonic: found.tonic, mode: found.mode } : null;
  const out: RelevanceHits = { tempo, foundKey };
  if (asked.tempo !== undefined) {
    const d = Math.abs(tempoBin(tempo) - tempoBin(asked.tempo));
    out.tb = d === 0;
    out.tbt = d <= 1;
  }
  if (asked.key) {
    out.ck = !!foundKey && foundKey.tonic === asked.key.tonic && foundKey.mode === asked.key.mode;
    out.ckd = !!foundKey && isSameOrRelative(foundKey, asked.key);
  }
  return out;
}

/** A rate in percent and the count of pieces it is over. */
export interface Rate {
  percent: number;
  hits: number;
  n: number;
}

/** TB, TBT, CK and CKD over a set. */
export interface RelevanceSummary {
  TB: Rate;
  TBT: Rate;
  CK: Rate;
  CKD: Rate;
}

/** The share of `true` among the defined values, in percent (NaN when none is defined). */
export function rate(values: readonly (boolean | undefined)[]): Rate {
  const defined = values.filter((v): v is boolean => v !== undefined);
  const hits = defined.filter(Boolean).length;
  return { percent: defined.length ? (100 * hits) / defined.length : NaN, hits, n: defined.length };
}

/** Summarises a set's hits. */
export function summariseRelevance(hits: readonly RelevanceHits[]): RelevanceSummary {
  return {
    TB: rate(hits.map((h) => h.tb)),
    TBT: rate(hits.map((h) => h.tbt)),
    CK: rate(hits.map((h) => h.ck)),
    CKD: rate(hits.map((h) => h.ckd)),
  };
}
