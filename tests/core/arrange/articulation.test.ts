import { describe, expect, it } from 'vitest';
import { CALM_AROUSAL, letRing, rings } from '../../../core/arrange/articulation';
import type { Section } from '../../../core/arrange/plan';
import { defaultConditioning } from '../../../core/conditioning';
import type { ChordSpan } from '../../../core/features/chords';
import type { Note } from '../../../core/sequence';
import { note as makeNote, section as makeSection } from '../../helpers/notes';

const GUITAR = 25;
const STRINGS = 48;
const harmony = (pitch: number, start: number, end: number): Note =>
  makeNote('harmony', pitch, start, end, { origin: 'model' });
const section = (start: number, end: number, arousal: number): Section =>
  makeSection('verse', start, end, ['harmony', 'melody'], {
    conditioning: { ...defaultConditioning(), arousal },
  });
/** C major over beats 0-4, A minor over 4-8. */
const CHORDS: ChordSpan[] = [
  { root: 0, quality: 'maj', start: 0, end: 4 },
  { root: 9, quality: 'min', start: 4, end: 8 },
];
const calm = [section(0, 8, -0.3)];

describe('rings', () => {
  it('is true for pianos, plucked guitars and the harp, false for sustained and bowed programs', () => {
    expect([0, 4, 11, 24, 25, 27, 46].every(rings)).toBe(true);
    expect([6, 7, 28, 29, 33, 48, 56, 81, 89].some(rings)).toBe(false);
  });
});

describe('letRing', () => {
  it("holds a calm section's chord tones to the chord's end and marks them mended by letRing", () => {
    const out = letRing([harmony(60, 0, 0.5), harmony(64, 1, 1.25)], 'harmony', GUITAR, calm, CHORDS);
    expect(out.map((n) => [n.start, n.end, n.origin, n.by])).toEqual([
      [0, 4, 'mended', 'letRing'],
      [1, 4, 'mended', 'letRing'],
    ]);
    expect(out.map((n) => [n.pitch, n.velocity, n.role])).toEqual([
      [60, 80, 'harmony'],
      [64, 80, 'harmony'],
    ]);
  });

  it('stops a ringing note where the same pitch is struck again and at the section end', () => {
    const notes = [harmony(67, 0, 0.5), harmony(67, 2, 2.5), harmony(69, 4, 4.5)];
    const sections = [section(0, 6, -0.3), section(6, 8, 0.4)];
    const out = letRing(notes, 'harmony', GUITAR, sections, CHORDS);
    expect(out.map((n) => n.end)).toEqual([2, 4, 6]);
  });

  it('leaves passing tones, other roles, excited sections and non-ringing programs as they were', () => {
    const passing = harmony(62, 0, 0.5);
    const melody = makeNote('melody', 60, 0, 0.5, { origin: 'model' });
    expect(letRing([passing, melody], 'harmony', GUITAR, calm, CHORDS)).toEqual([passing, melody]);
    const tone = harmony(60, 0, 0.5);
    expect(letRing([tone], 'harmony', GUITAR, [section(0, 8, CALM_AROUSAL)], CHORDS)).toEqual([tone]);
    expect(letRing([tone], 'harmony', STRINGS, calm, CHORDS)).toEqual([tone]);
    expect(letRing([tone], 'harmony', GUITAR, calm, [])).toEqual([tone]);
  });

  it('keeps a note that already rings past its chord as it is', () => {
    const long = harmony(60, 0, 6);
    expect(letRing([long], 'harmony', GUITAR, calm, CHORDS)).toEqual([long]);
  });
});
