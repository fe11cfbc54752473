/**
 * Writing a plan with the model, one key at a time: the generator fixes its key-relative transposition
 * and scale from the conditioning it starts with, so a piece that modulates (a script part in a new key)
 * is written region by region, each under its own key, with the plan's chords and conditioning changes,
 * and the regions are joined. A piece in one key is one call, as before.
 */
import type { Conditioning } from '../conditioning';
import type { Writes } from '../model/writes';
import type { Beats, Note, NoteSequence, Role } from '../sequence';
import type { ArrangementPlan } from './plan';
import { conditioningChanges } from './voice';

/** Sampling settings of {@link writeByKey}. */
export interface WriteSettings {
  seed: number;
  temperature: number;
  scaleBias: number;
  tonicBias: number;
  /** False: the model alone (no generation rule). */
  rules: boolean;
  /** Spans of the piece (beats, sorted) where each role is not written (see RoleOptions.skip). Default none. */
  skip?: Partial<Record<Role, readonly { start: Beats; end: Beats }[]>>;
}

/** A stretch of the piece in one key: its beats and the conditioning changes inside it. */
export interface KeyRegion {
  start: Beats;
  end: Beats;
  key: Conditioning['key'];
}

const EPS = 1e-6;

/** The plan's stretches of one key, in order (consecutive sections in the same key form one). */
export function keyRegions(plan: ArrangementPlan): KeyRegion[] {
  const out: KeyRegion[] = [];
  for (const s of plan.sections) {
    const key = s.conditioning.key;
    const last = out[out.length - 1];
    if (last && last.key.tonic === key.tonic && last.key.mode === key.mode) last.end = s.end;
    else out.push({ start: s.start, end: s.end, key });
  }
  return out;
}

/** The spans (chords, skips) that meet `from`..`to`, clipped to it and moved to start at 0. */
function spansIn<T extends { start: Beats; end: Beats }>(spans: readonly T[], from: Beats, to: Beats): T[] {
  return spans
    .filter((x) => x.end > from + EPS && x.start < to - EPS)
    .map((x) => ({ ...x, start: Math.max(from, x.start) - from, end: Math.min(to, x.end) - from }));
}

/**
 * Writes every role of the plan with the model: the form's sections and the speech spans as conditioning
 * changes, the chord plan, one generator run per key region (region k seeded `seed + k`). A job
 * ({@link Writes}): it yields each region's request and receives its notes, so `runWrites` and
 * `runWritesAsync` drive the same writing.
 */
export function* writeByKey(plan: ArrangementPlan, roles: Role[], s: WriteSettings): Writes<NoteSequence> {
  const changes = conditioningChanges(plan.sections, plan.speech ?? []);
  const request = {
    roles,
    seed: s.seed,
    temperature: s.temperature,
    scaleBias: s.scaleBias,
    tonicBias: s.tonicBias,
    rules: s.rules,
    programs: plan.programs,
  };
  const regions = keyRegions(plan);
  const parts: { raw: NoteSequence; notes: Note[] }[] = [];
  for (const [k, r] of regions.entries()) {
    const inside = changes.filter((c) => c.start >= r.start - EPS && c.start < r.end - EPS);
    const raw = yield {
      ...request,
      seed: s.seed + k,
      conditioning: inside[0].conditioning,
      beats: r.end - r.start,
      chords: regions.length === 1 ? plan.chords : spansIn(plan.chords, r.start, r.end),
      sections: inside.slice(1).map((c) => ({ start: c.start - r.start, conditioning: c.conditioning })),
      skip: s.skip
        ? Object.fromEntries(
            Object.entries(s.skip).map(([role, spans]) => [role, spansIn(spans ?? [], r.start, r.end)]),
          )
        : undefined,
    };
    parts.push({
      raw,
      notes: raw.notes.map((n): Note => ({ ...n, start: n.start + r.start, end: n.end + r.start })),
    });
  }
  return { ...parts[0].raw, notes: parts.flatMap((p) => p.notes), totalBeats: plan.beats };
}
