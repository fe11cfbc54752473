/**
 * The tf.layers networks (Keras-compatible: standard layers, sigmoid recurrent activation):
 * - the conditioned event LSTM: embeddings of the previous event (pitch, step, duration, velocity, role),
 *   the chord and the metric position, plus a dense projection of the conditioning vector, through
 *   stacked LSTMs into four categorical heads (pitch, step, duration, velocity), returning logits;
 * - the band LSTM: the same, plus the instrument family, with sequential heads (see {@link buildBandLstm});
 * - the seed tutorial's baseline: LSTM(128) over windows of (pitch/128, step, duration), a pitch head and
 *   two regression heads.
 */
import * as tf from '@tensorflow/tfjs';
import type {
  BandLstmArchitecture,
  EventLstmArchitecture,
  ModelConfig,
  SeedBaselineArchitecture,
} from './config';
import type { NoteInput } from './fields';
import { BAND_INPUTS, EVENT_INPUTS, HEADS, nextInputName, NOTE_INPUTS, ONSET_INPUTS } from './fields';

/** Input names of the event LSTM, in the order `apply` takes them (then `cond`). */
export { BAND_HEADS, BAND_INPUTS, EVENT_INPUTS, HEADS, NOTE_INPUTS, ONSET_INPUTS } from './fields';
export type { BandInput, EventInput, Head } from './fields';

function init(seed: number): ReturnType<typeof tf.initializers.glorotUniform> {
  return tf.initializers.glorotUniform({ seed });
}

type Sym = tf.SymbolicTensor;

/** The recurrent trunk shared by both generators: embeddings and conditioning -> stacked LSTMs. */
function trunk(
  config: ModelConfig,
  arch: EventLstmArchitecture | BandLstmArchitecture,
  names: readonly string[],
  next: () => number,
): {
  inputs: Sym[];
  embeddings: Map<string, tf.layers.Layer>;
  embedded: Sym[];
  condLayer: tf.layers.Layer;
  output: Sym;
} {
  const vocab = config.vocab as Record<string, number>;
  const widths = arch.embed as Record<string, number>;
  const inputs = names.map((name) => tf.input({ shape: [null], dtype: 'int32', name: `in_${name}` }));
  const cond = tf.input({ shape: [null, config.conditioning.size], name: 'in_cond' });
  const embeddings = new Map(
    names.map((name) => [
      name,
      tf.layers.embedding({
        inputDim: vocab[name],
        outputDim: widths[name],
        name: `emb_${name}`,
        embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: next() }),
      }),
    ]),
  );
  const embedded = names.map((name, i) => embeddings.get(name)!.apply(inputs[i]) as Sym);
  const condLayer = tf.layers.dense({
    units: arch.conditioningWidth,
    activation: 'tanh',
    name: 'cond_dense',
    kernelInitializer: init(next()),
  });
  const condDense = condLayer.apply(cond) as Sym;
  let x = tf.layers.concatenate({ name: 'concat' }).apply([...embedded, condDense]) as Sym;
  arch.units.forEach((units, i) => {
    x = tf.layers
      .lstm({
        units,
        returnSequences: true,
        recurrentActivation: 'sigmoid',
        kernelInitializer: init(next()),
        recurrentInitializer: init(next()),
        name: `lstm_${i}`,
      })
      .apply(x) as Sym;
  });
  return { inputs: [...inputs, cond], embeddings, embedded, condLayer, output: x };
}

const counter = (seed: number): (() => number) => {
  let s = seed * 7919;
  return () => s++;
};

/** Builds the conditioned event LSTM; weights are initialised from `seed`. */
export function buildEventLstm(config: ModelConfig, seed = 1): tf.LayersModel {
  const arch = config.architecture as EventLstmArchitecture;
  const next = counter(seed);
  const t = trunk(config, arch, EVENT_INPUTS, next);
  const outputs = HEADS.map(
    (h) =>
      tf.layers
        .dense({ units: config.vocab[h], name: `head_${h}`, kernelInitializer: init(next()) })
        .apply(t.output) as Sym,
  );
  return tf.model({ inputs: t.inputs, outputs, name: config.name });
}

