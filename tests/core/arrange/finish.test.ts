import { describe, expect, it } from 'vitest';
import {
  keepPlayingRoles,
  loopDrums,
  mendClashes,
  quantizeDrums,
  repeatSections,
  strongBeats,
} from '../../../core/arrange/finish';
import type { ChordSpan } from '../../../core/features/chords';
import type { Note, Role } from '../../../core/sequence';
import { note as makeNote, provenanceTags as tags, section } from '../../helpers/notes';

const note = (role: Role, pitch: number, start: number, end: number, velocity = 80): Note =>
  makeNote(role, pitch, start, end, { velocity });
const C: ChordSpan = { root: 0, quality: 'maj', start: 0, end: 4 };
const G: ChordSpan = { root: 7, quality: 'maj', start: 4, end: 8 };

describe('finishing the raw notes', () => {
  it('keeps each role to its sections', () => {
    const sections = [section('intro', 0, 4, ['harmony']), section('verse', 4, 8, ['harmony', 'melody'])];
    const out = keepPlayingRoles(
      [note('melody', 72, 1, 2), note('harmony', 60, 3, 6), note('melody', 74, 5, 6)],
      sections,
    );
    expect(out.map((n) => [n.role, n.start, n.end])).toEqual([
      ['harmony', 3, 6],
      ['melody', 5, 6],
    ]);
  });

  it('repeats a returning section note for note, and only a returning one of the same script part', () => {
    const all: Role[] = ['melody', 'bass'];
    const sections = [
      section('verse', 0, 8, all),
      section('chorus', 8, 16, all),
      section('verse', 16, 20, all),
      { ...section('verse', 20, 28, all), segment: 1 },
    ];
    const notes = [
      note('melody', 72, 1, 3),
      note('melody', 74, 5, 9), // held over into the chorus
      note('melody', 76, 10, 11),
      note('melody', 60, 17, 18), // the second verse's own note: replaced
      note('bass', 40, 21, 22), // another script part's verse: kept
    ];
    const out = repeatSections(notes, sections)
      .map((n) => [n.pitch, n.start, n.end])
      .sort((a, b) => a[1] - b[1]);
    expect(out).toEqual([
      [72, 1, 3],
      [74, 5, 9],
      [76, 10, 11],
      [72, 17, 19],
      [40, 21, 22],
    ]);
  });

  it("copies a pitched note only under the same chord; under another chord the model's own notes stay", () => {
    const all: Role[] = ['bass', 'drums'];
    const sections = [section('verse', 0, 8, all), section('verse', 8, 16, all)];
    // The second verse turns to G in its second bar (a cadence) where the first stayed on F.
    const F: ChordSpan = { root: 5, quality: 'maj', start: 4, end: 8 };
    const chords = [C, F, { ...C, start: 8, end: 12 }, { ...G, start: 12, end: 16 }];
    const notes = [
      note('bass', 36, 0, 1),
      note('bass', 41, 4, 5),
      note('drums', 36, 4, 4.25),
      note('bass', 48, 8, 9), // the second verse's own note under C: replaced by the copy
      note('bass', 43, 12, 13), // its own note under G: kept
    ];
    const rows = (ns: Note[]) =>
      ns.map((n) => [n.pitch, n.start, n.origin ?? null]).sort((a, b) => +a[1]! - +b[1]!);
    expect(rows(repeatSections(notes, sections, chords))).toEqual([
      [36, 0, null],
      [41, 4, null],
      [36, 4, null],
      [36, 8, 'copy'],
      [43, 12, null],
      [36, 12, 'copy'], // drums repeat under any chord
    ]);
    // Without the chords, the whole section is copied, as before.
    expect(rows(repeatSections(notes, sections)).filter((r) => +r[1]! >= 8)).toEqual([
      [36, 8, 'copy'],
      [41, 12, 'copy'],
      [36, 12, 'copy'],
    ]);
  });

  it('loops the first two bars of drums through a section, leaving its last bar as it was', () => {
    const groove = [note('drums', 36, 0, 0.25), note('drums', 38, 5, 5.25)];
    const later = [note('drums', 42, 9, 9.25), note('drums', 49, 12, 12.25), note('drums', 38, 14.5, 14.75)];
    const out = loopDrums([...groove, ...later], [section('verse', 0, 16, ['drums'])], 4);
    expect(out.map((n) => [n.pitch, n.start]).sort((a, b) => a[1] - b[1])).toEqual([
      [36, 0],
      [38, 5],
      [36, 8],
      [49, 12], // the last bar keeps its own (the copy's snare at 13 falls in it: left out)
      [38, 14.5],
    ]);
  });

  it('puts drums on the sixteenth grid and merges hits that land together', () => {
    const out = quantizeDrums(
      [note('drums', 36, 0.02, 0.2), note('drums', 36, 0.04, 0.2), note('drums', 42, 0.3, 0.4)],
      false,
    );
    expect(out.map((n) => [n.pitch, n.start])).toEqual([
      [36, 0],
      [42, 0.25],
    ]);
  });

  it('keeps swung drums on the triplet grid, section by section, and straight ones on sixteenths', () => {
    const swung = [0, 2 / 3 + 0.01, 1, 5 / 3, 2.4].map((t) => note('drums', 42, t, t + 0.1));
    const straight = [4, 4.26, 4.75, 5.3].map((t) => note('drums', 42, t, t + 0.1));
    const out = quantizeDrums([...swung, ...straight], false, [
      section('verse', 0, 4, ['drums']),
      section('chorus', 4, 8, ['drums']),
    ]);
    const starts = out.map((n) => Math.round(n.start * 12) / 12);
    // 2.4 is nearer the swung eighth 2 + 1/3 than a sixteenth; in the straight chorus 5.3 goes to 5.25.
    expect(starts).toEqual([0, 2 / 3, 1, 5 / 3, 7 / 3, 4, 4.25, 4.75, 5.25]);
    // The whole piece as one stretch: straight wins there only when sixteenths outnumber triplets.
    expect(quantizeDrums(swung, false).map((n) => n.start)).toEqual([0, 2 / 3, 1, 5 / 3, 7 / 3]);
  });

  it('mends minor seconds on strong beats: a new note moves to a chord tone, a held one stops', () => {
    expect(strongBeats(8, { numerator: 4, denominator: 4 })).toEqual([0, 2, 4, 6]);
    expect(strongBeats(6, { numerator: 3, denominator: 4 })).toEqual([0, 3]);
    const out = mendClashes(
      [note('harmony', 60, 0, 4), note('melody', 61, 0, 1), note('bass', 43, 4, 8), note('melody', 66, 3, 5)],
      [C, G],
      [0, 2, 4, 6],
    );
    expect(out[1].pitch).toBe(60); // C# over C major -> C
    expect(out[3]).toMatchObject({ pitch: 66, end: 4 }); // F# held into G (B/D/G) against G: stops at 4
  });

  it("keeps a minor key's leading tone where the chord is V: a chord tone is never mended", () => {
    // A minor, E major chord: G# (the leading tone) against A is a minor second; G# is the chord's, A is not.
    const E: ChordSpan = { root: 4, quality: 'maj', start: 0, end: 4 };
    const out = mendClashes([note('melody', 68, 0, 1), note('harmony', 69, 0, 2)], [E], [0, 2]);
    expect(out[0]).toMatchObject({ pitch: 68 });
    expect(out[0].origin).toBeUndefined();
    expect(out[1]).toMatchObject({ pitch: 68, origin: 'mended', by: 'clash' });
  });
});

