/**
 * The model's decoding settings (`config.json` `sampling`): per role, a multiplier of the request's
 * temperature for each head. They belong to the model because they are chosen for its weights, on the
 * training corpus' validation split (`bench/design/tune-sampling.ts`), never on held-out music.
 */
import { ModelLoadError } from '../errors';
import type { Role } from '../sequence';
import { ROLES } from '../sequence';

/** The heads sampled for each event, in order. */
export const SAMPLED_HEADS = ['step', 'pitch', 'duration', 'velocity'] as const;
/** One of {@link SAMPLED_HEADS}. */
export type SampledHead = (typeof SAMPLED_HEADS)[number];
/** Multipliers of the sampling temperature per head (1 where absent). */
export type HeadTemperature = Partial<Record<SampledHead, number>>;

/** Notes a role looks back over for {@link SamplingConfig.repetition}. */
export const REPETITION_WINDOW = 8;

/**
 * `config.json` `sampling`: each role's head multipliers (roles absent sample every head at 1), and each
 * role's repetition penalty: a pitch's logit is lowered by the penalty times its share of the role's last
 * {@link REPETITION_WINDOW} notes (a decoding setting, as in Keskar et al.'s CTRL, against the loops
 * autoregressive sampling falls into; roles absent have none), the same penalty on the role's recent
 * durations (`durationRepetition`, against a melody that runs in one note length), and each role's style
 * guidance scale (`guidance.ts`; roles absent are not guided).
 */
export interface SamplingConfig {
  roles?: Partial<Record<Role, HeadTemperature>>;
  repetition?: Partial<Record<Role, number>>;
  durationRepetition?: Partial<Record<Role, number>>;
  guidance?: Partial<Record<Role, number>>;
}

/** Temperature and nucleus of one head. */
export interface HeadSample {
  temperature: number;
  topP: number;
}

/** Each head's temperature (`temperature` times the head's multiplier) and the shared nucleus. */
export function headSampling(
  temperature: number,
  topP: number,
  heads: HeadTemperature = {},
): Record<SampledHead, HeadSample> {
  const at = (h: SampledHead): HeadSample => ({ temperature: temperature * (heads[h] ?? 1), topP });
  return { step: at('step'), pitch: at('pitch'), duration: at('duration'), velocity: at('velocity') };
}

/** Highest multiplier a config may hold (a request's temperature is at most 3 already). */
const MAX_MULTIPLIER = 3;
/** Highest repetition penalty a config may hold (in logits). */
const MAX_PENALTY = 10;
/** Highest style guidance scale a config may hold. */
const MAX_GUIDANCE = 4;

function checkRole(role: string): void {
  if (!(ROLES as readonly string[]).includes(role))
    throw new ModelLoadError(`config.json sampling names no role "${role}"`);
}

/**
 * Checks a config's `sampling` field (absent is fine).
 * @throws {ModelLoadError} when it names an unknown role or head, a multiplier is not in (0, 3], a
 * repetition penalty (of pitches or durations) is not in [0, 10], or a guidance scale is not in [1, 4].
 */
export function checkSampling(raw: unknown): SamplingConfig | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null)
    throw new ModelLoadError('config.json sampling is not an object');
  const roles = (raw as SamplingConfig).roles ?? {};
  for (const [role, heads] of Object.entries(roles)) {
    checkRole(role);
    for (const [head, v] of Object.entries(heads ?? {})) {
      if (!(SAMPLED_HEADS as readonly string[]).includes(head))
        throw new ModelLoadError(`config.json sampling names no head "${head}" (for ${role})`);
      if (typeof v !== 'number' || !(v > 0 && v <= MAX_MULTIPLIER))
        throw new ModelLoadError(
          `config.json sampling ${role}.${head} must be a number in (0, ${MAX_MULTIPLIER}]`,
        );
    }
  }
  checkRoleNumbers(raw, 'repetition', 0, MAX_PENALTY);
  checkRoleNumbers(raw, 'durationRepetition', 0, MAX_PENALTY);
  checkRoleNumbers(raw, 'guidance', 1, MAX_GUIDANCE);
  return raw as SamplingConfig;
}

/**
 * Checks `sampling[field]`: an object of role -> number in [lo, hi] (absent is fine).
 * @throws {ModelLoadError} otherwise.
 */
function checkRoleNumbers(
  raw: object,
  field: 'repetition' | 'durationRepetition' | 'guidance',
  lo: number,
  hi: number,
): void {
  const values: unknown = (raw as Record<string, unknown>)[field] ?? {};
  if (typeof values !== 'object' || values === null)
    throw new ModelLoadError(`config.json sampling.${field} is not an object`);
  for (const [role, v] of Object.entries(values)) {
    checkRole(role);
    if (typeof v !== 'number' || !(v >= lo && v <= hi))
      throw new ModelLoadError(`config.json sampling.${field}.${role} must be a number in [${lo}, ${hi}]`);
  }
}
