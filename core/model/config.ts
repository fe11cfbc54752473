/**
 * A model's `config.json`: architecture, vocabularies, conditioning schema and version. Loading checks it
 * against the code before any weight is read.
 */
import type { SamplingConfig } from './sampling';
import { checkSampling } from './sampling';
import { checkRolePriors, checkStylePriors } from './priors';
import { CHORD_VOCAB } from '../features/chords';
import { INSTRUMENT_FAMILIES } from '../features/family';
import { GRID, VOCAB } from '../codec/events';
import { CONDITIONING_SIZE, CONDITIONING_VERSION, STYLES } from '../conditioning';
import { ModelLoadError } from '../errors';
import { ROLES } from '../sequence';
import { BAND_HEADS } from './fields';
import { checkArchitecture } from './shapes';

export { checkArchitecture, expectedWeights } from './shapes';
export type { ExpectedWeight } from './shapes';

/** Metric positions the model distinguishes (grid steps in a bar of up to 4 beats). */
export const POSITIONS = 4 * GRID;

/**
 * The format version of config.json that this code writes: 2 adds the instrument families (`families`,
 * `vocab.family`) and the band LSTM (`band-lstm`, whose `architecture.heads` records the heads' order).
 */
export const CONFIG_FORMAT = 2;
/** The first format (event LSTM and seed baseline, no families): still read, so older models load. */
export const LEGACY_FORMAT = 1;

/** Vocabulary sizes of the event encoding, as recorded in config.json. */
export const EVENT_VOCAB = {
  ...VOCAB,
  chord: CHORD_VOCAB,
  position: POSITIONS,
  family: INSTRUMENT_FAMILIES.length,
};

/** The conditioned event LSTM. */
export interface EventLstmArchitecture {
  kind: 'event-lstm';
  /** LSTM units per layer. */
  units: number[];
  /** Embedding widths per input. */
  embed: {
    pitch: number;
    step: number;
    duration: number;
    velocity: number;
    role: number;
    chord: number;
    position: number;
  };
  /** Width of the dense projection of the conditioning vector. */
  conditioningWidth: number;
}

/**
 * The band LSTM: the event LSTM's inputs plus the family of the instrument that plays next, and sequential
 * heads (step, then pitch given the new onset's step, chord and position, then duration and velocity
 * given the pitch too), each of the last two through a tanh layer of `headUnits`.
 */
export interface BandLstmArchitecture {
  kind: 'band-lstm';
  units: number[];
  embed: EventLstmArchitecture['embed'] & { family: number };
  conditioningWidth: number;
  /** Width of the hidden layer of the pitch head and of the note (duration, velocity) head. */
  headUnits: number;
  /** The heads in output and sampling order ({@link BAND_HEADS}); loading checks it. */
  heads: string[];
  /** The pitch head also reads the previous event's pitch (a skip past the LSTM). */
  previousPitch?: boolean;
  /**
   * Both head layers also read the conditioning at the new onset (input `in_next_cond`, after the
   * next-onset ids): a section's change reaches the note that starts it.
   */
  onsetConditioning?: boolean;
}

/** The seed tutorial's model: LSTM over (pitch/128, step s, duration s), pitch softmax, MSE for times. */
export interface SeedBaselineArchitecture {
  kind: 'seed-baseline';
  units: number;
  /** Notes per input window (25 in the tutorial). */
  window: number;
}

/** Everything `config.json` holds. */
export interface ModelConfig {
  format: number;
  name: string;
  version: string;
  architecture: EventLstmArchitecture | BandLstmArchitecture | SeedBaselineArchitecture;
  /** Vocabulary sizes (`family` from format 2 on). */
  vocab: Omit<typeof EVENT_VOCAB, 'family'> & { family?: number };
  /** Instrument families in id order (format 2; {@link INSTRUMENT_FAMILIES}). */
  families?: string[];
  grid: number;
  conditioning: { size: number; version: number; styles: string[]; roles: string[] };
  /** Pitches are written relative to the key's tonic (moved to C) and transposed back after sampling. */
  keyRelative: boolean;
  training?: Record<string, unknown>;
  /** Decoding settings chosen for these weights on the validation split ({@link SamplingConfig}). */
  sampling?: SamplingConfig;
}

/** Creates a config for an architecture, with this code's vocabularies and conditioning schema. */
export function makeConfig(
  name: string,
  architecture: ModelConfig['architecture'],
  version = '0.1.0',
): ModelConfig {
  return {
    format: CONFIG_FORMAT,
    name,
    version,
    architecture,
    vocab: { ...EVENT_VOCAB },
    families: [...INSTRUMENT_FAMILIES],
    grid: GRID,
    conditioning: {
      size: CONDITIONING_SIZE,
      version: CONDITIONING_VERSION,
      styles: [...STYLES],
      roles: [...ROLES],
    },
    keyRelative: architecture.kind !== 'seed-baseline',
  };
}

const EMBED = { pitch: 48, step: 16, duration: 16, velocity: 8, role: 4, chord: 16, position: 12 };

