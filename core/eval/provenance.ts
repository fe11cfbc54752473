/**
 * How much of a set's music the model wrote: per role, the share of notes and of sounding time (seconds)
 * of each origin (`Note.origin`: sampled by the model, copied, rule-made, mended), pooled over the set's
 * pieces, and the passes behind them. Notes without an origin (music from outside the arranger) count as
 * `unknown`.
 */
import type { NoteOrigin, NoteSequence, Role } from '../sequence';
import { beatsToSeconds, ROLES } from '../sequence';

/** Origins in report order; `unknown` for notes that carry none. */
export const ORIGINS = ['model', 'copy', 'rule', 'mended', 'unknown'] as const;
/** One of {@link ORIGINS}. */
export type OriginName = NoteOrigin | 'unknown';

/** One role's (or all roles') provenance over a set. */
export interface ProvenanceShares {
  notes: number;
  seconds: number;
  /** Share of the notes of each origin. */
  noteShare: Record<OriginName, number>;
  /** Share of the sounding time of each origin. */
  timeShare: Record<OriginName, number>;
  /** Share of the notes each pass made, copied or moved (`origin:by`, e.g. `copy:repeat`). */
  passes: Record<string, number>;
}

/** Provenance per role and over all roles. */
export type ProvenanceTable = Partial<Record<Role | 'all', ProvenanceShares>>;

const zero = (): Record<OriginName, number> => ({ model: 0, copy: 0, rule: 0, mended: 0, unknown: 0 });

function shares(items: readonly { origin: OriginName; by: string; seconds: number }[]): ProvenanceShares {
  const notes = zero();
  const time = zero();
  const passes: Record<string, number> = {};
  let seconds = 0;
  for (const x of items) {
    notes[x.origin]++;
    time[x.origin] += x.seconds;
    seconds += x.seconds;
    if (x.origin !== 'model' && x.origin !== 'unknown') {
      const key = `${x.origin}:${x.by}`;
      passes[key] = (passes[key] ?? 0) + 1;
    }
  }
  const over = (r: Record<string, number>, total: number): Record<string, number> =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, total > 0 ? v / total : NaN]));
  return {
    notes: items.length,
    seconds,
    noteShare: over(notes, items.length) as Record<OriginName, number>,
    timeShare: over(time, seconds) as Record<OriginName, number>,
    passes: over(passes, items.length),
  };
}

/** The provenance of a set's pieces, per role that plays and over all. */
export function provenance(pieces: readonly NoteSequence[]): ProvenanceTable {
  const items = pieces.flatMap((seq) =>
    seq.notes.map((n) => ({
      role: n.role,
      origin: (n.origin ?? 'unknown') as OriginName,
      by: n.by ?? '?',
      seconds: beatsToSeconds(n.end, seq.tempos) - beatsToSeconds(n.start, seq.tempos),
    })),
  );
  const out: ProvenanceTable = {};
  for (const role of ROLES) {
    const mine = items.filter((x) => x.role === role);
    if (mine.length) out[role] = shares(mine);
  }
  if (items.length) out.all = shares(items);
  return out;
}
