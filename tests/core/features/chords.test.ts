import { describe, expect, it } from 'vitest';
import {
  annotatedChords,
  barChords,
  chordId,
  chordIdAt,
  chordSpanAt,
  parseChordName,
} from '../../../core/features/chords';
import type { Chord } from '../../../core/features/chords';

const chord = (root: number, quality: Chord['quality']): Chord => ({ root, quality });

describe('parseChordName', () => {
  it("reads the MMA corpus' lead-sheet names", () => {
    expect(parseChordName('Bm')).toEqual(chord(11, 'min'));
    expect(parseChordName('F#7')).toEqual(chord(6, 'maj'));
    expect(parseChordName('EbM7')).toEqual(chord(3, 'maj'));
    expect(parseChordName('Am7b5')).toEqual(chord(9, 'dim'));
    expect(parseChordName('Gdim7')).toEqual(chord(7, 'dim'));
    expect(parseChordName('Dbm6')).toEqual(chord(1, 'min'));
    expect(parseChordName('D7sus4')).toEqual(chord(2, 'sus'));
    expect(parseChordName('Caug')).toEqual(chord(0, 'aug'));
    expect(parseChordName('Cadd9/E')).toEqual(chord(0, 'maj'));
    expect(parseChordName('H7')).toBeNull();
    expect(parseChordName('')).toBeNull();
  });
});

describe('barChords', () => {
  it('gives each entry its bars, and splits an entry of several names equally', () => {
    expect(barChords(['C', 'Dm7 G7'], 2, 4)).toEqual([
      { ...chord(0, 'maj'), start: 0, end: 4 },
      { ...chord(2, 'min'), start: 4, end: 6 },
      { ...chord(7, 'maj'), start: 6, end: 8 },
    ]);
    // Fewer entries than bars: each holds bars / entries bars (MMA's chords held two bars).
    expect(barChords(['Am', 'F'], 4, 3)).toEqual([
      { ...chord(9, 'min'), start: 0, end: 6 },
      { ...chord(5, 'maj'), start: 6, end: 12 },
    ]);
  });

  it('refuses entries that do not divide the bars or do not parse', () => {
    expect(barChords(['C', 'F', 'G'], 4, 4)).toBeNull();
    expect(barChords(['C', 'X7'], 2, 4)).toBeNull();
    expect(barChords([], 2, 4)).toBeNull();
  });
});

describe('annotatedChords', () => {
  it("snaps each span to the notes' grid, so the note on a chord's first beat is under that chord", () => {
    const beats = Array.from({ length: 9 }, (_, k) => ({ time: k * 0.5, downbeat: k % 4 === 0 }));
    const spans = annotatedChords(
      [
        { start: 0, end: 2.0004, label: 'C:maj' },
        { start: 2.0004, end: 3.9997, label: 'A:min' },
        { start: 3.9997, end: 4.0, label: 'N' },
      ],
      beats,
    );
    expect(spans).toEqual([
      { ...chord(0, 'maj'), start: 0, end: 4 },
      { ...chord(9, 'min'), start: 4, end: 8 },
    ]);
    expect(chordIdAt(spans, 4)).toBe(chordId(chord(9, 'min')));
    expect(chordSpanAt(spans, 3.99)).toBe(spans[0]);
    expect(chordSpanAt(spans, 4)).toBe(spans[1]);
    expect(chordSpanAt(spans, 8)).toBeUndefined();
    expect(chordIdAt(spans, 8)).toBe(0);
  });
});
