import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConditioning } from '../../../core/conditioning';
import type { ChordSpan } from '../../../core/features/chords';
import { DURATION_MAX, REST, STEP_MAX, VELOCITY_BINS } from '../../../core/codec/events';
import { MELODY_FLOOR } from '../../../core/model/biases';
import { barPosition } from '../../../core/model/data';
import { generateRole } from '../../../core/model/generate';
import type { Role } from '../../../core/sequence';
import type { LaneHeads, Onset, StepInput, Stepper } from '../../../core/model/step';
import { seededRandom } from '../../../core/random';
import { MusicModel } from '../../../core/model/model';
import { memoryLoader, tinyConfig, tinyModelFiles } from '../../fixtures/tiny-model';

let model: MusicModel;
beforeAll(async () => {
  await tf.setBackend('cpu');
  model = await MusicModel.load(memoryLoader(await tinyModelFiles()));
});

// A minor: A natural minor's scale, and the chord tones of E major (G#, the leading tone).
const A_MINOR = [9, 11, 0, 2, 4, 5, 7];
const CHORDS: ChordSpan[] = [
  { root: 9, quality: 'min', start: 0, end: 16 },
  { root: 4, quality: 'maj', start: 16, end: 32 },
];

describe('the scale bias under the chord', () => {
  it("lets a minor key's V chord sound its leading tone, and only there", () => {
    const conditioning = { ...defaultConditioning(), key: { tonic: 9, mode: 'minor' as const } };
    const notes = [1, 2, 3].flatMap(
      (seed) =>
        model.generate({
          conditioning,
          beats: 32,
          seed,
          chords: CHORDS,
          scaleBias: -Infinity,
          roles: ['melody', 'harmony', 'bass'],
        }).notes,
    );
    const underI = notes.filter((n) => n.start < 16);
    const underV = notes.filter((n) => n.start >= 16);
    expect(underI.length).toBeGreaterThan(20);
    expect(underV.length).toBeGreaterThan(20);
    for (const n of underI) expect(A_MINOR).toContain(n.pitch % 12);
    for (const n of underV) expect([...A_MINOR, 8]).toContain(n.pitch % 12);
    expect(underV.some((n) => n.pitch % 12 === 8)).toBe(true);
  });
});

describe('the melody floor', () => {
  const write = (rules: boolean) =>
    [1, 2, 3].flatMap(
      (seed) =>
        model.generate({
          conditioning: { ...defaultConditioning(), register: 0 },
          beats: 32,
          seed,
          rules,
          roles: ['melody'],
        }).notes,
    );

  it('keeps a melody at or above G3 under the rules, and leaves the model alone without them', () => {
    const ruled = write(true);
    expect(ruled.length).toBeGreaterThan(20);
    expect(Math.min(...ruled.map((n) => n.pitch))).toBeGreaterThanOrEqual(MELODY_FLOOR);
    expect(write(false).some((n) => n.pitch < MELODY_FLOOR)).toBe(true);
  });
});

/**
 * A stepper of fixed heads: `choose` gives, from the last input, the step to take (grid steps) and the
 * logits of the pitches (the rest forbidden); every note lasts an eighth.
 */
function scriptedStepper(
  choose: (last: StepInput) => { step: number; pitch: Float64Array },
  onsets: Onset[] = [],
): Stepper {
  return {
    config: tinyConfig(),
    reset: () => undefined,
    heads: (inputs) =>
      inputs.map((x): LaneHeads | null => {
        if (!x) return null;
        const chosen = choose(x);
        const step = new Float64Array(STEP_MAX + 1).fill(-20);
        step[chosen.step] = 0;
        chosen.pitch[REST] = -Infinity;
        const duration = new Float64Array(DURATION_MAX + 1).fill(-20);
        duration[6] = 0;
        return {
          step,
          pitch: (o) => {
            onsets.push(o);
            return chosen.pitch;
          },
          note: () => ({ duration, velocity: new Float64Array(VELOCITY_BINS) }),
        };
      }),
  };
}

describe('the repetition penalty', () => {
  /** Eighth-note steps, and middle C by a wide margin. */
  const dwelling = scriptedStepper(() => {
    const pitch = new Float64Array(REST + 1);
    pitch[60] = 8;
    return { step: 6, pitch };
  });
  const share60 = (repetitionPenalty: number, rules: boolean): number => {
    const notes = generateRole(
      dwelling,
      { role: 'melody', conditioning: defaultConditioning(), beats: 32, repetitionPenalty, rules },
      seededRandom(5),
    );
    expect(notes.length).toBeGreaterThan(40);
    return notes.filter((n) => n.pitch === 60).length / notes.length;
  };

  it("lowers a pitch by the penalty times its share of the role's last notes, with or without rules", () => {
    for (const rules of [true, false]) {
      expect(share60(0, rules)).toBeGreaterThan(0.9);
      // Settles where 8 - 10 x share meets the other 127 pitches' weight (ln 127 = 4.8): about a third.
      expect(share60(10, rules)).toBeLessThan(0.5);
      expect(share60(10, rules)).toBeGreaterThan(0.2);
    }
  });
});

