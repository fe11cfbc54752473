import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conditioningVector, defaultConditioning, withoutStyle } from '../../../core/conditioning';
import { createStepper } from '../../../core/model/band-step';
import { BAND_INPUTS } from '../../../core/model/fields';
import { guidedLogits, guideStyle, StyleGuidedStepper } from '../../../core/model/guidance';
import { readModelFiles, weightArrays } from '../../../core/model/io';
import { MusicModel } from '../../../core/model/model';
import type { Onset, StepInput, Stepper } from '../../../core/model/step';
import { seededRandom } from '../../../core/random';
import { memoryLoader, tinyConfig, tinyModelFiles } from '../../fixtures/tiny-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function tinyStepper(): Promise<Stepper> {
  const loaded = await readModelFiles(memoryLoader(await tinyModelFiles(5)));
  return createStepper(loaded.config, weightArrays(loaded));
}

/** Random inputs for `T` steps of the tiny band LSTM. */
function randomInputs(stepper: Stepper, T: number, seed: number): StepInput[] {
  const rng = seededRandom(seed);
  const vocab = stepper.config.vocab as Record<string, number>;
  return Array.from(
    { length: T },
    () => Object.fromEntries(BAND_INPUTS.map((k) => [k, Math.floor(rng() * vocab[k])])) as StepInput,
  );
}

const jazz = conditioningVector({ ...defaultConditioning(), style: 'jazz' });
const latin = conditioningVector({ ...defaultConditioning(), style: 'latin', valence: 0.5 });
const expectClose = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).forEach((x, i) => expect(x).toBeCloseTo(b[i], 12));

describe('withoutStyle', () => {
  it('clears the style one-hot and keeps every other number, leaving its input alone', () => {
    const v = conditioningVector({ ...defaultConditioning(), style: 'reggae', valence: 0.4 });
    const p = withoutStyle(v);
    const plainRock = conditioningVector({ ...defaultConditioning(), style: 'rock', valence: 0.4 });
    const plainPop = conditioningVector({ ...defaultConditioning(), style: 'pop', valence: 0.4 });
    expect(Array.from(p)).toEqual(Array.from(withoutStyle(plainRock)));
    expect(Array.from(p)).toEqual(Array.from(withoutStyle(plainPop)));
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(v.reduce((s, x) => s + x, 0) - 1, 12);
    expect(v.filter((x) => x === 1).length).toBe(p.filter((x) => x === 1).length + 1);
    expect(p).not.toBe(v);
    expect(conditioningVector({ ...defaultConditioning(), style: 'reggae', valence: 0.4 })).toEqual(v);
  });
});

describe('guidedLogits', () => {
  it('is u + scale x (c - u); scale 1 is c and 0 is u', () => {
    const c = Float64Array.from([1, -2, 0.5]);
    const u = Float64Array.from([0, 1, 0.5]);
    expect(Array.from(guidedLogits(c, u, 1.5))).toEqual([1.5, -3.5, 0.5]);
    expect(Array.from(guidedLogits(c, u, 1))).toEqual(Array.from(c));
    expect(Array.from(guidedLogits(c, u, 0))).toEqual(Array.from(u));
  });
});

describe('StyleGuidedStepper', () => {
  it('is not used when every scale is 1', async () => {
    const s = await tinyStepper();
    expect(guideStyle(s, [1, 1])).toBe(s);
    expect(guideStyle(s, [1, 2])).toBeInstanceOf(StyleGuidedStepper);
  });

  it("mixes each head of a guided lane with its style-free twin's, at every step, and leaves the other lane as it was", async () => {
    const guided = new StyleGuidedStepper(await tinyStepper(), [1, 1.5]);
    // The same weights stepped plainly over three lanes: lane 0, lane 1, lane 1 without its style.
    const plain = await tinyStepper();
    guided.reset();
    plain.reset(3);
    const a = randomInputs(plain, 12, 1);
    const b = randomInputs(plain, 12, 2);
    const onset: Onset = { step: 3, chord: 2, position: 5, cond: latin };
    for (let t = 0; t < 12; t++) {
      const [g0, g1] = guided.heads([a[t], b[t]], [jazz, jazz]);
      const [p0, c, u] = plain.heads([a[t], b[t], b[t]], [jazz, jazz, withoutStyle(jazz)]);
      expect(Array.from(g0!.step)).toEqual(Array.from(p0!.step));
      expect(Array.from(g0!.pitch(onset))).toEqual(Array.from(p0!.pitch(onset)));
      expectClose(g1!.step, guidedLogits(c!.step, u!.step, 1.5));
      // A section's conditioning at the onset loses its style on the twin's side too.
      const plainOnset = { ...onset, cond: withoutStyle(latin) };
      expectClose(g1!.pitch(onset), guidedLogits(c!.pitch(onset), u!.pitch(plainOnset), 1.5));
      const gn = g1!.note(onset, 4);
      const cn = c!.note(onset, 4);
      const un = u!.note(plainOnset, 4);
      expectClose(gn.duration, guidedLogits(cn.duration, un.duration, 1.5));
      expectClose(gn.velocity, guidedLogits(cn.velocity, un.velocity, 1.5));
      // The twin is a different reading: guidance moves the logits.
      expect(Array.from(g1!.step)).not.toEqual(Array.from(c!.step));
    }
  });

  it("steps a twin only while its lane is active: the twin keeps its state through the lane's rests", async () => {
    const guided = new StyleGuidedStepper(await tinyStepper(), [2, 1]);
    const plain = await tinyStepper();
    guided.reset();
    plain.reset(3);
    const [x1, y, x2] = randomInputs(plain, 3, 3);
    // Step 1: lane 0 (guided) rests, so neither it nor its twin moves.
    const first = guided.heads([null, x1], [jazz, jazz]);
    expect(first[0]).toBeNull();
    expect(first[1]).not.toBeNull();
    plain.heads([null, x1, null], [jazz, jazz, withoutStyle(jazz)]);
    // Step 2: lane 0 plays; its logits mix the lane and a twin that also skipped step 1.
    const [g0] = guided.heads([y, x2], [jazz, jazz]);
    const [c, , u] = plain.heads([y, x2, y], [jazz, jazz, withoutStyle(jazz)]);
    expectClose(g0!.step, guidedLogits(c!.step, u!.step, 2));
  });
});

describe("a model's style guidance (config.json sampling.guidance)", () => {
  const load = async (sampling: object | undefined) =>
    MusicModel.load(memoryLoader(await tinyModelFiles(3, { ...tinyConfig(), sampling })));
  const request = {
    conditioning: { ...defaultConditioning(), style: 'funk' as const },
    beats: 32,
    seed: 11,
    roles: ['drums' as const],
  };

  it('changes the guided role, the same way under the same seed, and leaves unguided roles alone', async () => {
    const guided = await load({ guidance: { drums: 3 } });
    const plain = await load(undefined);
    const a = guided.generate(request);
    expect(a.notes.length).toBeGreaterThan(8);
    expect(guided.generate(request).notes).toEqual(a.notes);
    expect(a.notes).not.toEqual(plain.generate(request).notes);
    const melody = { ...request, roles: ['melody' as const] };
    expect(guided.generate(melody).notes).toEqual(plain.generate(melody).notes);
    guided.dispose();
    plain.dispose();
  });
});
