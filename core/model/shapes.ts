/**
 * The sizes a config.json promises, checked before any weight is read: the architecture's widths, and
 * the weights (names and shapes, in the order tf.layers saves them) a manifest must list.
 */
import { ModelLoadError } from '../errors';
import type { BandLstmArchitecture, ModelConfig } from './config';
import { BAND_HEADS, BAND_INPUTS, EVENT_INPUTS, HEADS, ONSET_INPUTS } from './fields';

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
  const inputs = a.kind === 'band-lstm' ? BAND_INPUTS : EVENT_INPUTS;
  for (const k of inputs) width((a.embed as Record<string, unknown>)[k], `embed.${k}`);
  width(a.conditioningWidth, 'conditioningWidth');
  if (a.kind === 'band-lstm') width(a.headUnits, 'headUnits');
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
  const inputs: readonly string[] = a.kind === 'band-lstm' ? BAND_INPUTS : EVENT_INPUTS;
  const vocab = config.vocab as Record<string, number>;
  const embed = a.embed as Record<string, number>;
  const out: ExpectedWeight[] = inputs.map((k) => ({
    name: `emb_${k}/embeddings`,
    shape: [vocab[k], embed[k]],
  }));
  out.push(...dense('cond_dense', config.conditioning.size, a.conditioningWidth));
  let input = inputs.reduce((s, k) => s + embed[k], 0) + a.conditioningWidth;
  a.units.forEach((units, i) => {
    out.push(...lstm(`lstm_${i}`, input, units));
    input = units;
  });
  if (a.kind === 'band-lstm') return [...out, ...bandHeads(config, a, input)];
  for (const h of HEADS) out.push(...dense(`head_${h}`, input, config.vocab[h]));
  return out;
}

/** The band LSTM's head layers after a trunk of width `state` (the order `buildBandLstm` makes them). */
function bandHeads(config: ModelConfig, a: BandLstmArchitecture, state: number): ExpectedWeight[] {
  const onset = ONSET_INPUTS.reduce((s, k) => s + a.embed[k], 0);
  const cond = a.onsetConditioning ? a.conditioningWidth : 0;
  const pitchIn = state + onset + (a.previousPitch ? a.embed.pitch : 0) + cond;
  const noteIn = state + onset + a.embed.pitch + cond;
  return [
    ...dense('pitch_hidden', pitchIn, a.headUnits),
    ...dense('note_hidden', noteIn, a.headUnits),
    ...BAND_HEADS.flatMap((h) => dense(`head_${h}`, h === 'step' ? state : a.headUnits, config.vocab[h])),
  ];
}
