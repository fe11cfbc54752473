import { describe, expect, it } from 'vitest';
import type { ChordSpan } from '../../../core/features/chords';
import {
  chordChanges,
  firstNotesOnChanges,
  lengthHistogram,
  lineMoves,
  moveClass,
  moveShares,
  roleFigures,
  strikes,
  struckTogether,
  TOGETHER,
} from '../../../core/eval/roles';
import { summariseRoles } from '../../../core/eval/roles-summary';
import { line as topLine } from '../../../core/sequence';
import { line, note, piece } from './helpers';
import { note as roleNote } from '../../helpers/notes';

const span = (root: number, quality: ChordSpan['quality'], start: number, end: number): ChordSpan => ({
  root,
  quality,
  start,
  end,
});
/** C, G, G again (no change), A minor: four bars. */
const CHORDS = [span(0, 'maj', 0, 4), span(7, 'maj', 4, 8), span(7, 'maj', 8, 12), span(9, 'min', 12, 16)];

describe('role figures of one piece', () => {
  it("reads the melody's top line: register, most frequent pitch, repeats, steps and leaps, lengths", () => {
    const melody = line([60, 60, 62, 67, 67, 65], 0.5, 0.25);
    const under = note(48, 0.5, 0.75); // stacked under the second note: not the line
    const f = roleFigures(piece([...melody, under]), null).melody!;
    expect(f.notes).toBe(6);
    expect(f.meanPitch).toBeCloseTo(63.5, 12);
    expect(f.topPitchShare).toBeCloseTo(2 / 6, 12);
    expect([f.repeat, f.step, f.leap]).toEqual([2 / 5, 2 / 5, 1 / 5]); // moves 0, 2, 5, 0, 2
    expect(f.lengths).toEqual([1, 0, 0, 0, 0]);
    expect(f.stacked).toBeCloseTo(2 / 7, 12); // the 48 and the line's second note, of all 7 notes
  });

  it('counts the melody notes struck together, a played chord spread a little included', () => {
    const spread = TOGETHER / 2;
    const notes = [
      note(72, 0, 1),
      note(76, 1, 2), // with the 79 a hair later: struck together
      note(79, 1 + spread, 2),
      note(74, 2, 3), // the next onset a full TOGETHER later: a note of its own
      note(77, 2 + TOGETHER, 3),
      note(60, 3, 4), // three at once
      note(64, 3, 4),
      note(67, 3, 4),
    ];
    expect(strikes(notes).map((s) => s.map((n) => n.pitch))).toEqual([
      [72],
      [76, 79],
      [74],
      [77],
      [60, 64, 67],
    ]);
    expect(struckTogether(notes)).toBeCloseTo(5 / 8, 12);
    expect(struckTogether(line([60, 62, 64]))).toBe(0);
    expect(struckTogether([])).toBeNaN();
  });

  it("measures the bass's lowest line against the chords, and on the chord changes alone", () => {
    const bass = [
      note(36, 0, 2, 'bass'), // C on C: root
      note(40, 2, 4, 'bass'), // E on C: chord tone
      note(43, 4.5, 6, 'bass'), // G on G: root (first after the change at 4)
      note(42, 6, 8, 'bass'), // F# on G: neither
      note(47, 8, 12, 'bass'), // B on G (no change at 8): chord tone
      note(48, 13, 16, 'bass'), // C on A minor: chord tone, first after the change at 12
      note(52, 13, 16, 'bass'), // above it at the same onset: not the line
    ];
    expect(chordChanges(CHORDS).map((c) => c.start)).toEqual([0, 4, 12]);
    // The first note inside each changed chord's span: at 4 the G of 4.5, not the E of 2 still sounding.
    expect(
      firstNotesOnChanges(topLine(bass, false), CHORDS).map((x) => [
        x.chord.start,
        x.note.start,
        x.note.pitch,
      ]),
    ).toEqual([
      [0, 0, 36],
      [4, 4.5, 43],
      [12, 13, 48],
    ]);
    const f = roleFigures(piece(bass), CHORDS).bass!;
    expect(f.notes).toBe(6);
    expect(f.root).toBeCloseTo(2 / 6, 12);
    expect(f.chordTone).toBeCloseTo(5 / 6, 12);
    expect(f.changes).toBe(3);
    expect(f.rootOnChanges).toBeCloseTo(2 / 3, 12);
    expect(f.chordToneOnChanges).toBe(1);
    expect(f.lengths).toEqual([0, 0, 0, 4 / 6, 2 / 6]);
  });

  it('counts harmony chord tones only under a chord, and gives NaN without chords', () => {
    const harmony = [60, 64, 67].map((p) => note(p, 0, 1, 'harmony'));
    harmony.push(note(65, 4, 5, 'harmony'), note(61, 20, 21, 'harmony')); // F under G; C# after the chords
    expect(roleFigures(piece(harmony), CHORDS).harmony!.chordTone).toBeCloseTo(3 / 4, 12);
    expect(roleFigures(piece(harmony), null).harmony!.chordTone).toBeNaN();
    expect(roleFigures(piece(harmony), null).bass).toBeNull();
  });

  it('reads the groove: onsets per beat, kick on the downbeat, backbeat, neighbouring bars alike', () => {
    const d = (pitch: number, at: number) => note(pitch, at, at + 0.1, 'drums');
    const drums = [
      d(36, 0),
      d(42, 0),
      d(42, 0.5),
      d(38, 1),
      d(42, 4),
      d(36, 4.5),
      d(42, 4.5),
      d(38, 5),
      d(38, 6.5),
    ];
    const f = roleFigures(piece(drums, 120, 4, 8), null).drums!;
    expect(f.onsetsPerBeat).toBeCloseTo(7 / 8, 12);
    expect(f.kickOnDownbeat).toBe(0.5);
    expect(f.backbeat).toBeCloseTo(2 / 3, 12);
    expect(f.barSimilarity).toBeCloseTo(3 / 6, 12);
    expect(roleFigures(piece(drums, 120, 3, 8), null).drums!.backbeat).toBeNaN();
  });

  it('classes note lengths at the sixteenth, eighth, quarter and half', () => {
    const notes = [0.1, 0.25, 0.5, 0.75, 1, 2, 3].map((len, i) => note(60, i * 4, i * 4 + len));
    expect(lengthHistogram(notes).map((x) => x * 7)).toEqual([2, 1, 2, 1, 1]);
    expect(topLine([], true)).toEqual([]);
  });
});

