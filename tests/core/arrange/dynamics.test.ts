import { describe, expect, it } from 'vitest';
import { LEVEL_RANGE, levelDynamics, levelFactor } from '../../../core/arrange/dynamics';
import type { Section } from '../../../core/arrange/plan';
import { defaultConditioning } from '../../../core/conditioning';
import type { Note } from '../../../core/sequence';
import { note as makeNote, section as makeSection } from '../../helpers/notes';

const note = (start: number, velocity: number, isDrum = false): Note =>
  makeNote(isDrum ? 'drums' : 'melody', isDrum ? 36 : 60, start, start + 0.5, { velocity, origin: 'model' });
const section = (start: number, end: number, dynamics: number): Section =>
  makeSection('verse', start, end, ['melody', 'drums'], {
    conditioning: { ...defaultConditioning(), dynamics },
  });

describe('levelFactor', () => {
  it('brings a mean velocity to the asked dynamics, within the fader range', () => {
    expect(levelFactor(80, 0.5)).toBeCloseTo(63.5 / 80, 12);
    expect(levelFactor(100, 0.1)).toBe(LEVEL_RANGE.min);
    expect(levelFactor(20, 0.9)).toBe(LEVEL_RANGE.max);
    expect(levelFactor(0, 0.5)).toBe(1);
  });
});

describe('levelDynamics', () => {
  it("levels each section's pitched notes to its own dynamics, keeping accents and leaving drums", () => {
    const notes = [note(0, 60), note(1, 100), note(2, 90, true), note(4, 60), note(5, 80)];
    const out = levelDynamics(notes, [section(0, 4, 0.5), section(4, 8, 0.7)]);
    const first = 63.5 / 80;
    const second = (0.7 * 127) / 70;
    expect(out.map((n) => n.velocity)).toEqual([
      Math.round(60 * first),
      Math.round(100 * first),
      90,
      Math.round(60 * second),
      Math.round(80 * second),
    ]);
    expect(out.map((n) => [n.pitch, n.start, n.end, n.role, n.origin])).toEqual(
      notes.map((n) => [n.pitch, n.start, n.end, n.role, n.origin]),
    );
  });

  it('keeps velocities in 1..127', () => {
    const out = levelDynamics([note(0, 90), note(1, 124)], [section(0, 4, 0.95)]);
    expect(Math.max(...out.map((n) => n.velocity))).toBe(127);
    const soft = levelDynamics([note(0, 1), note(1, 100)], [section(0, 4, 0.05)]);
    expect(Math.min(...soft.map((n) => n.velocity))).toBe(1);
  });
});
