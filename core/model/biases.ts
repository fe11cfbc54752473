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
