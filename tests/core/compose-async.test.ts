import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyRegions } from '../../core/arrange/regions';
import type { ComposeRequest, ComposeResult } from '../../core/compose';
import { compose } from '../../core/compose';
import { composeAsync } from '../../core/compose-async';
import { CancelledError, ModelNotReadyError, PromptError } from '../../core/errors';
import { MusicModel } from '../../core/model/model';
import { memoryLoader, tinyModelFiles } from '../fixtures/tiny-model';
import { KEY_CHANGE_SCRIPT } from './arrange/picture.fixtures';

let model: MusicModel;
beforeAll(async () => {
  await tf.setBackend('cpu');
  model = await MusicModel.load(memoryLoader(await tinyModelFiles()));
});
afterAll(() => model.dispose());

/** Compares two results field by field (the cutdowns each in turn). */
function expectSame(a: ComposeResult, b: ComposeResult): void {
  expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
  for (const k of Object.keys(a) as (keyof ComposeResult)[]) {
    if (k === 'cutdowns') continue;
    expect(b[k], k).toEqual(a[k]);
  }
  expect(b.cutdowns?.length).toBe(a.cutdowns?.length);
  a.cutdowns?.forEach((c, i) => expectSame(c, b.cutdowns![i]));
}

/** A pause that counts its calls and yields a macrotask; every tick pauses (budget 0). */
function counting(): { pauses: number; options: { pause: () => Promise<void>; budgetMs: number } } {
  const c = {
    pauses: 0,
    options: {
      budgetMs: 0,
      pause: async () => {
        c.pauses++;
        await new Promise((r) => setTimeout(r, 0));
      },
    },
  };
  return c;
}

const REQUESTS: [string, ComposeRequest][] = [
  ['a stated key (the key check on)', { prompt: 'happy pop in G major', seconds: 16, seed: 4 }],
  [
    'a key change, cuts and a voice-over',
    { prompt: KEY_CHANGE_SCRIPT, seconds: 16, seed: 2, cuts: [3.1, 9.4], speech: [{ start: 5, end: 8 }] },
  ],
  [
    'cutdowns of one theme',
    { prompt: 'warm acoustic folk', seconds: 12, seed: 5, cutdowns: [6, { seconds: 4, cuts: [2] }] },
  ],
  [
    'the model alone (rules off)',
    { prompt: 'dark cinematic trailer in D minor', seconds: 8, seed: 7, rules: false },
  ],
  [
    'an override and a loop',
    { prompt: 'happy pop', seconds: 6, loop: true, overrides: { tempo: 90, style: 'cinematic' } },
  ],
];

describe('composeAsync', () => {
  it.each(REQUESTS)('gives what compose gives, field by field, pausing as it goes: %s', async (_, req) => {
    const sync = compose(model, req);
    const c = counting();
    const async = await composeAsync(model, req, { ...c.options, every: 2 });
    expectSame(sync, async);
    expect(c.pauses).toBeGreaterThan(0);
  });

  it('covers the second writing of the key check and each key region', async () => {
    const stated = compose(model, REQUESTS[0][1]);
    const modulating = compose(model, REQUESTS[1][1]);
    // The fixtures reach the paths that the async driver must walk too.
    expect(keyRegions(modulating.plan)).toHaveLength(2);
    expect(stated.sequence.meta?.keyRetry).toBe(true);
    expect(modulating.sequence.meta?.keyRetry).toBe(true);
  });

  it('pauses once per chunk of steps when each slice is spent, never when the budget is not', async () => {
    const req = REQUESTS[0][1];
    const fine = counting();
    await composeAsync(model, req, { ...fine.options, every: 1 });
    const coarse = counting();
    await composeAsync(model, req, { ...coarse.options, every: 8 });
    expect(fine.pauses).toBeGreaterThan(coarse.pauses * 4);
    let never = 0;
    await composeAsync(model, req, { pause: async () => void never++, budgetMs: 1e9 });
    expect(never).toBe(0);
  });

  it('reports growing progress below 1 at its pauses', async () => {
    const seen: number[] = [];
    const c = counting();
    await composeAsync(model, REQUESTS[2][1], { ...c.options, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBe(c.pauses);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
    expect(seen.at(-1)).toBeLessThan(1);
  });

  it('stops with CancelledError when its signal is aborted, and the model writes again afterwards', async () => {
    const controller = new AbortController();
    let pauses = 0;
    const cancelled = composeAsync(model, REQUESTS[0][1], {
      budgetMs: 0,
      every: 1,
      signal: controller.signal,
      pause: async () => {
        if (++pauses === 3) controller.abort();
      },
    });
    await expect(cancelled).rejects.toThrow(CancelledError);
    expect(pauses).toBe(3);
    const aborted = new AbortController();
    aborted.abort();
    await expect(composeAsync(model, REQUESTS[0][1], { signal: aborted.signal })).rejects.toThrow(
      CancelledError,
    );
    expectSame(compose(model, REQUESTS[0][1]), await composeAsync(model, REQUESTS[0][1]));
  });

  it('rejects bad requests and a disposed model with the errors of compose', async () => {
    await expect(composeAsync(model, { prompt: '  ' })).rejects.toThrow(PromptError);
    await expect(composeAsync(model, { prompt: 'x', seed: -1 })).rejects.toThrow(PromptError);
    const gone = await MusicModel.load(memoryLoader(await tinyModelFiles()));
    gone.dispose();
    await expect(composeAsync(gone, { prompt: 'happy pop', seconds: 4 })).rejects.toThrow(ModelNotReadyError);
  });
});
