import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIGS, expectedWeights } from '../../../core/model/config';
import { buildNetwork } from '../../../core/model/network';
import { tinyConfig } from '../../fixtures/tiny-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('expectedWeights', () => {
  it('lists the weights the network builds, in its order, for every named config', () => {
    for (const config of [...Object.values(CONFIGS).map((make) => make()), tinyConfig()]) {
      const model = buildNetwork(config, 1);
      const built = model.weights.map((w) => ({ name: w.originalName, shape: w.shape }));
      model.dispose();
      expect(expectedWeights(config)).toEqual(built);
    }
  });
});
