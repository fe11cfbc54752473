/**
 * A model's `config.json`: architecture, vocabularies, conditioning schema and version. Loading checks it
 * against the code before any weight is read.
 */
import { CHORD_VOCAB } from '../features/chords';
import { GRID, VOCAB } from '../codec/events';
import { CONDITIONING_SIZE, CONDITIONING_VERSION, STYLES } from '../conditioning';
import { ModelLoadError } from '../errors';
import { ROLES } from '../sequence';
import { EVENT_INPUTS, HEADS } from './fields';

/** Metric positions the model distinguishes (grid steps in a bar of up to 4 beats). */
export const POSITIONS = 4 * GRID;

/** The format version of config.json that this code reads. */
export const CONFIG_FORMAT = 1;

/** Vocabulary sizes of the event encoding, as recorded in config.json. */
export const EVENT_VOCAB = { ...VOCAB, chord: CHORD_VOCAB, position: POSITIONS };

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
  architecture: EventLstmArchitecture | SeedBaselineArchitecture;
  vocab: typeof EVENT_VOCAB;
  grid: number;
  conditioning: { size: number; version: number; styles: string[]; roles: string[] };
  /** Pitches are written relative to the key's tonic (moved to C) and transposed back after sampling. */
  keyRelative: boolean;
  training?: Record<string, unknown>;
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
    grid: GRID,
    conditioning: {
      size: CONDITIONING_SIZE,
      version: CONDITIONING_VERSION,
      styles: [...STYLES],
      roles: [...ROLES],
    },
    keyRelative: architecture.kind === 'event-lstm',
  };
}

/** Named configurations for `audiogenesis train --config NAME`. */
export const CONFIGS: Record<string, () => ModelConfig> = {
  default: () =>
    makeConfig('audiogenesis-lstm', {
      kind: 'event-lstm',
      units: [256],
      embed: { pitch: 48, step: 16, duration: 16, velocity: 8, role: 4, chord: 16, position: 12 },
      conditioningWidth: 32,
    }),
  small: () =>
    makeConfig('audiogenesis-lstm-small', {
      kind: 'event-lstm',
      units: [128],
      embed: { pitch: 32, step: 12, duration: 12, velocity: 6, role: 4, chord: 12, position: 8 },
      conditioningWidth: 16,
    }),
  baseline: () => makeConfig('seed-baseline', { kind: 'seed-baseline', units: 128, window: 25 }),
  /** For tests and smoke runs: trains in seconds. */
  tiny: () =>
    makeConfig('audiogenesis-lstm-tiny', {
      kind: 'event-lstm',
      units: [16],
      embed: { pitch: 8, step: 4, duration: 4, velocity: 2, role: 2, chord: 4, position: 3 },
      conditioningWidth: 4,
    }),
};

/**
 * Checks a parsed config.json against this code.
 * @throws {ModelLoadError} when a field is missing or does not match the code's vocabularies or schema.
 */
export function checkConfig(raw: unknown): ModelConfig {
  if (typeof raw !== 'object' || raw === null) throw new ModelLoadError('config.json is not an object');
  const c = raw as Partial<ModelConfig>;
  if (c.format !== CONFIG_FORMAT)
    throw new ModelLoadError(`config.json format ${String(c.format)} is not ${CONFIG_FORMAT}`);
  if (!c.architecture || (c.architecture.kind !== 'event-lstm' && c.architecture.kind !== 'seed-baseline'))
    throw new ModelLoadError('config.json names no known architecture');
  checkArchitecture(c.architecture);
  if (typeof c.name !== 'string' || typeof c.version !== 'string')
    throw new ModelLoadError('config.json lacks name or version');
  for (const [k, v] of Object.entries(EVENT_VOCAB))
    if (c.vocab?.[k as keyof typeof EVENT_VOCAB] !== v)
      throw new ModelLoadError(`config.json vocabulary "${k}" does not match the code (${v})`);
  if (c.grid !== GRID) throw new ModelLoadError(`config.json grid ${String(c.grid)} is not ${GRID}`);
  if (c.conditioning?.size !== CONDITIONING_SIZE || c.conditioning.version !== CONDITIONING_VERSION)
    throw new ModelLoadError('config.json conditioning schema does not match the code');
  return c as ModelConfig;
}

/** Largest width a config may give a layer (a guard against absurd allocations from a damaged file). */
const MAX_WIDTH = 8192;

function width(value: unknown, field: string): void {
  if (!(Number.isInteger(value) && (value as number) > 0 && (value as number) <= MAX_WIDTH))
    throw new ModelLoadError(
      `config.json architecture.${field} is ${JSON.stringify(value) ?? 'missing'}: it must be a whole number from 1 to ${MAX_WIDTH}`,
    );
}

/**
 * Checks an architecture's sizes: whole positive numbers where the code expects them.
 * @throws {ModelLoadError} naming the field at fault.
 */
export function checkArchitecture(a: ModelConfig['architecture']): void {
  if (a.kind === 'seed-baseline') {
    width(a.units, 'units');
    width(a.window, 'window');
    return;
  }
  if (!Array.isArray(a.units) || a.units.length === 0)
    throw new ModelLoadError('config.json architecture.units must be a list of layer widths, e.g. [256]');
  a.units.forEach((u, i) => width(u, `units[${i}]`));
  if (typeof a.embed !== 'object' || a.embed === null)
    throw new ModelLoadError('config.json architecture.embed is missing');
  for (const k of EVENT_INPUTS) width(a.embed[k], `embed.${k}`);
  width(a.conditioningWidth, 'conditioningWidth');
}

/** One weight tensor a model's manifest must list: its name and shape. */
export interface ExpectedWeight {
  name: string;
  shape: number[];
}

const lstm = (name: string, input: number, units: number): ExpectedWeight[] => [
  { name: `${name}/kernel`, shape: [input, 4 * units] },
  { name: `${name}/recurrent_kernel`, shape: [units, 4 * units] },
  { name: `${name}/bias`, shape: [4 * units] },
];
const dense = (name: string, input: number, units: number): ExpectedWeight[] => [
  { name: `${name}/kernel`, shape: [input, units] },
  { name: `${name}/bias`, shape: [units] },
];

/**
 * The weights a model of `config` has, in the order tf.layers saves them (the network's layer order):
 * what a weights manifest must match, name by name and shape by shape.
 */
export function expectedWeights(config: ModelConfig): ExpectedWeight[] {
  const a = config.architecture;
  if (a.kind === 'seed-baseline')
    return [
      ...lstm('lstm', 3, a.units),
      ...dense('pitch', a.units, 128),
      ...dense('step', a.units, 1),
      ...dense('duration', a.units, 1),
    ];
  const out: ExpectedWeight[] = EVENT_INPUTS.map((k) => ({
    name: `emb_${k}/embeddings`,
    shape: [config.vocab[k], a.embed[k]],
  }));
  out.push(...dense('cond_dense', config.conditioning.size, a.conditioningWidth));
  let input = EVENT_INPUTS.reduce((s, k) => s + a.embed[k], 0) + a.conditioningWidth;
  a.units.forEach((units, i) => {
    out.push(...lstm(`lstm_${i}`, input, units));
    input = units;
  });
  for (const h of HEADS) out.push(...dense(`head_${h}`, input, config.vocab[h]));
  return out;
}
