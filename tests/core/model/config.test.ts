import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelLoadError } from '../../../core/errors';
import { INSTRUMENT_FAMILIES } from '../../../core/features/family';
import { checkConfig, CONFIGS, CONFIG_FORMAT, expectedWeights } from '../../../core/model/config';
import { buildNetwork } from '../../../core/model/network';
import { tinyConfig, tinyEventConfig } from '../../fixtures/tiny-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('config.json', () => {
  it('writes format 2 with the families and the band LSTM heads, and reads it back', () => {
    const c = CONFIGS.default();
    expect(c.format).toBe(CONFIG_FORMAT);
    expect(c.families).toEqual([...INSTRUMENT_FAMILIES]);
    expect(c.vocab.family).toBe(INSTRUMENT_FAMILIES.length);
    expect(checkConfig(clone(c))).toEqual(c);
  });

  it('still reads format 1 (the first shipped model: event LSTM, no families)', () => {
    const c = tinyEventConfig();
    expect(c.format).toBe(1);
    expect(c.vocab.family).toBeUndefined();
    expect(checkConfig(clone(c))).toEqual(c);
  });

  it('refuses a band LSTM in format 1, other families, another heads order, an unknown format', () => {
    const band = CONFIGS.default();
    const bad = [
      { ...clone(band), format: 1 },
      { ...clone(band), families: [...INSTRUMENT_FAMILIES].reverse() },
      { ...clone(band), vocab: { ...band.vocab, family: 8 } },
      {
        ...clone(band),
        architecture: { ...band.architecture, heads: ['pitch', 'step', 'duration', 'velocity'] },
      },
      { ...clone(band), format: 3 },
    ];
    const messages = [
      /format 1 knows/,
      /families/,
      /vocabulary "family"/,
      /heads are not step, pitch/,
      /format 3/,
    ];
    bad.forEach((c, i) => {
      expect(() => checkConfig(c)).toThrow(ModelLoadError);
      expect(() => checkConfig(c)).toThrow(messages[i]);
    });
  });
});

describe('expectedWeights', () => {
  it('lists the weights the network builds, in its order, for every named config', () => {
    for (const config of [...Object.values(CONFIGS).map((make) => make()), tinyConfig(), tinyEventConfig()]) {
      const model = buildNetwork(config, 1);
      const built = model.weights.map((w) => ({ name: w.originalName, shape: w.shape }));
      model.dispose();
      expect(expectedWeights(config)).toEqual(built);
    }
  });
});
