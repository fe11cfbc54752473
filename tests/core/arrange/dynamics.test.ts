import { describe, expect, it } from 'vitest';
import {
  LEVEL_RANGE,
  levelDynamics,
  levelFactor,
  SPREAD_RANGE,
  spreadFactor,
  VELOCITY_SPREAD_FROM_AROUSAL,
} from '../../../core/arrange/dynamics';
import type { Section } from '../../../core/arrange/plan';
import { defaultConditioning } from '../../../core/conditioning';
import type { Note } from '../../../core/sequence';
import { note as makeNote, section as makeSection } from '../../helpers/notes';

const note = (start: number, velocity: number, isDrum = false): Note =>
  makeNote(isDrum ? 'drums' : 'melody', isDrum ? 36 : 60, start, start + 0.5, { velocity, origin: 'model' });
const section = (start: number, end: number, dynamics: number, arousal = 0): Section =>
  makeSection('verse', start, end, ['melody', 'drums'], {
    conditioning: { ...defaultConditioning(), dynamics, arousal },
  });
const sd = (xs: number[]): number => {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
};
/** A spread the arousal asks for, in velocity units. */
const asked = (arousal: number): number =>
  127 * (VELOCITY_SPREAD_FROM_AROUSAL.at0 + VELOCITY_SPREAD_FROM_AROUSAL.perArousal * arousal);

describe('levelFactor', () => {
  it('brings a mean velocity to the asked dynamics, within the fader range', () => {
    expect(levelFactor(80, 0.5)).toBeCloseTo(63.5 / 80, 12);
    expect(levelFactor(100, 0.1)).toBe(LEVEL_RANGE.min);
    expect(levelFactor(20, 0.9)).toBe(LEVEL_RANGE.max);
    expect(levelFactor(0, 0.5)).toBe(1);
  });
});

describe('spreadFactor', () => {
  it('brings a spread to the one the arousal asks for, within its range', () => {
    expect(spreadFactor(asked(0), 0)).toBeCloseTo(1, 12);
    expect(spreadFactor(10, 0.6)).toBeCloseTo(asked(0.6) / 10, 12);
    expect(spreadFactor(10, -0.6)).toBeGreaterThan(spreadFactor(10, 0.6));
    expect(spreadFactor(1, 0)).toBe(SPREAD_RANGE.max);
    expect(spreadFactor(100, 0)).toBe(SPREAD_RANGE.min);
    expect(spreadFactor(0, 0)).toBe(1);
  });
});

describe('levelDynamics', () => {
  it("levels each section's pitched notes to its own dynamics and spread, keeping accents and leaving drums", () => {
    const notes = [note(0, 60), note(1, 100), note(2, 90, true), note(4, 60), note(5, 80)];
    const out = levelDynamics(notes, [section(0, 4, 0.5), section(4, 8, 0.7, -0.6)]);
    const first = 63.5 / 80;
    const second = (0.7 * 127) / 70;
    /** A velocity levelled to `mean` and its deviation scaled from `spread` to the arousal's. */
    const played = (v: number, level: number, mean: number, spread: number, arousal: number): number =>
      Math.round(mean + (v * level - mean) * spreadFactor(spread, arousal));
    expect(out.map((n) => n.velocity)).toEqual([
      played(60, first, 63.5, 20 * first, 0),
      played(100, first, 63.5, 20 * first, 0),
      90,
      played(60, second, 0.7 * 127, 10 * second, -0.6),
      played(80, second, 0.7 * 127, 10 * second, -0.6),
    ]);
    const [a, b, , c, d] = out.map((n) => n.velocity);
    expect(a).toBeLessThan(b);
    expect(c).toBeLessThan(d);
    expect(sd([a, b])).toBeCloseTo(asked(0), 0);
    expect(sd([c, d])).toBeCloseTo(asked(-0.6), 0);
    expect(out.map((n) => [n.pitch, n.start, n.end, n.role, n.origin])).toEqual(
      notes.map((n) => [n.pitch, n.start, n.end, n.role, n.origin]),
    );
  });

  it('keeps velocities in 1..127', () => {
    const out = levelDynamics([note(0, 90), note(1, 124)], [section(0, 4, 0.95)]);
    expect(Math.max(...out.map((n) => n.velocity))).toBe(127);
    const soft = levelDynamics([note(0, 1), note(1, 3)], [section(0, 4, 0.02)]);
    expect(Math.min(...soft.map((n) => n.velocity))).toBe(1);
  });
  it('finds each note its section whatever the order sections are listed in, and leaves notes outside all', () => {
    const notes = [note(0, 60), note(3.9, 100), note(4, 60), note(7, 80), note(9, 70)];
    const inOrder = [section(0, 4, 0.5), section(4, 8, 0.7, -0.6)];
    const forward = levelDynamics(notes, inOrder);
    const backward = levelDynamics(notes, [...inOrder].reverse());
    expect(backward.map((n) => n.velocity)).toEqual(forward.map((n) => n.velocity));
    // The note at beat 4 is levelled with the second section's (its mean 70 -> 0.7 x 127), not the first's.
    expect(forward[2].velocity).toBeLessThan(forward[3].velocity);
    expect(Math.round((forward[2].velocity + forward[3].velocity) / 2)).toBe(Math.round(0.7 * 127));
    expect(forward[4].velocity).toBe(70);
    expect(levelDynamics(notes, []).map((n) => n.velocity)).toEqual(notes.map((n) => n.velocity));
  });
});
