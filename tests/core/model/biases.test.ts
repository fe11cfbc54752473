import { describe, expect, it } from 'vitest';
import { DURATION_MAX, REST, STEP_MAX } from '../../../core/codec/events';
import {
  DURATION_BIAS,
  durationBias,
  liftedToFloor,
  MELODY_FLOOR,
  MOVE_ON,
  pitchRules,
  stepRoomBias,
} from '../../../core/model/biases';
import { remember, REPETITION_WINDOW } from '../../../core/model/sampling';

describe('durationBias', () => {
  it('is the plain duration bias when there is no penalty or nothing to repeat', () => {
    const out = new Float64Array(DURATION_MAX + 1);
    expect(durationBias([3, 3], 0, out)).toBe(DURATION_BIAS);
    expect(durationBias([], 3, out)).toBe(DURATION_BIAS);
  });

  it('lowers each duration by the penalty times its share of the window, keeping 0 forbidden', () => {
    const out = new Float64Array(DURATION_MAX + 1).fill(9);
    const b = durationBias([6, 6, 6, 12], 4, out);
    expect(b).toBe(out);
    expect(b[6]).toBeCloseTo((-4 * 3) / REPETITION_WINDOW, 12);
    expect(b[12]).toBeCloseTo(-4 / REPETITION_WINDOW, 12);
    expect(b[0]).toBe(-Infinity);
    expect(b[3]).toBe(0);
    expect(DURATION_BIAS[6]).toBe(0); // the shared bias is not written to
  });
});

describe('stepRoomBias', () => {
  it('forbids nothing, or only the step of 0, when the room reaches the longest step', () => {
    const out = new Float64Array(STEP_MAX + 1);
    expect(stepRoomBias(STEP_MAX, false, out)).toBeUndefined();
    expect(stepRoomBias(STEP_MAX + 5, true, out)).toBe(MOVE_ON);
  });

  it('forbids every step past the room (at least one step allowed), and 0 when time must move on', () => {
    const out = new Float64Array(STEP_MAX + 1).fill(7);
    const b = stepRoomBias(3, true, out)!;
    expect(b).toBe(out);
    expect([...b.slice(0, 5)]).toEqual([-Infinity, 0, 0, 0, -Infinity]);
    expect(b[STEP_MAX]).toBe(-Infinity);
    const none = stepRoomBias(-2, false, new Float64Array(STEP_MAX + 1))!;
    expect([...none.slice(0, 3)]).toEqual([0, 0, -Infinity]);
  });
});

describe('pitchRules', () => {
  it('forbids the pitches within `apart` semitones of each stacked pitch, within the pitch range', () => {
    const out = new Float64Array(REST + 1);
    const quietRules = { recent: [], penalty: 0, silent: false };
    const b = pitchRules(undefined, { ...quietRules, stacked: [64, 126], apart: 2 }, out)!;
    const forbidden = [...b.keys()].filter((p) => b[p] === -Infinity);
    expect(forbidden).toEqual([62, 63, 64, 65, 66, 124, 125, 126, 127]);
    const same = pitchRules(undefined, { ...quietRules, stacked: [64] }, new Float64Array(REST + 1))!;
    expect([...same.keys()].filter((p) => same[p] === -Infinity)).toEqual([64]);
  });

  const quiet = { recent: [], penalty: 0, stacked: [], silent: false };
  it('returns the base bias itself when no rule applies', () => {
    const base = new Float64Array(REST + 1);
    expect(pitchRules(base, quiet, new Float64Array(REST + 1))).toBe(base);
    expect(pitchRules(undefined, { ...quiet, recent: [60], penalty: 0 }, new Float64Array(REST + 1))).toBe(
      undefined,
    );
  });

  it('copies the base, lowers recent pitches, forbids stacked pitches and, after a silent bar, rests', () => {
    const base = new Float64Array(REST + 1).fill(-1);
    const out = new Float64Array(REST + 1).fill(9);
    const b = pitchRules(base, { recent: [60, 60, 62], penalty: 4, stacked: [64], silent: true }, out)!;
    expect(b).toBe(out);
    expect(b[60]).toBeCloseTo(-1 - 8 / REPETITION_WINDOW, 12);
    expect(b[62]).toBeCloseTo(-1 - 4 / REPETITION_WINDOW, 12);
    expect(b[64]).toBe(-Infinity);
    expect(b[REST]).toBe(-Infinity);
    expect(b[65]).toBe(-1);
    expect(base[60]).toBe(-1); // the base is not written to
    const unbiased = pitchRules(undefined, { ...quiet, stacked: [70] }, new Float64Array(REST + 1).fill(3))!;
    expect([unbiased[69], unbiased[70]]).toEqual([0, -Infinity]);
  });
});

describe('liftedToFloor', () => {
  it('raises a pitch below the floor by octaves, past a pitch already stacked, and keeps one above it', () => {
    expect(liftedToFloor(MELODY_FLOOR - 1, 0, [])).toBe(MELODY_FLOOR + 11);
    expect(liftedToFloor(MELODY_FLOOR - 1, 0, [MELODY_FLOOR + 11])).toBe(MELODY_FLOOR + 23);
    expect(liftedToFloor(MELODY_FLOOR + 2, 0, [MELODY_FLOOR + 2])).toBe(MELODY_FLOOR + 2);
    // key-relative ids: with a shift of 5 the floor is id MELODY_FLOOR + 5
    expect(liftedToFloor(MELODY_FLOOR + 4, 5, [])).toBe(MELODY_FLOOR + 16);
  });

  it('lifts past the band `apart` forbids around a stacked pitch, not only the pitch itself', () => {
    const low = MELODY_FLOOR - 1; // one octave up lands at MELODY_FLOOR + 11
    expect(liftedToFloor(low, 0, [MELODY_FLOOR + 12])).toBe(MELODY_FLOOR + 11); // a second: allowed at 0
    expect(liftedToFloor(low, 0, [MELODY_FLOOR + 12], 2)).toBe(MELODY_FLOOR + 23);
    expect(liftedToFloor(low, 0, [MELODY_FLOOR + 9], 2)).toBe(MELODY_FLOOR + 23); // a whole tone below
    expect(liftedToFloor(low, 0, [MELODY_FLOOR + 8], 2)).toBe(MELODY_FLOOR + 11); // a minor third: allowed
  });

  it('keeps the sampled pitch when a lift would pass 127', () => {
    expect(liftedToFloor(120, 100, [])).toBe(120); // id 120 is 20 above the tonic: G3 only at 156
  });
});

describe('remember', () => {
  it('keeps the last REPETITION_WINDOW values in order', () => {
    const recent: number[] = [];
    for (let i = 0; i < REPETITION_WINDOW + 3; i++) remember(recent, i);
    expect(recent).toEqual(Array.from({ length: REPETITION_WINDOW }, (_, i) => i + 3));
  });
});