describe('role figures of a set', () => {
  it('averages pieces where a figure is defined, and counts shares of pieces', () => {
    const low = piece([...line([55, 55, 55, 57], 1, 1), note(36, 0, 4, 'bass')]);
    const high = piece(line([70, 72, 74, 76], 1, 1));
    const s = summariseRoles([low, high].map((p) => roleFigures(p, CHORDS)));
    expect(s.rows['melody.meanPitch']).toEqual({ value: (55.5 + 73) / 2, pieces: 2 });
    expect(s.rows['melody.belowC4']).toEqual({ value: 0.5, pieces: 2 });
    expect(s.rows['melody.onePitch']).toEqual({ value: 0.5, pieces: 2 });
    expect(s.rows['melody.repeat'].value).toBeCloseTo((2 / 3 + 0) / 2, 12);
    expect(s.rows['bass.root']).toEqual({ value: 1, pieces: 1 });
    expect(s.rows['drums.onsetsPerBeat'].pieces).toBe(0);
    expect(s.rows['drums.onsetsPerBeat'].value).toBeNaN();
    expect(s.lengths.melody).toEqual([0, 0, 1, 0, 0]);
  });
});

describe('moveClass', () => {
  it('names 0 a repeat, 1-2 semitones a step and more a leap', () => {
    expect([0, 1, 2, 3, 12].map(moveClass)).toEqual(['repeat', 'step', 'step', 'leap', 'leap']);
  });
});

const tune = (pitches: number[]) => pitches.map((p, i) => roleNote('melody', p, i, i + 1));

describe('lineMoves', () => {
  it('reads the line as the evaluation does: the highest note of each onset, in time order', () => {
    const notes = [...tune([60, 62, 62, 67]), roleNote('melody', 72, 1, 2), roleNote('melody', 55, 3, 4)];
    // Onset 1's highest is 72: 60 -> 72 -> 62 -> 67.
    expect(lineMoves([...notes].reverse())).toEqual([12, 10, 5]);
  });

  it('has no moves for a single note or none', () => {
    expect(lineMoves(tune([64]))).toEqual([]);
    expect(lineMoves([])).toEqual([]);
  });
});

describe('moveShares', () => {
  it('counts a repeat as 0, a step as 1-2 semitones and a leap as more', () => {
    expect(moveShares([0, 1, 2, 3, 0, 12, 2, 2])).toEqual({ repeat: 0.25, step: 0.5, leap: 0.25 });
  });
});