/** The band LSTM's options beside its size (docs/model.md measures each). */
type BandOptions = Pick<BandLstmArchitecture, 'onsetConditioning' | 'previousPitch'>;

/** A band LSTM of `units` per layer, with the default embedding widths. */
function band(name: string, units: number[], headUnits: number, options: BandOptions): ModelConfig {
  return makeConfig(
    name,
    {
      kind: 'band-lstm',
      units,
      embed: { ...EMBED, family: 8 },
      conditioningWidth: 32,
      headUnits,
      heads: [...BAND_HEADS],
      ...options,
    },
    '0.2.0',
  );
}

const ONSET: BandOptions = { onsetConditioning: true };

/** Named configurations for `audiogenesis train --config NAME`. */
export const CONFIGS: Record<string, () => ModelConfig> = {
  /** The band LSTM, its heads reading the new onset's step, chord, position and conditioning. */
  default: () => band('audiogenesis-band', [256], 128, ONSET),
  /** Design alternatives (docs/model.md): heads without the onset's conditioning; with the previous pitch. */
  'band-plain': () => band('audiogenesis-band', [256], 128, {}),
  'band-previous': () => band('audiogenesis-band', [256], 128, { previousPitch: true }),
  'band-previous-onset': () => band('audiogenesis-band', [256], 128, { ...ONSET, previousPitch: true }),
  /** The first model's architecture (event LSTM, parallel heads), for comparisons. */
  event: () =>
    makeConfig('audiogenesis-lstm', {
      kind: 'event-lstm',
      units: [256],
      embed: EMBED,
      conditioningWidth: 32,
    }),
  small: () => band('audiogenesis-band-small', [128], 96, ONSET),
  baseline: () => makeConfig('seed-baseline', { kind: 'seed-baseline', units: 128, window: 25 }),
  /** For tests and smoke runs: trains in seconds. */
  tiny: () =>
    makeConfig('audiogenesis-lstm-tiny', {
      kind: 'band-lstm',
      units: [16],
      embed: { pitch: 8, step: 4, duration: 4, velocity: 2, role: 2, chord: 4, position: 3, family: 2 },
      conditioningWidth: 4,
      headUnits: 8,
      heads: [...BAND_HEADS],
      onsetConditioning: true,
    }),
};

const KINDS: Record<number, readonly string[]> = {
  [LEGACY_FORMAT]: ['event-lstm', 'seed-baseline'],
  [CONFIG_FORMAT]: ['event-lstm', 'band-lstm', 'seed-baseline'],
};

const sameList = (a: unknown, b: readonly string[]): boolean =>
  Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Checks a parsed config.json against this code: format 2, or format 1 (the first model's, without
 * families) for the event LSTM and the seed baseline.
 * @throws {ModelLoadError} when a field is missing or does not match the code's vocabularies or schema, or
 *   its decoding settings, per-role or per-style priors are out of range.
 */
export function checkConfig(raw: unknown): ModelConfig {
  if (typeof raw !== 'object' || raw === null) throw new ModelLoadError('config.json is not an object');
  const c = raw as Partial<ModelConfig>;
  const kinds = KINDS[c.format as number];
  if (!kinds)
    throw new ModelLoadError(
      `config.json format ${String(c.format)} is not ${CONFIG_FORMAT} (or ${LEGACY_FORMAT} for older models)`,
    );
  const kind = c.architecture?.kind;
  if (!kind || !kinds.includes(kind))
    throw new ModelLoadError(`config.json names no architecture that format ${c.format} knows`);
  checkArchitecture(c.architecture as ModelConfig['architecture']);
  if (typeof c.name !== 'string' || typeof c.version !== 'string')
    throw new ModelLoadError('config.json lacks name or version');
  for (const [k, v] of Object.entries(EVENT_VOCAB)) {
    if (k === 'family' && c.format === LEGACY_FORMAT) continue;
    if (c.vocab?.[k as keyof typeof EVENT_VOCAB] !== v)
      throw new ModelLoadError(`config.json vocabulary "${k}" does not match the code (${v})`);
  }
  if (c.format === CONFIG_FORMAT && !sameList(c.families, INSTRUMENT_FAMILIES))
    throw new ModelLoadError('config.json instrument families do not match the code');
  if (kind === 'band-lstm' && !sameList((c.architecture as BandLstmArchitecture).heads, BAND_HEADS))
    throw new ModelLoadError(`config.json heads are not ${BAND_HEADS.join(', ')} in that order`);
  if (c.grid !== GRID) throw new ModelLoadError(`config.json grid ${String(c.grid)} is not ${GRID}`);
  if (c.conditioning?.size !== CONDITIONING_SIZE || c.conditioning.version !== CONDITIONING_VERSION)
    throw new ModelLoadError('config.json conditioning schema does not match the code');
  checkSampling(c.sampling);
  checkRolePriors(c.training?.priors);
  checkStylePriors(c.training?.stylePriors);
  return c as ModelConfig;
}
