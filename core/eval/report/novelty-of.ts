/** The novelty search of an evaluation: every pitched part of every generated piece against the training index. */
import type { NoteSequence } from '../../sequence';
import { beatsPerBar } from '../../sequence';
import type { NoveltyIndex, NoveltyOptions, TokenStream } from '../novelty';
import { longestSharedRuns, tokenize } from '../novelty';
import type { PieceReport } from './types';

/** A set's pieces, by name. */
export interface NamedPieces {
  name: string;
  pieces: readonly NoteSequence[];
}

/** The pitched parts of a piece, one per role, as novelty queries. */
function parts(seq: NoteSequence): { role: string; stream: TokenStream }[] {
  const roles = [...new Set(seq.notes.filter((n) => !n.isDrum).map((n) => n.role))];
  return roles.map((role) => ({
    role,
    stream: tokenize(seq.notes.filter((n) => !n.isDrum && n.role === role)),
  }));
}

/** The longest run each piece shares with the training index, keyed `set:index`. */
export function noveltyOf(
  sets: readonly NamedPieces[],
  index: NoveltyIndex,
  thresholdBars: number,
  rules: NoveltyOptions,
): Map<string, PieceReport['novelty']> {
  const queries: { key: string; role: string; bar: number; stream: TokenStream }[] = [];
  for (const s of sets)
    s.pieces.forEach((seq, i) => {
      const bar = beatsPerBar(seq.timeSignatures[0] ?? { numerator: 4, denominator: 4 });
      for (const p of parts(seq)) queries.push({ key: `${s.name}:${i}`, bar, ...p });
    });
  const runs = longestSharedRuns(
    index,
    queries.map((q) => q.stream),
    rules,
  );
  const out = new Map<string, PieceReport['novelty']>();
  queries.forEach((q, i) => {
    const r = runs[i];
    const bars = r.beats / q.bar;
    const prev = out.get(q.key);
    if (!prev || bars > prev.bars || (bars === prev.bars && r.notes > prev.notes))
      out.set(q.key, {
        notes: r.notes,
        beats: r.beats,
        bars,
        role: q.role,
        at: r.at,
        flagged: bars > thresholdBars,
      });
  });
  for (const s of sets)
    s.pieces.forEach((_, i) => {
      if (!out.has(`${s.name}:${i}`))
        out.set(`${s.name}:${i}`, { notes: 0, beats: 0, bars: 0, role: '', at: 0, flagged: false });
    });
  return out;
}
