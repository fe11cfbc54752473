import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { arrange } from '../../../core/arrange/arrange';
import { embed } from '../../../core/embed';
import { keyFit } from '../../../core/features/key';
import { MusicModel } from '../../../core/model/model';
import { memoryLoader, tinyEventConfig, tinyModelFiles } from '../../fixtures/tiny-model';

let model: MusicModel;
beforeAll(async () => {
  await tf.setBackend('cpu');
  // The tiny event LSTM: its random weights miss a stated key often enough for the check to fire.
  model = await MusicModel.load(memoryLoader(await tinyModelFiles(3, tinyEventConfig())));
});

const pitched = (r: ReturnType<typeof arrange>) => r.sequence.notes.filter((n) => !n.isDrum);

describe('the key check', () => {
  it('writes a stated key once more when its own finder misses it, and keeps the better-fitting writing', () => {
    const e = embed('calm piano in F# major');
    const key = e.conditioning.key;
    let fired = 0;
    let firstKept = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const r = arrange(model, e, { seconds: 12, seed });
      const first = arrange(model, e, { seconds: 12, seed, keyCheck: false });
      expect(first.sequence.meta).toMatchObject({ keyRetry: false, rules: true });
      const firstFit = keyFit(pitched(first), key);
      expect(r.sequence.meta?.keyRetry).toBe(firstFit < 0);
      if (firstFit === 0) {
        expect(r.sequence.notes).toEqual(first.sequence.notes);
        continue;
      }
      fired++;
      // The same plan, written again: firstKept only when it fits the key better.
      expect(r.plan).toEqual(first.plan);
      const same = JSON.stringify(r.sequence.notes) === JSON.stringify(first.sequence.notes);
      if (!same) expect(keyFit(pitched(r), key)).toBeGreaterThan(firstFit);
      else firstKept++;
    }
    // Random small weights rarely sound F# major on their own.
    expect(fired).toBeGreaterThan(0);
    expect(firstKept).toBeLessThan(fired);
  });

  it('never fires for a key the prompt does not state, or with the rules off', () => {
    const r = arrange(model, embed('calm piano'), { seconds: 12, seed: 1 });
    expect(r.sequence.meta).toMatchObject({ keyRetry: false });
    const off = arrange(model, embed('calm piano in F# major'), { seconds: 12, seed: 1, rules: false });
    expect(off.sequence.meta).toMatchObject({ keyRetry: false, rules: false });
  });
});
