import { describe, expect, it } from 'vitest';
import { DURATION_MAX, REST, STEP_MAX, VELOCITY_BINS } from '../../../core/codec/events';
import { defaultConditioning } from '../../../core/conditioning';
import { generateRole, generateRoles, generateRolesAsync, roleSteps } from '../../../core/model/generate';
import type { RoleOptions } from '../../../core/model/generate';
import type { LaneHeads, StepInput, Stepper } from '../../../core/model/step';
import { seededRandom } from '../../../core/random';
import { tinyConfig } from '../../fixtures/tiny-model';

/** A stepper whose every lane steps a sixteenth and draws a pitch from C4-B4 evenly; logs its calls. */
function evenStepper(calls: (StepInput | null)[][] = []): Stepper {
  const step = new Float64Array(STEP_MAX + 1).fill(-Infinity);
  step[3] = 0;
  const pitch = new Float64Array(REST + 1).fill(-Infinity);
  for (let p = 60; p < 72; p++) pitch[p] = 0;
  const duration = new Float64Array(DURATION_MAX + 1).fill(-Infinity);
  duration[3] = 0;
  return {
    config: tinyConfig(),
    reset: () => undefined,
    heads: (inputs) => {
      calls.push([...inputs]);
      return inputs.map(
        (x): LaneHeads | null =>
          x && {
            step,
            pitch: () => pitch,
            note: () => ({ duration, velocity: new Float64Array(VELOCITY_BINS) }),
          },
      );
    },
  };
}

const role = (r: RoleOptions['role'], beats: number): RoleOptions => ({
  role: r,
  conditioning: defaultConditioning(),
  beats,
  rules: false,
});
const ROLES = [role('melody', 4), role('bass', 2)];

describe('generateRoles', () => {
  it('writes the roles in lockstep, one lane each, a finished role left out of later steps', () => {
    const calls: (StepInput | null)[][] = [];
    const [melody, bass] = generateRoles(evenStepper(calls), ROLES, seededRandom(5));
    expect(melody.map((n) => n.start)).toEqual([...Array(15).keys()].map((i) => (i + 1) / 4));
    expect(bass.map((n) => n.start)).toEqual([...Array(7).keys()].map((i) => (i + 1) / 4));
    expect(calls.every((c) => c.length === 2)).toBe(true);
    // A lane is asked once per note and once more for the step that ends it; then it is left out.
    expect(calls.map((c) => c[0] !== null)).toEqual(calls.map((_, i) => i < 16));
    expect(calls.map((c) => c[1] !== null)).toEqual(calls.map((_, i) => i < 8));
  });

  it('writes the same notes under the same seed, and other notes under another', () => {
    const a = generateRoles(evenStepper(), ROLES, seededRandom(5));
    expect(generateRoles(evenStepper(), ROLES, seededRandom(5))).toEqual(a);
    expect(generateRoles(evenStepper(), ROLES, seededRandom(6))).not.toEqual(a);
    expect(generateRole(evenStepper(), ROLES[0], seededRandom(5))).toEqual(
      generateRoles(evenStepper(), [ROLES[0]], seededRandom(5))[0],
    );
  });
});

describe('a role prefix', () => {
  it('is read by its lane alone before any role writes, and nothing of it is played', () => {
    const calls: (StepInput | null)[][] = [];
    const prefix = [
      { pitch: 72, step: 6 },
      { pitch: 74, step: 3 },
    ];
    const primed = [{ ...ROLES[0], prefix }, ROLES[1]];
    const notes = generateRoles(evenStepper(calls), primed, seededRandom(5));
    // The stepper ignores its inputs, so the notes are those written without the prefix.
    expect(notes).toEqual(generateRoles(evenStepper(), ROLES, seededRandom(5)));
    // Two prefix steps for the melody lane only: its start input, then the first prefix event.
    expect(calls.slice(0, 2).map((c) => c[1])).toEqual([null, null]);
    expect(calls[0][0]?.pitch).toBe(REST);
    expect(calls[1][0]).toMatchObject({
      pitch: 72,
      step: 6,
      duration: 6,
      velocity: VELOCITY_BINS / 2,
      chord: 0,
      position: 6,
    });
    // The melody's first written step reads the last prefix event.
    expect(calls[2][0]).toMatchObject({ pitch: 74, step: 3, duration: 3, chord: 0, position: 9 });
    expect(calls[2][1]?.pitch).toBe(REST);
    expect(calls.length).toBe(2 + 16);
  });

  it('is read in a minor piece as the same scale degrees of the natural minor', () => {
    const calls: (StepInput | null)[][] = [];
    const prefix = [72, 74, 76, 77, 79, 81, 83, 84].map((pitch) => ({ pitch, step: 3 }));
    const minor = { ...defaultConditioning(), key: { tonic: 0, mode: 'minor' as const } };
    generateRoles(evenStepper(calls), [{ ...ROLES[0], conditioning: minor, prefix }], seededRandom(5));
    // Step k + 1 reads prefix event k: the third, sixth and seventh are lowered, the rest stay.
    expect(calls.slice(1, 9).map((c) => c[0]?.pitch)).toEqual([72, 74, 75, 77, 79, 80, 82, 84]);
    const major = { ...minor, key: { tonic: 0, mode: 'major' as const } };
    const majorCalls: (StepInput | null)[][] = [];
    generateRoles(evenStepper(majorCalls), [{ ...ROLES[0], conditioning: major, prefix }], seededRandom(5));
    expect(majorCalls.slice(1, 9).map((c) => c[0]?.pitch)).toEqual(prefix.map((e) => e.pitch));
  });
});

describe('roleSteps and generateRolesAsync', () => {
  it('count every step, and pausing between them writes the same notes', async () => {
    const steps = roleSteps(evenStepper(), ROLES, seededRandom(5));
    const counted: number[] = [];
    for (let r = steps.next(); !r.done; r = steps.next()) counted.push(r.value);
    expect(counted).toEqual([...Array(counted.length).keys()].map((i) => i + 1));
    let pauses = 0;
    const notes = await generateRolesAsync(evenStepper(), ROLES, seededRandom(5), {
      every: 4,
      pause: async () => void pauses++,
    });
    expect(notes).toEqual(generateRoles(evenStepper(), ROLES, seededRandom(5)));
    expect(pauses).toBe(Math.floor(counted.length / 4));
  });
});
