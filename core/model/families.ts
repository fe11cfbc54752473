/**
 * The instrument family the model is conditioned on ({@link INSTRUMENT_FAMILIES}): from a role's GM
 * program when generating, from the shards' family column when training, and, for shards written before
 * families were recorded, from the role (piano for melody and harmony, bass, drums).
 */
import { familyId } from '../features/family';
import type { Role } from '../sequence';
import { ROLES } from '../sequence';

/** GM program of each role when none is given: piano, piano, fingered bass, drums. */
export const DEFAULT_PROGRAMS: Readonly<Record<Role, number>> = { melody: 0, harmony: 0, bass: 33, drums: 0 };

/** GM programs of the synth leads (80-87). */
const SYNTH_LEADS = { first: 80, last: 87 } as const;

/**
 * The family id a role played on `program` is written as (the role's default program when omitted): its
 * instrument's family, except that a melody on a synth lead is written as a keyboard melody. The corpus'
 * synth-lead parts are riffs and arpeggios, and a tune asked of that family came out as a run of
 * sixteenths (the evaluation's pop prompts, dev seed 1001: 3.8 melody notes a beat, 1.8 as a keyboard
 * melody); a pop topline on a lead synth is a tune.
 */
export function roleFamily(role: string, program?: number): number {
  const r = (ROLES as readonly string[]).includes(role) ? (role as Role) : 'melody';
  const p = program ?? DEFAULT_PROGRAMS[r];
  const lead = r === 'melody' && p >= SYNTH_LEADS.first && p <= SYNTH_LEADS.last;
  return familyId(lead ? DEFAULT_PROGRAMS.melody : p, r === 'drums');
}

/** What {@link familyColumn} reads of a stream. */
export interface FamilySource {
  role: string;
  length: number;
  /** Family id per stream column (BOS at 0), when the shards record it. */
  family?: Int32Array;
}

/** The family of every column of a stream: its own column, or the role's default family throughout. */
export function familyColumn(s: FamilySource): Int32Array {
  return s.family ?? new Int32Array(s.length).fill(roleFamily(s.role));
}
