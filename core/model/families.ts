/**
 * The instrument family the model is conditioned on ({@link INSTRUMENT_FAMILIES}): from a role's GM
 * program when generating, from the shards' family column when training, and, for shards written before
 * families were recorded, from the role (piano for melody and harmony, bass, drums).
 */
import { familyId, familyOfProgram } from '../features/family';
import type { Role } from '../sequence';
import { ROLES } from '../sequence';

/** GM program of each role when none is given: piano, piano, fingered bass, drums. */
export const DEFAULT_PROGRAMS: Readonly<Record<Role, number>> = { melody: 0, harmony: 0, bass: 33, drums: 0 };

/** The program a melody on a synth lead is written as: a flute, GM's acoustic one-voice lead (pipe family). */
export const SYNTH_LEAD_MELODY_AS = 73;

/** The program a melody on brass is written as: a string ensemble's (GM 48, ensemble family). */
export const BRASS_MELODY_AS = 48;

/**
 * The family id a role played on `program` is written as (the role's default program when omitted): its
 * instrument's family, except for two melodies whose family's corpus parts are not tunes:
 * - a melody on a synth lead is written as a pipe melody (a flute's: one voice, as a synth lead plays). The
 *   corpus' synth-lead parts are riffs and arpeggios, and a tune asked of that family came out as runs of
 *   sixteenths. On the evaluation's prompts with development seeds (1001...) pop melodies on the lead synth
 *   came out at 3.8 notes a beat as synth leads, 2.3 as pipes, 1.8 as keyboards; the share of melody
 *   notes a sixteenth or shorter 0.331, 0.241 and 0.176 (POP909's: 0.287; reeds 0.220);
 * - a melody on brass is written as a string ensemble's (a horn theme's long notes). The corpus' brass
 *   parts are section stabs and riffs: cinematic melodies on the brass section came out at 2.44 notes a
 *   beat as brass, 1.09 as a string ensemble, 1.33 as solo strings, 2.86 as pipes, and the style
 *   classifier heard their busy melody as hip-hop (`bench/design/style-diag.ts`).
 * `bench/design/melody-density.ts` prints the shipped mapping's figures; the others were measured with the
 * same loop and these constants changed by hand.
 */
export function roleFamily(role: string, program?: number): number {
  const r = (ROLES as readonly string[]).includes(role) ? (role as Role) : 'melody';
  const p = program ?? DEFAULT_PROGRAMS[r];
  return familyId(r === 'melody' ? melodyWrittenAs(p) : p, r === 'drums');
}

function melodyWrittenAs(program: number): number {
  const family = familyOfProgram(program);
  return family === 'synthLead' ? SYNTH_LEAD_MELODY_AS : family === 'brass' ? BRASS_MELODY_AS : program;
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
