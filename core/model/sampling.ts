/**
 * The model's decoding settings (`config.json` `sampling`): per role, a multiplier of the request's
 * temperature for each head. They belong to the model because they are chosen for its weights, on the
 * training corpus' validation split (`bench/design/tune-sampling.ts`), never on held-out music.
 */
import { STEP_MAX } from '../codec/events';
import { ModelLoadError } from '../errors';
import type { Mode, Role } from '../sequence';
import { ROLES } from '../sequence';

/** The heads sampled for each event, in order. */
export const SAMPLED_HEADS = ['step', 'pitch', 'duration', 'velocity'] as const;
/** One of {@link SAMPLED_HEADS}. */
export type SampledHead = (typeof SAMPLED_HEADS)[number];
/** Multipliers of the sampling temperature per head (1 where absent). */
export type HeadTemperature = Partial<Record<SampledHead, number>>;

/** Notes a role looks back over for {@link SamplingConfig.repetition}. */
export const REPETITION_WINDOW = 8;

/** Appends `x` to a role's recent values, keeping the last {@link REPETITION_WINDOW}. */
export function remember(recent: number[], x: number): void {
  recent.push(x);
  if (recent.length > REPETITION_WINDOW) recent.shift();
}

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
  /**
   * Semitones around a pitch already started at an onset within which the role starts no other note there
   * (2 for a melody: no second struck against itself; roles absent: only the same pitch is forbidden).
   */
  stackApart?: Partial<Record<Role, number>>;
  /** Each role's unplayed start ({@link PrefixEvent}s its LSTM reads before it writes; none by default). */
  prefix?: Partial<Record<Role, PrefixEvent[]>>;
}

/**
 * One event of a role's unplayed start: a (key-relative) pitch id and its step on the grid, the note as
 * long as its step. The role's network reads these before it writes, and none of them sounds: a stepwise
 * figure leads a melody to go on stepping (docs/model.md, "A stepwise start"). The pitch is written in
 * major; a minor piece reads it in its own mode ({@link prefixPitch}).
 */
export interface PrefixEvent {
  pitch: number;
  step: number;
}

/** Key-relative pitch classes of the major scale's third, sixth and seventh, lowered a semitone in minor. */
const MAJOR_ONLY = new Set([4, 9, 11]);

/**
 * A prefix pitch as a piece in `mode` reads it: in minor, the major third, sixth and seventh above the
 * tonic move down a semitone (the same scale degree of the natural minor); other pitches and every pitch
 * in major stay.
 */
export function prefixPitch(pitch: number, mode: Mode): number {
  return mode === 'minor' && MAJOR_ONLY.has(pitch % 12) ? pitch - 1 : pitch;
}

/** Most events a role's prefix may hold. */
const MAX_PREFIX = 64;

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
/** Widest stack distance a config may hold (semitones; an octave). */
const MAX_STACK_APART = 12;

function checkRole(role: string): void {
  if (!(ROLES as readonly string[]).includes(role))
    throw new ModelLoadError(`config.json sampling names no role "${role}"`);
}

/**
 * Checks a config's `sampling` field (absent is fine).
 * @throws {ModelLoadError} when it names an unknown role or head, a multiplier is not in (0, 3], a
 * repetition penalty (of pitches or durations) is not in [0, 10], a guidance scale is not in [1, 4], a stack
 * distance is not in [0, 12] semitones, or a prefix is not a list of at most 64 events with a pitch in
 * 0..127 and a step in 1..{@link STEP_MAX}.
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
  checkRoleNumbers(raw, 'stackApart', 0, MAX_STACK_APART);
  checkPrefixes(raw);
  return raw as SamplingConfig;
}

/**
 * Checks `sampling[field]`: an object of role -> number in [lo, hi] (absent is fine).
 * @throws {ModelLoadError} otherwise.
 */
function checkRoleNumbers(
  raw: object,
  field: 'repetition' | 'durationRepetition' | 'guidance' | 'stackApart',
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

/**
 * Checks `sampling.prefix`: role -> a list of at most {@link MAX_PREFIX} events, each with an integer pitch
 * in 0..127 and step in 1..{@link STEP_MAX} (absent is fine).
 * @throws {ModelLoadError} otherwise.
 */
function checkPrefixes(raw: object): void {
  const prefixes: unknown = (raw as Record<string, unknown>).prefix ?? {};
  if (typeof prefixes !== 'object' || prefixes === null || Array.isArray(prefixes))
    throw new ModelLoadError('config.json sampling.prefix is not an object');
  const int = (v: unknown, lo: number, hi: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
  for (const [role, events] of Object.entries(prefixes)) {
    checkRole(role);
    const ok =
      Array.isArray(events) &&
      events.length <= MAX_PREFIX &&
      events.every(
        (e: unknown) =>
          typeof e === 'object' &&
          e !== null &&
          int((e as PrefixEvent).pitch, 0, 127) &&
          int((e as PrefixEvent).step, 1, STEP_MAX),
      );
    if (!ok)
      throw new ModelLoadError(
        `config.json sampling.prefix.${role} must be at most ${MAX_PREFIX} events of {pitch: 0-127, step: 1-${STEP_MAX}}`,
      );
  }
}