describe('provenance of every finished note', () => {
  const model = (n: Note): Note => ({ ...n, origin: 'model' });

  it('marks repeated sections and drum loops as copies, and leaves the originals as the model wrote them', () => {
    const all: Role[] = ['melody', 'drums'];
    const sections = [
      section('verse', 0, 16, all),
      section('chorus', 16, 20, all),
      section('verse', 20, 24, all),
    ];
    const repeated = repeatSections([model(note('melody', 72, 1, 2))], sections);
    expect(tags(repeated)).toEqual([
      [72, 1, 'model', null],
      [72, 21, 'copy', 'repeat'],
    ]);
    const looped = loopDrums([model(note('drums', 36, 0, 0.25))], sections, 4);
    expect(tags(looped)).toEqual([
      [36, 0, 'model', null],
      [36, 8, 'copy', 'drum-loop'],
    ]);
  });

  it('marks notes that a pass moves or shortens as mended by that pass, and copies stay copies', () => {
    const q = quantizeDrums(
      [
        model(note('drums', 36, 0.02, 0.2)),
        model(note('drums', 42, 0.5, 0.6)),
        { ...note('drums', 38, 1.1, 1.2), origin: 'copy', by: 'drum-loop' },
      ],
      false,
    );
    expect(tags(q)).toEqual([
      [36, 0, 'mended', 'quantize'],
      [42, 0.5, 'model', null], // on the grid already: untouched
      [38, 1, 'copy', 'drum-loop'],
    ]);
    const clash = mendClashes(
      [
        model(note('harmony', 60, 0, 4)),
        model(note('melody', 61, 0, 1)),
        model(note('melody', 66, 3, 5)),
        model(note('bass', 43, 4, 8)),
      ],
      [C, G],
      [0, 2, 4, 6],
    );
    expect(tags(clash)).toEqual([
      [60, 0, 'model', null],
      [60, 0, 'mended', 'clash'],
      [66, 3, 'mended', 'clash'],
      [43, 4, 'model', null],
    ]);
    const cut = keepPlayingRoles(
      [model(note('melody', 72, 3, 6)), model(note('melody', 74, 1, 2))],
      [section('verse', 0, 4, ['melody']), section('bridge', 4, 8, ['harmony'])],
    );
    expect(tags(cut)).toEqual([
      [74, 1, 'model', null],
      [72, 3, 'mended', 'sections'],
    ]);
  });
});
