/**
 * The biases a role's writer adds to the model's logits under the rules: no step of 0 where time must move
 * on, no duration of 0, the scale and tonic biases under the plan's chord, and the melody's floor.
 */
import { DURATION_MAX, REST, STEP_MAX } from '../codec/events';
import type { Conditioning } from '../conditioning';
import { chordFromId, chordPitchClasses } from '../features/chords';
import type { Role } from '../sequence';
import { REPETITION_WINDOW } from './sampling';
import { styleScale } from './scales';

/** What {@link pitchBias} reads of a role's options (`RoleOptions` in generate.ts). */
export interface PitchBiasOptions {
  role: Role;
  conditioning: Pick<Conditioning, 'key' | 'style'>;
  /** Log-probability added to pitches outside the key's scale (0 = none). */
  scaleBias?: number;
  /** Log-probability added to the tonic's pitch class. */
  tonicBias?: number;
}

/** Step bias that forbids a step of 0 (time must move on). */
export const MOVE_ON = (() => {
  const b = new Float64Array(STEP_MAX + 1);
  b[0] = -Infinity;
  return b;
})();

/**
 * Lowest melody pitch under the rules (G3): a melody pitch sampled below it is raised by octaves (its
 * pitch class, so the key and the chord, stay the model's), so that a melody the keep-playing rule makes
 * start where the model would rest does not fall into the bass's register.
 */
export const MELODY_FLOOR = 55;

/** Duration bias that forbids a duration of 0 (not a note). */
export const DURATION_BIAS = (() => {
  const b = new Float64Array(DURATION_MAX + 1);
  b[0] = -Infinity;
  return b;
})();

/**
 * {@link DURATION_BIAS} less the duration repetition penalty: each duration id's logit lowered by
 * `penalty` times its share of the role's last {@link REPETITION_WINDOW} durations (`recent`), written into
 * `out` (a writer's buffer, read only during the sampling call). {@link DURATION_BIAS} itself when there is
 * no penalty to apply.
 */
export function durationBias(recent: readonly number[], penalty: number, out: Float64Array): Float64Array {
  if (penalty <= 0 || recent.length === 0) return DURATION_BIAS;
  out.set(DURATION_BIAS);
  penaliseRecent(out, recent, penalty);
  return out;
}

/**
 * The repetition penalty (pitches and durations alike): lowers `bias[id]` by `penalty` /
 * {@link REPETITION_WINDOW} for each time `id` is among a role's `recent` ids.
 */
export function penaliseRecent(bias: Float64Array, recent: readonly number[], penalty: number): void {
  for (const id of recent) bias[id] -= penalty / REPETITION_WINDOW;
}

/**
 * Bias over the model's (key-relative) pitch ids under the chord `chord` (an absolute chord id, 0 = none):
 * `scaleBias` for pitches outside the style's scale over the key ({@link styleScale}: blue notes belong
 * to blues, jazz and funk) that are not tones of the chord (so a minor key's V
 * lets its leading tone through: harmonic minor where the chord asks for it), `tonicBias` for the tonic.
 */
export function pitchBias(o: PitchBiasOptions, shift: number, chord = 0): Float64Array | undefined {
  if ((!o.scaleBias && !o.tonicBias) || o.role === 'drums') return undefined;
  const { tonic, mode } = o.conditioning.key;
  const scale = styleScale(o.conditioning.style, mode);
  const c = chordFromId(chord);
  const tones = c ? chordPitchClasses(c).map((p) => (((p - tonic) % 12) + 12) % 12) : [];
  const bias = new Float64Array(REST + 1);
  for (let r = 0; r < 128; r++) {
    const pc = (((r - shift - tonic) % 12) + 12) % 12;
    if (!scale.includes(pc) && !tones.includes(pc)) bias[r] = o.scaleBias ?? 0;
    else if (pc === 0) bias[r] = o.tonicBias ?? 0;
  }
  return bias;
}

/**
 * Step bias that keeps the next event within `room` grid steps (no step past it, and at least 1 allowed)
 * and, with `moveOn`, forbids a step of 0; written into `out` (a writer's buffer, read only during the
 * sampling call). Undefined when nothing is forbidden, {@link MOVE_ON} when only the step of 0 is.
 */
export function stepRoomBias(room: number, moveOn: boolean, out: Float64Array): Float64Array | undefined {
  if (room >= STEP_MAX) return moveOn ? MOVE_ON : undefined;
  const last = Math.max(1, room);
  for (let s = 0; s <= STEP_MAX; s++) out[s] = s > last || (moveOn && s === 0) ? -Infinity : 0;
  return out;
}

/** The rules a writer adds to the pitch bias at one onset ({@link pitchRules}). */
export interface PitchRules {
  /** The role's recent pitch ids, for the repetition penalty. */
  recent: readonly number[];
  /** The repetition penalty (0 = none). */
  penalty: number;
  /** Pitch ids already started at this onset: forbidden. */
  stacked: readonly number[];
  /** The role has been silent for a bar: rests are forbidden. */
  silent: boolean;
  /**
   * Semitones around each pitch already started at this onset that are forbidden too (2: no second struck
   * against a note of the same onset). Default 0 (the same pitch only).
   */
  apart?: number;
}

/**
 * `base` (the pitch bias under the chord, or none) with the rules `r` applied, written into `out` (a
 * writer's buffer, read only during the sampling call); `base` itself when no rule applies.
 */
export function pitchRules(
  base: Float64Array | undefined,
  r: PitchRules,
  out: Float64Array,
): Float64Array | undefined {
  const repeat = r.penalty > 0 && r.recent.length > 0;
  if (r.stacked.length === 0 && !r.silent && !repeat) return base;
  if (base) out.set(base);
  else out.fill(0);
  if (repeat) penaliseRecent(out, r.recent, r.penalty);
  const apart = r.apart ?? 0;
  for (const p of r.stacked)
    for (let q = Math.max(0, p - apart); q <= Math.min(127, p + apart); q++) out[q] = -Infinity;
  if (r.silent) out[REST] = -Infinity;
  return out;
}

/** True when `pitch` is at most `apart` semitones from one of `others` (0: the same pitch only). */
export function withinApart(pitch: number, others: readonly number[], apart: number): boolean {
  return others.some((o) => Math.abs(o - pitch) <= apart);
}

/**
 * A melody pitch id (key-relative by `shift`) below {@link MELODY_FLOOR} raised by octaves until it is at
 * or above the floor and, once moved, more than `apart` semitones from each of `stacked` (a lift must not
 * double a note at the same onset, nor land in the band {@link pitchRules} forbade); the pitch as sampled
 * when the lift would pass 127.
 */
export function liftedToFloor(pitch: number, shift: number, stacked: readonly number[], apart = 0): number {
  let p = pitch;
  while (p - shift < MELODY_FLOOR || (p !== pitch && withinApart(p, stacked, apart))) p += 12;
  return p <= 127 ? p : pitch;
}
