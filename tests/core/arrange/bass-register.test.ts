import { describe, expect, it } from 'vitest';
import {
  bassUnderHarmony,
  CROSSING_SHARE,
  crossings,
  crossingShare,
} from '../../../core/arrange/bass-register';
import type { Note } from '../../../core/sequence';
import { note, section } from '../../helpers/notes';

const CONTRABASS = 43;
const bass = (pitch: number, start: number, end: number, extra: Partial<Note> = {}): Note =>
  note('bass', pitch, start, end, { program: CONTRABASS, origin: 'model', ...extra });
const harmony = (pitch: number, start: number): Note =>
  note('harmony', pitch, start, start + 1, { program: 48 });

describe('crossingShare', () => {
  it('counts the harmony onsets under the lowest bass note sounding then, among those with a bass', () => {
    const b = [bass(55, 0, 2), bass(50, 2, 4)];
    const h = [harmony(48, 0), harmony(60, 1), harmony(52, 2), harmony(40, 5)]; // the last has no bass
    expect(crossings(h, b)).toEqual({ heard: 3, under: 1 });
    expect(crossingShare(h, b)).toBeCloseTo(1 / 3);
    expect(crossingShare(h, [])).toBe(0);
  });
});

describe('bassUnderHarmony', () => {
  const sections = [
    section('verse', 0, 4, ['harmony', 'bass']),
    section('chorus', 4, 8, ['harmony', 'bass']),
  ];

  it("moves a section's whole bass line down an octave where the harmony sounds under it, marked by register", () => {
    const notes = [
      bass(57, 0, 1),
      bass(52, 1, 2),
      bass(55, 2, 4),
      harmony(50, 0), // under A3
      harmony(60, 1),
      harmony(48, 2), // under G3
      bass(40, 4, 8), // the chorus: a low bass, the harmony above it
      harmony(52, 4),
    ];
    const out = bassUnderHarmony(notes, sections);
    expect(out.map((n) => [n.role, n.pitch])).toEqual([
      ['bass', 45],
      ['bass', 40],
      ['bass', 43],
      ['harmony', 50],
      ['harmony', 60],
      ['harmony', 48],
      ['bass', 40],
      ['harmony', 52],
    ]);
    expect(out.slice(0, 3).map((n) => [n.origin, n.by])).toEqual(Array(3).fill(['mended', 'register']));
    expect(out[6]).toBe(notes[6]);
  });

  it('keeps copied notes copies, and leaves a section whose crossings are at most the share', () => {
    const copied = bassUnderHarmony(
      [bass(57, 0, 4, { origin: 'copy', by: 'repeat' }), harmony(50, 0)],
      sections,
    );
    expect(copied[0]).toMatchObject({ pitch: 45, origin: 'copy', by: 'repeat' });
    // one crossing in eleven onsets: 0.09, not above the share
    const onsets = [harmony(50, 0), ...Array.from({ length: 10 }, (_, i) => harmony(60, 0.3 * (i + 1)))];
    expect(1 / 11).toBeLessThanOrEqual(CROSSING_SHARE);
    const kept = bassUnderHarmony([bass(55, 0, 4), ...onsets], sections);
    expect(kept[0].pitch).toBe(55);
  });

  it('leaves a line that an octave down would take below its part (E1 on a contrabass)', () => {
    const notes = [bass(57, 0, 2), bass(38, 2, 4), harmony(50, 0), harmony(36, 2)];
    const out = bassUnderHarmony(notes, sections);
    expect(out.map((n) => n.pitch)).toEqual([57, 38, 50, 36]);
  });
});