describe('the melody floor with stacked notes', () => {
  /** Middle C first; over it, at the same onset, C3 (below the floor), which a plain lift would make C4. */
  const stacking = scriptedStepper((last) => {
    const onC4 = last.pitch === 60;
    const pitch = new Float64Array(REST + 1).fill(-20);
    pitch[onC4 ? 48 : 60] = 0;
    return { step: onC4 ? 0 : 6, pitch };
  });

  it('lifts a low pitch past the octave already sounding, so no onset holds one pitch twice', () => {
    const notes = generateRole(
      stacking,
      { role: 'melody', conditioning: defaultConditioning(), beats: 8, maxStack: 2 },
      seededRandom(1),
    );
    const first = notes.filter((n) => n.start === notes[0].start).map((n) => n.pitch);
    expect(first).toEqual([60, 72]);
    const keys = notes.map((n) => `${n.start}:${n.pitch}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(Math.min(...notes.map((n) => n.pitch))).toBeGreaterThanOrEqual(MELODY_FLOOR);
  });
});

describe("the instrument's own voices", () => {
  /** A writer that would stack every note it can (a step of 0 first, else six grid steps), each a third up. */
  const stacker = () =>
    scriptedStepper((last) => {
      const pitch = new Float64Array(REST + 1).fill(-20);
      pitch[last.pitch === REST || last.pitch >= 79 ? 60 : last.pitch + 4] = 0;
      const step = last.pitch === REST ? 6 : 0;
      return { step, pitch };
    });
  const largestStack = (program: number): number => {
    const notes = generateRole(
      stacker(),
      { role: 'melody', conditioning: defaultConditioning(), beats: 8, program },
      seededRandom(1),
    );
    const counts = new Map<number, number>();
    for (const n of notes) counts.set(n.start, (counts.get(n.start) ?? 0) + 1);
    return Math.max(...counts.values());
  };

  it("let a saxophone start one note at a time, a violin two, a piano the role's three", () => {
    expect(largestStack(65)).toBe(1);
    expect(largestStack(40)).toBe(2);
    expect(largestStack(0)).toBe(3);
  });
});

describe('skip spans', () => {
  /** Sixteenths (3 grid steps) of one drum; records the steps it is fed and the onsets it is asked at. */
  const sixteenths = (fed: number[], onsets: Onset[]) =>
    scriptedStepper((last) => {
      fed.push(last.step);
      const pitch = new Float64Array(REST + 1).fill(-20);
      pitch[38] = 0;
      return { step: 3, pitch };
    }, onsets);
  const write = (skip?: { start: number; end: number }[], role: Role = 'drums') => {
    const fed: number[] = [];
    const onsets: Onset[] = [];
    const notes = generateRole(
      sixteenths(fed, onsets),
      { role, conditioning: defaultConditioning(), beats: 24, skip },
      seededRandom(3),
    );
    return { notes, fed, onsets };
  };

  it('jump the onsets over each span, the model fed the steps it sampled, at the same place in the bar', () => {
    // 8 beats (96 grid steps, more than STEP_MAX) and then a bar; the last span reaches the end.
    const { notes, fed, onsets } = write([
      { start: 4, end: 12 },
      { start: 16, end: 20 },
      { start: 22, end: 24 },
    ]);
    const starts = notes.map((n) => n.start);
    const expected = [...range(0.25, 4), ...range(12, 16), ...range(20, 22)];
    expect(starts).toEqual(expected);
    expect(notes.every((n) => n.origin === 'model' && n.isDrum)).toBe(true);
    // After the first (fed the start of the piece), every step fed back is the sampled sixteenth.
    expect(fed.slice(1).every((x) => x === 3)).toBe(true);
    expect(onsets.every((o) => o.step === 3)).toBe(true);
    // The onset's position is that of the real time (whole-bar spans keep it where the model expects it).
    expect(onsets.map((o) => o.position)).toEqual(expected.map((b) => barPosition(b * 12, 48)));
    // An eighth before a span stops where the span starts; elsewhere it lasts an eighth.
    expect(notes.find((n) => n.start === 3.75)?.end).toBe(4);
    expect(notes.find((n) => n.start === 15.75)?.end).toBe(16);
    expect(notes.find((n) => n.start === 12)?.end).toBe(12.5);
  });

  it('change nothing when there are none, and write the same under the same seed', () => {
    expect(write([]).notes).toEqual(write().notes);
    expect(write().notes.map((n) => n.start)).toEqual(range(0.25, 24));
    const spans = [{ start: 8, end: 16 }];
    expect(write(spans, 'bass').notes).toEqual(write(spans, 'bass').notes);
    expect(write(spans, 'bass').notes.some((n) => n.start >= 8 && n.start < 16)).toBe(false);
  });
});

/** Sixteenth onsets from `from` up to (not including) `to`. */
function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let b = from; b < to - 1e-9; b += 0.25) out.push(b);
  return out;
}