/**
 * Builds the band LSTM. Inputs: {@link BAND_INPUTS} (`in_<name>`: the previous event, the chord and
 * position at its onset, the family of the instrument that plays next), `in_cond`, then the next event's
 * {@link NOTE_INPUTS} (`in_next_<name>`: its step, the chord and metric position at its onset, its pitch;
 * teacher-forced in training, sampled in order when generating). Outputs, in {@link BAND_HEADS} order:
 * - step: dense over the LSTM state;
 * - pitch: dense over a tanh layer (`pitch_hidden`) of the state and the onset's embeddings;
 * - duration, velocity: dense over a tanh layer (`note_hidden`) of the state, the onset's embeddings and
 *   the pitch's embedding.
 * The next-onset fields share the embedding layers of the recurrent inputs of the same name.
 */
export function buildBandLstm(config: ModelConfig, seed = 1): tf.LayersModel {
  const arch = config.architecture as BandLstmArchitecture;
  const next = counter(seed);
  const t = trunk(config, arch, BAND_INPUTS, next);
  const nextInputs = NOTE_INPUTS.map((k) =>
    tf.input({ shape: [null], dtype: 'int32', name: nextInputName(k) }),
  );
  const embedded = new Map<NoteInput, Sym>(
    NOTE_INPUTS.map((k, i) => [k, t.embeddings.get(k)!.apply(nextInputs[i]) as Sym]),
  );
  const dense = (units: number, name: string, x: Sym, activation?: 'tanh'): Sym =>
    tf.layers.dense({ units, activation, name, kernelInitializer: init(next()) }).apply(x) as Sym;
  // With `previousPitch`, the pitch head also reads the previous event's pitch (the trunk's input).
  const previous = arch.previousPitch ? [t.embedded[BAND_INPUTS.indexOf('pitch')]] : [];
  // With `onsetConditioning`, both head layers read the conditioning in force at the new onset (a form's
  // section), through the trunk's projection.
  const nextCond = arch.onsetConditioning
    ? tf.input({ shape: [null, config.conditioning.size], name: 'in_next_cond' })
    : null;
  const onsetCond = nextCond ? [t.condLayer.apply(nextCond) as Sym] : [];
  const join = (name: string, keys: readonly NoteInput[], extra: Sym[] = []): Sym =>
    tf.layers.concatenate({ name }).apply([t.output, ...keys.map((k) => embedded.get(k)!), ...extra]) as Sym;
  const step = dense(config.vocab.step, 'head_step', t.output);
  const pitchHidden = dense(
    arch.headUnits,
    'pitch_hidden',
    join('pitch_concat', ONSET_INPUTS, [...previous, ...onsetCond]),
    'tanh',
  );
  const pitch = dense(config.vocab.pitch, 'head_pitch', pitchHidden);
  const noteHidden = dense(
    arch.headUnits,
    'note_hidden',
    join('note_concat', NOTE_INPUTS, onsetCond),
    'tanh',
  );
  const duration = dense(config.vocab.duration, 'head_duration', noteHidden);
  const velocity = dense(config.vocab.velocity, 'head_velocity', noteHidden);
  return tf.model({
    inputs: [...t.inputs, ...nextInputs, ...(nextCond ? [nextCond] : [])],
    outputs: [step, pitch, duration, velocity],
    name: config.name,
  });
}

/** Builds the seed tutorial's model: input [batch, window, 3] -> pitch logits [128], step [1], duration [1]. */
export function buildSeedBaseline(config: ModelConfig, seed = 1): tf.LayersModel {
  const arch = config.architecture as SeedBaselineArchitecture;
  const input = tf.input({ shape: [arch.window, 3], name: 'in_notes' });
  const x = tf.layers
    .lstm({
      units: arch.units,
      recurrentActivation: 'sigmoid',
      kernelInitializer: init(seed),
      recurrentInitializer: init(seed + 1),
      name: 'lstm',
    })
    .apply(input) as tf.SymbolicTensor;
  const pitch = tf.layers
    .dense({ units: 128, name: 'pitch', kernelInitializer: init(seed + 2) })
    .apply(x) as tf.SymbolicTensor;
  const step = tf.layers
    .dense({ units: 1, name: 'step', kernelInitializer: init(seed + 3) })
    .apply(x) as tf.SymbolicTensor;
  const duration = tf.layers
    .dense({ units: 1, name: 'duration', kernelInitializer: init(seed + 4) })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: [pitch, step, duration], name: config.name });
}

/** Builds the network a config describes. */
export function buildNetwork(config: ModelConfig, seed = 1): tf.LayersModel {
  const kind = config.architecture.kind;
  if (kind === 'band-lstm') return buildBandLstm(config, seed);
  return kind === 'event-lstm' ? buildEventLstm(config, seed) : buildSeedBaseline(config, seed);
}
