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

/** The family id of a role played on `program` (the role's default program when omitted). */
export function roleFamily(role: string, program?: number): number {
  const r = (ROLES as readonly string[]).includes(role) ? (role as Role) : 'melody';
  return familyId(program ?? DEFAULT_PROGRAMS[r], r === 'drums');
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
