import { describe, expect, it } from 'vitest';
import {
  decodeEvents,
  encodeNotes,
  quantizeNotes,
  REST,
  STEP_MAX,
  GRID,
  binToVelocity,
  velocityToBin,
} from '../../../core/codec/events';
import { InvalidSequenceError } from '../../../core/errors';
import { seededRandom } from '../../../core/random';
import type { Note } from '../../../core/sequence';
import { ROLES } from '../../../core/sequence';
import { bandFixture } from '../../fixtures/sequences';

const fields = (n: Note) => ({
  pitch: n.pitch,
  start: n.start,
  end: n.end,
  velocity: n.velocity,
  role: n.role,
  isDrum: n.isDrum,
});

describe('NoteSequence <-> events', () => {
  it('decodes an encoding to the same quantized notes, field by field', () => {
    const notes = bandFixture().notes;
    const programs = { melody: 73, harmony: 48, bass: 33 };
    const decoded = decodeEvents(encodeNotes(notes), { programs });
    const expected = quantizeNotes(notes);
    expect(decoded.length).toBe(expected.length);
    decoded.forEach((d, i) => {
      expect(fields(d)).toEqual(fields(expected[i]));
      expect(d.program).toBe(expected[i].program);
    });
  });

  it('keeps the fixture exactly: it lies on the 1/12-beat grid', () => {
    const notes = bandFixture().notes;
    const q = quantizeNotes(notes);
    q.forEach((n, i) => {
      expect(n.start).toBeCloseTo(notes[i].start, 12);
      expect(n.end).toBeCloseTo(notes[i].end, 12);
      expect(n.velocity).toBe(binToVelocity(velocityToBin(notes[i].velocity)));
    });
  });

  it('round-trips random notes, long gaps through rest events, and is stable on re-encoding', () => {
    const rng = seededRandom(7);
    const notes: Note[] = [];
    let t = 0;
    for (let i = 0; i < 300; i++) {
      t += rng() < 0.05 ? 4 + rng() * 20 : Math.floor(rng() * 8) / 4;
      const role = ROLES[Math.floor(rng() * 4)];
      notes.push({
        pitch: Math.floor(rng() * 128),
        start: t,
        end: t + 0.01 + rng() * 10,
        velocity: 1 + Math.floor(rng() * 127),
        role,
        program: 0,
        isDrum: role === 'drums',
      });
    }
    const events = encodeNotes(notes);
    expect(events.some((e) => e.pitch === REST)).toBe(true);
    for (const e of events) expect(e.step).toBeLessThanOrEqual(STEP_MAX);
    const decoded = decodeEvents(events);
    expect(decoded.map(fields)).toEqual(quantizeNotes(notes).map(fields));
    expect(encodeNotes(decoded)).toEqual(events);
  });

  it('puts sixteenths and eighth-note triplets on the grid', () => {
    const mk = (start: number): Note => ({
      pitch: 60,
      start,
      end: start + 0.25,
      velocity: 64,
      role: 'melody',
      program: 0,
      isDrum: false,
    });
    const steps = encodeNotes([0, 0.25, 1 / 3, 2 / 3, 1].map(mk)).map((e) => e.step);
    expect(steps).toEqual([0, GRID / 4, GRID / 3 - GRID / 4, GRID / 3, GRID / 3]);
  });

  it('rejects notes and events that break the rules with InvalidSequenceError', () => {
    const ok: Note = { pitch: 60, start: 0, end: 1, velocity: 64, role: 'melody', program: 0, isDrum: false };
    expect(() => encodeNotes([{ ...ok, pitch: 128 }])).toThrow(InvalidSequenceError);
    expect(() => encodeNotes([{ ...ok, start: -1 }])).toThrow(InvalidSequenceError);
    expect(() => encodeNotes([{ ...ok, end: 0 }])).toThrow(InvalidSequenceError);
    expect(() =>
      decodeEvents([{ pitch: 60, step: STEP_MAX + 1, duration: 1, velocity: 0, role: 0 }]),
    ).toThrow(InvalidSequenceError);
    expect(() => decodeEvents([{ pitch: 60, step: 0, duration: 0, velocity: 0, role: 0 }])).toThrow(
      InvalidSequenceError,
    );
  });
});
