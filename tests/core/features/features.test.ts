import { describe, expect, it } from 'vitest';
import { retimeToBeats, tempoOfBeats } from '../../../core/codec/beatgrid';
import { parseBeats, parseCsv, parseKeyLabel, parseTimedLabels } from '../../../core/features/annotations';
import { trackBeats } from '../../../core/features/beats';
import { chordFromId, chordId, estimateChords, parseChordSymbol } from '../../../core/features/chords';
import { td11ToGm } from '../../../core/features/drums';
import { findKey, isSameOrRelative } from '../../../core/features/key';
import { splitPianoRoles } from '../../../core/features/roles';
import type { Note } from '../../../core/sequence';
import { emptySequence } from '../../../core/sequence';

const note = (pitch: number, start: number, end = start + 1): Note => ({
  pitch,
  start,
  end,
  velocity: 80,
  role: 'harmony',
  program: 0,
  isDrum: false,
});

describe('key finding (Krumhansl-Schmuckler)', () => {
  it('finds every major and minor key of a scale with its tonic triad stressed', () => {
    for (let tonic = 0; tonic < 12; tonic++)
      for (const mode of ['major', 'minor'] as const) {
        const steps = mode === 'major' ? [0, 2, 4, 5, 7, 9, 11] : [0, 2, 3, 5, 7, 8, 10];
        const notes = steps.map((s, i) => note(60 + tonic + s, i));
        for (const s of [0, mode === 'major' ? 4 : 3, 7]) notes.push(note(48 + tonic + s, 0, 8));
        expect(findKey(notes)).toMatchObject({ tonic, mode });
      }
  });
  it('knows relative keys', () => {
    expect(isSameOrRelative({ tonic: 0, mode: 'major' }, { tonic: 9, mode: 'minor' })).toBe(true);
    expect(isSameOrRelative({ tonic: 0, mode: 'major' }, { tonic: 2, mode: 'minor' })).toBe(false);
  });
});

describe('annotations', () => {
  it('parses POP909 beat, key and chord files and quoted CSV', () => {
    expect(parseBeats('0.5 1.0 1.0\n1.0 0.0 0.0\n\nbad line\n')).toEqual([
      { time: 0.5, downbeat: true },
      { time: 1, downbeat: false },
    ]);
    expect(parseTimedLabels('0.0 2.5 Gb:maj\n2.5 3 N\n')).toEqual([
      { start: 0, end: 2.5, label: 'Gb:maj' },
      { start: 2.5, end: 3, label: 'N' },
    ]);
    expect(parseKeyLabel('Gb:maj')).toEqual({ tonic: 6, mode: 'major' });
    expect(parseKeyLabel('C#:min')).toEqual({ tonic: 1, mode: 'minor' });
    expect(parseCsv('a,b\n1,"x, y"\n')).toEqual([{ a: '1', b: 'x, y' }]);
  });
  it('parses chord symbols into the vocabulary and back', () => {
    expect(parseChordSymbol('C:maj7')).toEqual({ root: 0, quality: 'maj' });
    expect(parseChordSymbol('A:min/b3')).toEqual({ root: 9, quality: 'min' });
    expect(parseChordSymbol('B:hdim7')).toEqual({ root: 11, quality: 'dim' });
    expect(parseChordSymbol('G:sus4(b7)')).toEqual({ root: 7, quality: 'sus' });
    expect(parseChordSymbol('N')).toBeNull();
    for (let id = 1; id < 61; id++) expect(chordId(chordFromId(id))).toBe(id);
  });
  it('estimates chords by template matching', () => {
    const notes = [
      note(60, 0, 2),
      note(64, 0, 2),
      note(67, 0, 2),
      note(57, 2, 4),
      note(60, 2, 4),
      note(64, 2, 4),
    ];
    expect(estimateChords(notes, 4).map((c) => [c.root, c.quality])).toEqual([
      [0, 'maj'],
      [9, 'min'],
    ]);
  });
});

describe('beats', () => {
  it('tracks the beat of an off-grid performance at 96 bpm', () => {
    const period = 60 / 96;
    const onsets = Array.from({ length: 64 }, (_, i) => ({
      time: 0.3 + i * period + ((i * 13) % 7) * 0.004,
      strength: i % 4 === 0 ? 1 : 0.6,
    }));
    const beats = trackBeats(onsets);
    expect(tempoOfBeats(beats.map((b) => b.time))!).toBeCloseTo(96, -0.5);
  });
  it('re-times notes onto annotated beats', () => {
    const seq = emptySequence(120);
    seq.notes = [note(60, 1, 2), note(62, 3, 4)];
    const beats = [0, 1, 2, 3, 4, 5].map((t, i) => ({ time: t * 0.75, downbeat: i % 4 === 0 }));
    const out = retimeToBeats(seq, beats);
    expect(out.notes.map((n) => [n.start, n.end])).toEqual([
      [2 / 3, 4 / 3],
      [2, 8 / 3],
    ]);
    expect(out.tempos).toEqual([{ beat: 0, bpm: 80 }]);
  });
});

describe('roles and drums', () => {
  it('splits a piano into bass, harmony and a skyline melody', () => {
    const out = splitPianoRoles([note(40, 0), note(60, 0), note(72, 0), note(55, 1)], { skyline: true });
    expect(out.map((n) => n.role)).toEqual(['bass', 'harmony', 'melody', 'harmony']);
  });
  it('maps TD-11 edge notes to General MIDI', () => {
    expect([22, 26, 58, 36, 20].map(td11ToGm)).toEqual([42, 46, 43, 36, null]);
  });
});
