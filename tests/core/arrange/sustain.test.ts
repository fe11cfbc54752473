import { describe, expect, it } from 'vitest';
import { isColourTone, sustainRole, underTune, voiceChord } from '../../../core/arrange/sustain';
import type { ChordSpan } from '../../../core/features/chords';
import { chordPitchClasses } from '../../../core/features/chords';
import { seededRandom } from '../../../core/random';
import type { Note, Role } from '../../../core/sequence';
import { note as makeNote } from '../../helpers/notes';

const note = (role: Role, pitch: number, start: number, end: number, velocity = 80): Note =>
  makeNote(role, pitch, start, end, { velocity, program: 48, origin: 'model' });
const C: ChordSpan = { root: 0, quality: 'maj', start: 0, end: 4 };
const G: ChordSpan = { root: 7, quality: 'maj', start: 4, end: 8 };
const rows = (notes: readonly Note[]) =>
  notes
    .map((n) => [n.pitch, n.start, n.end, n.origin, n.by ?? null])
    .sort((a, b) => +a[0]! - +b[0]! || +a[1]! - +b[1]!);

describe('sustainRole', () => {
  it("keeps the model's chord tones held, adds the missing tones voice-led, ties a pitch that stays", () => {
    const out = sustainRole(
      [
        note('harmony', 60, 0, 0.5),
        note('harmony', 64, 1, 1.5),
        note('harmony', 67, 2, 2.5),
        note('harmony', 67, 5, 5.5),
      ],
      'harmony',
      [C, G],
    );
    expect(rows(out)).toEqual([
      [59, 4, 8, 'rule', 'voicing'], // B: G's third, a step below the C that held
      [60, 0, 4, 'mended', 'sustain'],
      [62, 4, 8, 'rule', 'voicing'], // D: G's fifth, between C and E
      [64, 1, 4, 'mended', 'sustain'],
      [67, 2, 8, 'mended', 'sustain'], // G stays: tied over
    ]);
  });

  it('drops a pitch that rubs a semitone against the chord, keeps a colour tone, voices the chord around them', () => {
    const out = sustainRole([note('harmony', 61, 0, 2), note('harmony', 62, 2, 3, 60)], 'harmony', [C]);
    expect(rows(out)).toEqual([
      [60, 0, 4, 'rule', 'voicing'],
      [62, 2, 4, 'mended', 'sustain'], // D: the added ninth, a whole tone from C and from E
      [64, 0, 4, 'rule', 'voicing'],
      [67, 0, 4, 'rule', 'voicing'],
    ]);
    const made = out.filter((n) => n.origin === 'rule');
    expect(made.every((n) => n.velocity === 70 && n.program === 48 && n.role === 'harmony')).toBe(true);
    expect(out.find((n) => n.pitch === 62)!.velocity).toBe(60);
  });

  it('keeps a model note that already fills its span as it was, and leaves other roles and silent spans alone', () => {
    const melody = note('melody', 73, 0, 1);
    const held = note('harmony', 64, 0, 4);
    const out = sustainRole([melody, held], 'harmony', [C, G]);
    expect(out).toContain(melody);
    expect(out).toContain(held);
    expect(out.filter((n) => n.start >= 4)).toEqual([]);
    expect(rows(out.filter((n) => n.role === 'harmony'))).toEqual([
      [60, 0, 4, 'rule', 'voicing'],
      [64, 0, 4, 'model', null],
      [67, 0, 4, 'rule', 'voicing'],
    ]);
  });

  it('voices a span the model holds through the chord change instead of leaving it silent', () => {
    const out = sustainRole([note('harmony', 60, 0, 8), note('harmony', 67, 0, 8)], 'harmony', [C, G]);
    expect(rows(out)).toEqual([
      [59, 4, 8, 'rule', 'voicing'], // B, voice-led from the C the model still holds
      [60, 0, 4, 'mended', 'sustain'], // C rubs against B: it ends at the change
      [62, 4, 8, 'rule', 'voicing'],
      [64, 0, 4, 'rule', 'voicing'],
      [67, 0, 8, 'mended', 'sustain'], // G is in both chords: held through
    ]);
  });

  it('brings in a held pitch the previous chord dropped from the change on, as a mended note', () => {
    const A: ChordSpan = { root: 9, quality: 'maj', start: 4, end: 8 };
    const out = sustainRole([note('harmony', 61, 0, 8, 90)], 'harmony', [C, A], 3);
    const cSharp = out.filter((n) => n.pitch === 61);
    expect(cSharp.map((n) => [n.start, n.end, n.origin, n.by, n.velocity])).toEqual([
      [4, 8, 'mended', 'sustain', 90],
    ]);
    expect(out.filter((n) => n.start < 4).every((n) => chordPitchClasses(C).includes(n.pitch % 12))).toBe(
      true,
    );
    // A major sounds from the change: its E tied over from the C chord, C# brought in, A added.
    expect(new Set(out.filter((n) => n.end > 4).map((n) => n.pitch % 12))).toEqual(new Set([9, 1, 4]));
  });

  it('sounds the tones of the chord and at most one colour tone, at most `voices` at once, the whole triad when it can', () => {
    const rng = seededRandom(3);
    const chords: ChordSpan[] = [0, 9, 5, 7, 2, 4].map((root, i) => ({
      root,
      quality: i % 2 ? 'min' : 'maj',
      start: i * 2,
      end: i * 2 + 2,
    }));
    const notes = Array.from({ length: 60 }, () => {
      const start = Math.floor(rng() * 48) / 4;
      return note('harmony', 48 + Math.floor(rng() * 30), start, start + 0.25);
    });
    const out = sustainRole(notes, 'harmony', chords, 4);
    for (const c of chords) {
      const sounding = out.filter((n) => n.start < c.end - 1e-6 && n.end > c.start + 1e-6);
      const tones = chordPitchClasses(c);
      expect(sounding.length).toBeLessThanOrEqual(4);
      const colours = sounding.filter((n) => !tones.includes(n.pitch % 12));
      expect(colours.length).toBeLessThanOrEqual(1);
      for (const n of colours) expect(isColourTone(n.pitch % 12, tones)).toBe(true);
      expect(
        new Set(sounding.filter((n) => tones.includes(n.pitch % 12)).map((n) => n.pitch % 12)).size,
      ).toBe(3);
    }
  });
});

