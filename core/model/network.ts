/**
 * The tf.layers networks (Keras-compatible: standard layers, sigmoid recurrent activation):
 * - the conditioned event LSTM: embeddings of the previous event (pitch, step, duration, velocity, role),
 *   the chord and the metric position, plus a dense projection of the conditioning vector, through
 *   stacked LSTMs into four categorical heads (pitch, step, duration, velocity), returning logits;
 * - the seed tutorial's baseline: LSTM(128) over windows of (pitch/128, step, duration), a pitch head and
 *   two regression heads.
 */
import * as tf from '@tensorflow/tfjs';
import type { EventLstmArchitecture, ModelConfig, SeedBaselineArchitecture } from './config';
import { EVENT_INPUTS, HEADS } from './fields';

/** Input names of the event LSTM, in the order `apply` takes them (then `cond`). */
export { EVENT_INPUTS, HEADS } from './fields';
export type { EventInput, Head } from './fields';

function init(seed: number): ReturnType<typeof tf.initializers.glorotUniform> {
  return tf.initializers.glorotUniform({ seed });
}

/** Builds the conditioned event LSTM; weights are initialised from `seed`. */
export function buildEventLstm(config: ModelConfig, seed = 1): tf.LayersModel {
  const arch = config.architecture as EventLstmArchitecture;
  let s = seed * 7919;
  const inputs = EVENT_INPUTS.map((name) => tf.input({ shape: [null], dtype: 'int32', name: `in_${name}` }));
  const cond = tf.input({ shape: [null, config.conditioning.size], name: 'in_cond' });
  const embedded = EVENT_INPUTS.map(
    (name, i) =>
      tf.layers
        .embedding({
          inputDim: config.vocab[name],
          outputDim: arch.embed[name],
          name: `emb_${name}`,
          embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: s++ }),
        })
        .apply(inputs[i]) as tf.SymbolicTensor,
  );
  const condDense = tf.layers
    .dense({
      units: arch.conditioningWidth,
      activation: 'tanh',
      name: 'cond_dense',
      kernelInitializer: init(s++),
    })
    .apply(cond) as tf.SymbolicTensor;
  let x = tf.layers.concatenate({ name: 'concat' }).apply([...embedded, condDense]) as tf.SymbolicTensor;
  arch.units.forEach((units, i) => {
    x = tf.layers
      .lstm({
        units,
        returnSequences: true,
        recurrentActivation: 'sigmoid',
        kernelInitializer: init(s++),
        recurrentInitializer: init(s++),
        name: `lstm_${i}`,
      })
      .apply(x) as tf.SymbolicTensor;
  });
  const outputs = HEADS.map(
    (h) =>
      tf.layers
        .dense({ units: config.vocab[h], name: `head_${h}`, kernelInitializer: init(s++) })
        .apply(x) as tf.SymbolicTensor,
  );
  return tf.model({ inputs: [...inputs, cond], outputs, name: config.name });
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
  return config.architecture.kind === 'event-lstm'
    ? buildEventLstm(config, seed)
    : buildSeedBaseline(config, seed);
}
