import { describe, expect, it } from 'vitest';
import { discardedSpans, loopRange, returnOf } from '../../../core/arrange/discarded';
import { keepPlayingRoles, loopDrums, repeatSections } from '../../../core/arrange/finish';
import type { Section } from '../../../core/arrange/plan';
import type { ChordSpan } from '../../../core/features/chords';
import type { Note } from '../../../core/sequence';
import { note, section } from '../../helpers/notes';

const METER = { numerator: 4, denominator: 4 };
const D = ['drums', 'bass'] as const;

/**
 * In 4/4: an intro without drums; a verse of 6 bars (it loops: groove 4-12, fill 12-24, last bar 24-28);
 * a chorus of 2 bars (too short to loop); the verse again, 4 bars (a copy of the first's 4-20, looped:
 * its last bar is the first verse's bar 16-20); a bridge without drums; the ending.
 */
const SECTIONS: Section[] = [
  section('intro', 0, 4, ['bass']),
  section('verse', 4, 28, [...D]),
  section('chorus', 28, 36, [...D]),
  section('verse', 36, 52, [...D]),
  section('bridge', 52, 60, ['bass']),
  section('ending', 60, 64, [...D]),
];
const plan = (loop: boolean) => ({ sections: SECTIONS, meter: METER, loop, beats: 64 });

/** One model drum note on each beat of the piece, its pitch the beat's number (its source, once copied). */
const drumsEveryBeat = (beats: number): Note[] =>
  Array.from({ length: beats }, (_, b) => note('drums', b, b, b + 0.25, { origin: 'model' }));

/** The finishing passes that replace or drop drums, and the ending's cut (nothing starts in it). */
const passes = (notes: readonly Note[], sections: readonly Section[], loop: boolean): string[] => {
  const out = loopDrums(repeatSections(keepPlayingRoles(notes, sections), sections), sections, 4);
  const end = loop ? Infinity : sections[sections.length - 1].start;
  return out
    .filter((n) => n.start < end)
    .map((n) => `${n.start}:${n.pitch}`)
    .sort();
};

describe('the drum bars the finishing passes replace', () => {
  it('are the loop fills, the copied returns, the sections without drums and the ending, in whole bars', () => {
    expect(discardedSpans(plan(false), 'drums')).toEqual([
      { start: 0, end: 4 },
      { start: 12, end: 16 },
      { start: 20, end: 24 },
      { start: 36, end: 64 },
    ]);
    // A loop has no ending: its last section's bars are the model's.
    expect(discardedSpans(plan(true), 'drums')).toEqual([
      { start: 0, end: 4 },
      { start: 12, end: 16 },
      { start: 20, end: 24 },
      { start: 36, end: 60 },
    ]);
  });

  it('are never heard: the passes give the same drums whether the model wrote those bars or not', () => {
    for (const loop of [false, true]) {
      const spans = discardedSpans(plan(loop), 'drums');
      const all = drumsEveryBeat(64);
      const kept = all.filter((n) => !spans.some((s) => n.start >= s.start && n.start < s.end));
      expect(kept.length).toBeLessThan(all.length);
      expect(passes(kept, SECTIONS, loop)).toEqual(passes(all, SECTIONS, loop));
    }
  });

  it('share the loop and the returns with the passes', () => {
    expect(loopRange(SECTIONS[1], 4)).toEqual({
      groove: { start: 4, end: 12 },
      fill: { start: 12, end: 24 },
    });
    // Four bars loop (groove, one bar of fill, last bar); three do not; nor a section without drums.
    expect(loopRange(section('verse', 0, 16, ['drums']), 4)?.fill).toEqual({ start: 8, end: 12 });
    expect(loopRange(section('verse', 0, 12, ['drums']), 4)).toBeNull();
    expect(loopRange(section('verse', 0, 32, ['bass']), 4)).toBeNull();
    expect(returnOf(SECTIONS, 3)).toEqual({ first: SECTIONS[1], length: 16 });
    expect(returnOf(SECTIONS, 1)).toBeNull();
    expect(returnOf([section('ending', 0, 4, []), section('ending', 4, 8, [])], 1)).toBeNull();
  });

  it("keep a longer return's own bars past the length it shares, and end with a partial last bar", () => {
    const sections = [
      section('chorus', 0, 16, ['drums']),
      section('chorus', 16, 40, ['drums']),
      section('ending', 40, 42, ['drums']),
    ];
    const spans = discardedSpans({ sections, meter: METER, loop: false, beats: 42 }, 'drums');
    // The return copies 0-16 over 16-32 (its groove 16-24 is 0-8); its loop fills 24-36; 36-40 is its own.
    expect(spans).toEqual([
      { start: 8, end: 12 },
      { start: 16, end: 36 },
      { start: 40, end: 42 },
    ]);
    const all = drumsEveryBeat(42);
    const kept = all.filter((n) => !spans.some((s) => n.start >= s.start && n.start < s.end));
    expect(passes(kept, sections, false)).toEqual(passes(all, sections, false));
  });
});

describe("a pitched role's bars the finishing passes replace", () => {
  /** One chord a bar, C F G C over the first verse (4-20) and the second (36-52), but G7 -> A minor at 44-48. */
  const bars = (from: number, roots: number[]): ChordSpan[] =>
    roots.map((root, k) => ({ root, quality: 'maj', start: from + 4 * k, end: from + 4 * k + 4 }));
  const CHORDS: ChordSpan[] = [
    ...bars(0, [0]),
    ...bars(4, [0, 5, 7, 0, 0, 5]),
    ...bars(28, [5, 7]),
    ...bars(36, [0, 5, 9, 0]),
    ...bars(52, [0, 0, 0]),
  ];
  const bass = (loop: boolean) => discardedSpans({ ...plan(loop), chords: CHORDS }, 'bass');
  const passes = (notes: readonly Note[], loop: boolean): string[] => {
    const end = loop ? Infinity : SECTIONS[SECTIONS.length - 1].start;
    return repeatSections(keepPlayingRoles(notes, SECTIONS), SECTIONS, CHORDS)
      .filter((n) => n.start < end)
      .map((n) => `${n.start}:${n.pitch}`)
      .sort();
  };
  const bassEveryBeat = (beats: number): Note[] =>
    Array.from({ length: beats }, (_, b) => note('bass', 30 + (b % 24), b, b + 0.5, { origin: 'model' }));

  it('are the copied bars of a return under the same chords, never a bar whose chord differs, and the ending', () => {
    // The second verse copies 4-20 over 36-52: its bar 44-48 has A where the first had G, so it stays.
    expect(bass(false)).toEqual([
      { start: 36, end: 44 },
      { start: 48, end: 52 },
      { start: 60, end: 64 },
    ]);
    expect(bass(true)).toEqual([
      { start: 36, end: 44 },
      { start: 48, end: 52 },
    ]);
    // A role that does not play in a section is not written there.
    expect(discardedSpans({ ...plan(false), chords: CHORDS }, 'melody')).toEqual([{ start: 0, end: 64 }]);
  });

  it('are never heard: the passes give the same notes whether the model wrote those bars or not', () => {
    for (const loop of [false, true]) {
      const spans = bass(loop);
      const all = bassEveryBeat(64);
      const kept = all.filter((n) => !spans.some((x) => n.start >= x.start && n.start < x.end));
      expect(kept.length).toBeLessThan(all.length);
      expect(passes(kept, loop)).toEqual(passes(all, loop));
    }
  });
});