describe('the voicing under the tune', () => {
  it('moves a voice at or above the lowest melody note of its span down by octaves, as mended by under', () => {
    const out = sustainRole(
      [
        note('melody', 67, 0, 2),
        note('harmony', 72, 0, 4),
        note('harmony', 76, 0, 1),
        note('harmony', 76, 4, 8),
      ],
      'harmony',
      [C, G],
    );
    const harmony = out.filter((n) => n.role === 'harmony');
    // Under the G4 tune, C5 and E5 move down an octave and the G the rule adds goes below G4 too (it is
    // tied over into the G chord).
    expect(rows(harmony.filter((n) => n.start < 4))).toEqual([
      [55, 0, 8, 'rule', 'voicing'],
      [60, 0, 4, 'mended', 'under'],
      [64, 0, 4, 'mended', 'under'],
    ]);
    // The G chord's span has no tune: its voicing stays where the voice-leading and the model put it
    // (B and D under the held G, the model's E5 kept as a colour tone).
    expect(rows(harmony.filter((n) => n.start >= 4))).toEqual([
      [59, 4, 8, 'rule', 'voicing'],
      [62, 4, 8, 'rule', 'voicing'],
      [76, 4, 8, 'model', null],
    ]);
  });

  it('stops at the bottom of the harmony range and drops a voice that lands on one already voiced', () => {
    const voiced = underTune(
      [{ pitch: 40 }, { pitch: 52 }, { pitch: 64, from: note('harmony', 64, 0, 4) }, { pitch: 41 }],
      41,
    );
    // 40 is under the tune already; 52 and 64 go down to 40 and are dropped as its duplicates; 41 (at the
    // tune) would go to 29, below the harmony's range (C2 = 36), so it stays.
    expect(voiced.map((v) => v.pitch)).toEqual([40, 41]);
    expect(underTune([{ pitch: 72 }], Infinity)).toEqual([{ pitch: 72 }]);
  });
});

describe('voiceChord', () => {
  it('prefers the model pitch with the most sounding time for a pitch class, then its doublings', () => {
    const inSpan = [note('harmony', 72, 0, 1), note('harmony', 60, 1, 3), note('harmony', 67, 0, 0.5)];
    expect(voiceChord(inSpan, C, [], 4).map((v) => [v.pitch, v.from ? 'model' : 'rule'])).toEqual([
      [60, 'model'],
      [67, 'model'],
      [64, 'rule'],
      [72, 'model'],
    ]);
  });
});

describe('isColourTone', () => {
  it('is a pitch class outside the chord a whole tone or more from each of its tones', () => {
    const cMajor = [0, 4, 7];
    expect([2, 9, 10].every((pc) => isColourTone(pc, cMajor))).toBe(true); // ninth, sixth, minor seventh
    expect([1, 3, 5, 6, 8, 11].some((pc) => isColourTone(pc, cMajor))).toBe(false);
    expect(cMajor.some((pc) => isColourTone(pc, cMajor))).toBe(false);
    expect(isColourTone(2, [9, 0, 4])).toBe(true); // A minor's eleventh
    expect(isColourTone(11, [9, 0, 4])).toBe(false); // its ninth rubs against C
  });
});
