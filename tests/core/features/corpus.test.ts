import { describe, expect, it } from 'vitest';
import { GRID, REST } from '../../../core/codec/events';
import { sequenceToMidi } from '../../../core/codec/midi';
import { conditioningVector, STYLES } from '../../../core/conditioning';
import type { Conditioning } from '../../../core/conditioning';
import { styleOfLabel, trustedStyle } from '../../../core/features/annotations';
import { balanceCells, weightOf } from '../../../core/features/balance';
import { encodeRole, prepareCorpusFile } from '../../../core/features/corpus';
import { chordId } from '../../../core/features/chords';
import { familyId } from '../../../core/features/family';
import type { Note, NoteSequence, Role, TrackInfo } from '../../../core/sequence';
import { sortNotes } from '../../../core/sequence';

const info = (name: string, program: number, role: Role, isDrum = false): TrackInfo => ({
  name,
  program,
  isDrum,
  role,
});

/** A band with a sound-effects track: strings pad, guitar, bass, drums, seashore. 16 beats, 4/4, 110 bpm. */
function bandBytes(): Uint8Array {
  const tracks = [
    info('Strings', 48, 'harmony'),
    info('Guitar', 25, 'harmony'),
    info('Bass', 33, 'bass'),
    info('Drums', 0, 'drums', true),
    info('Waves', 122, 'harmony'),
  ];
  const notes: Note[] = [];
  const add = (t: number, pitch: number, start: number, len: number): void => {
    notes.push({
      pitch,
      start,
      end: start + len,
      velocity: 80,
      role: tracks[t].role,
      program: tracks[t].program,
      isDrum: tracks[t].isDrum,
      track: t,
    });
  };
  for (const b of [0, 4, 8, 12]) for (const p of [60, 64, 67]) add(0, p, b, 4);
  for (let b = 0; b < 16; b++) for (const p of [52, 55, 60]) add(1, p, b + 0.5, 0.25);
  for (let b = 0; b < 16; b += 2) add(2, 36, b, 1.5);
  for (let k = 0; k < 32; k++) add(3, k % 2 ? 42 : 36, k / 2, 0.1);
  add(4, 60, 0, 8);
  const seq: NoteSequence = {
    notes: sortNotes(notes),
    tempos: [{ beat: 0, bpm: 110 }],
    timeSignatures: [{ beat: 0, numerator: 4, denominator: 4 }],
    keySignatures: [],
    tracks,
    totalBeats: 16,
  };
  return sequenceToMidi(seq);
}

describe('the corpus pipeline', () => {
  it('gives a note on the beat where an annotated chord starts that chord, when the label starts a hair late', () => {
    const beat = 60 / 110;
    const beats = Array.from({ length: 17 }, (_, k) => ({ time: k * beat, downbeat: k % 4 === 0 }));
    // C major for beats 0-4, then A minor from a millisecond after beat 4 (POP909's labels are rarely on
    // the beat to the sample): the bass note on beat 4 is played under A minor.
    const late = 4 * beat + 0.001;
    const { streams } = prepareCorpusFile({
      id: 'band/late.mid',
      song: 'band/late',
      bytes: bandBytes(),
      beats,
      chordLabels: [
        { start: 0, end: late, label: 'C:maj' },
        { start: late, end: 16 * beat, label: 'A:min' },
      ],
    });
    const bass = streams.find((s) => s.role === 'bass')!;
    let t = 0;
    const chordAt = new Map<number, number>();
    bass.events.forEach((e, i) => {
      t += e.step;
      chordAt.set(t / GRID, bass.chords[i]);
    });
    expect(chordAt.get(0)).toBe(chordId({ root: 0, quality: 'maj' }));
    expect(chordAt.get(2)).toBe(chordId({ root: 0, quality: 'maj' }));
    expect(chordAt.get(4)).toBe(chordId({ root: 9, quality: 'min' }));
    expect(chordAt.get(6)).toBe(chordId({ root: 9, quality: 'min' }));
  });

  it("keeps each note's instrument family in its stream, and leaves a sound-effects track out with its reason", () => {
    const { row, streams } = prepareCorpusFile({
      id: 'band/a.mid',
      song: 'band/a',
      bytes: bandBytes(),
      labels: { style: 'rock', confidence: 'high' },
    });
    const families = Object.fromEntries(
      streams.map((s) => [s.role, [...new Set(s.families)].sort((a, b) => a - b)]),
    );
    expect(families).toEqual({
      harmony: [familyId(25), familyId(48)].sort((a, b) => a - b),
      bass: [familyId(33)],
      drums: [familyId(0, true)],
    });
    const harmony = streams.find((s) => s.role === 'harmony')!;
    expect(harmony.families).toHaveLength(harmony.events.length);
    expect(row.tracks.map((t) => [t.name, t.family, t.role, t.by])).toEqual([
      ['Strings', 'ensemble', 'harmony', 'default'],
      ['Guitar', 'guitar', 'harmony', 'default'],
      ['Bass', 'bass', 'bass', 'track name'],
      ['Drums', 'drums', 'drums', 'channel 10'],
      ['Waves', 'percussive', null, 'sound effects program 122'],
    ]);
    expect(row.notes).toBe(12 + 48 + 8 + 32);
    expect(row.style).toBe('rock');
    expect(row.corpus).toBe('band');
    expect(row.grid).toBe('file');
    expect(row.read).toMatchObject({ repaired: 0, dropped: 0, format: 1 });
    expect(streams.every((s) => s.conditioning.style === 'rock')).toBe(true);
  });

  it('learns a melody as one line when asked: the highest note of each onset, whatever tracks play it', () => {
    // A lead and a riff a third under it (both named as melody), the riff also on a beat of its own.
    const tracks = [info('Melody', 80, 'melody'), info('Riff', 81, 'melody'), info('Bass', 33, 'bass')];
    const at = (t: number, pitch: number, start: number): Note => ({
      pitch,
      start,
      end: start + 1,
      velocity: 80,
      role: tracks[t].role,
      program: tracks[t].program,
      isDrum: false,
      track: t,
    });
    const lead = [72, 74, 76, 77].map((p, b) => at(0, p, b * 2));
    const riff = [
      [69, 0],
      [71, 2],
      [72, 4],
      [74, 5],
    ].map(([p, b]) => at(1, p, b));
    const bass = [0, 2, 4, 6].map((b) => at(2, 36, b));
    const seq: NoteSequence = {
      notes: sortNotes([...lead, ...riff, ...bass]),
      tempos: [{ beat: 0, bpm: 100 }],
      timeSignatures: [{ beat: 0, numerator: 4, denominator: 4 }],
      keySignatures: [],
      tracks,
      totalBeats: 8,
    };
    const input = { id: 'band/two.mid', song: 'band/two', bytes: sequenceToMidi(seq) };
    const pitchesOf = (streams: { role: Role; events: { pitch: number }[] }[]): number[] =>
      streams
        .find((s) => s.role === 'melody')!
        .events.filter((e) => e.pitch !== REST)
        .map((e) => e.pitch);
    // As written (the default): both tracks' notes, the riff's under the lead's where they start together.
    expect(pitchesOf(prepareCorpusFile(input).streams)).toEqual([69, 72, 71, 74, 72, 76, 74, 77]);
    const { row, streams } = prepareCorpusFile({ ...input, melodyLine: true });
    const melody = streams.find((s) => s.role === 'melody')!;
    const pitched = melody.events.filter((e) => e.pitch !== REST);
    expect(pitched.map((e) => e.pitch)).toEqual([72, 74, 76, 74, 77]);
    expect(pitched.map((e) => e.step)).toEqual([0, 2 * GRID, 2 * GRID, GRID, GRID]);
    expect(row.roleNotes).toMatchObject({ melody: 5, bass: 4 });
    expect(streams.find((s) => s.role === 'bass')!.events.filter((e) => e.pitch !== REST)).toHaveLength(4);
    expect(streams.some((s) => s.role === 'harmony')).toBe(false);
    // The notes under the line played by the harmony instead of dropped (--melody-rest harmony).
    const rest = prepareCorpusFile({ ...input, melodyLine: true, melodyRest: 'harmony' });
    expect(pitchesOf(rest.streams)).toEqual([72, 74, 76, 74, 77]);
    const harmony = rest.streams.find((s) => s.role === 'harmony')!;
    expect(harmony.events.filter((e) => e.pitch !== REST).map((e) => e.pitch)).toEqual([69, 71, 72]);
    expect(rest.row.roleNotes).toMatchObject({ melody: 5, harmony: 3, bass: 4 });
  });

  it("takes a whole file's labelled key (MMA's labels) over the key finder, and timed key labels over it", () => {
    const keyOf = (input: {
      keyLabel?: string;
      keyLabels?: { start: number; end: number; label: string }[];
    }) =>
      prepareCorpusFile({ id: 'band/k.mid', song: 'band/k', bytes: bandBytes(), ...input }).streams.map(
        (s) => s.conditioning.key,
      );
    const found = keyOf({})[0];
    const labelled = keyOf({ keyLabel: 'F#:min' });
    expect(labelled.every((k) => k.tonic === 6 && k.mode === 'minor')).toBe(true);
    expect(found).not.toEqual(labelled[0]);
    const timed = keyOf({ keyLabel: 'F#:min', keyLabels: [{ start: 0, end: 10, label: 'Eb:maj' }] });
    expect(timed.every((k) => k.tonic === 3 && k.mode === 'major')).toBe(true);
    // A label that names no key leaves the key to the key finder.
    expect(keyOf({ keyLabel: 'none' })[0]).toEqual(found);
  });

  it('gives a rest event the family of the note it leads to', () => {
    const n = (pitch: number, start: number, program: number): Note => ({
      pitch,
      start,
      end: start + 1,
      velocity: 80,
      role: 'harmony',
      program,
      isDrum: false,
    });
    const { events, families } = encodeRole([n(60, 0, 0), n(62, 10, 48)], []);
    expect(events.map((e) => e.pitch)).toEqual([60, REST, REST, 62]);
    expect(families).toEqual([familyId(0), familyId(48), familyId(48), familyId(48)]);
  });

  it('trains a file without a trustworthy style label as style unknown, and says why', () => {
    const low = prepareCorpusFile({
      id: 'c/a.mid',
      song: 'c/a',
      bytes: bandBytes(),
      labels: { style: 'jazz', confidence: 'low' },
    });
    expect([low.row.style, low.row.styleLabel, low.row.styleDistrust]).toEqual([
      'unknown',
      'jazz',
      'low confidence',
    ]);
    expect(low.streams.every((s) => s.conditioning.style === 'unknown')).toBe(true);
    // An unknown style sets no style one-hot in the model's conditioning vector.
    const v = conditioningVector(low.streams[0].conditioning as unknown as Conditioning);
    expect(v.slice(9, 9 + STYLES.length).every((x) => x === 0)).toBe(true);
    const none = prepareCorpusFile({ id: 'c/b.mid', song: 'c/b', bytes: bandBytes() });
    expect([none.row.style, none.row.styleLabel]).toEqual(['unknown', null]);
  });

  it('records a file without a trustworthy beat grid, with its features, but writes no streams for it', () => {
    const reason = 'the labels give no tempo and no meter: no trustworthy beat grid';
    const { row, streams } = prepareCorpusFile({
      id: 'mus/e1.mid',
      song: 'mus/e1',
      bytes: bandBytes(),
      noGrid: reason,
      labels: { style: 'cinematic' },
    });
    expect(streams).toEqual([]);
    expect([row.grid, row.noStreams, row.events]).toEqual(['none', reason, {}]);
    expect(row.roleNotes).toEqual({ harmony: 60, bass: 8, drums: 32 });
    expect(row.seconds).toBeCloseTo((16 * 60) / 110, 4);
  });
});

describe('style labels', () => {
  it("map corpus labels onto the model's styles, unknown when none fits", () => {
    expect(
      ['jazz/funk', 'afrocuban', 'hip-hop', 'Hip Hop', 'Rock', 'middleeastern', '', undefined].map(
        styleOfLabel,
      ),
    ).toEqual(['jazz', 'latin', 'hiphop', 'hiphop', 'rock', 'unknown', 'unknown', 'unknown']);
  });
  it("trust a label unless it is unknown, of low confidence, or a later recording's genre", () => {
    expect(trustedStyle({ style: 'pop', confidence: 'medium' })).toEqual({ style: 'pop', trusted: true });
    expect(trustedStyle({ style: 'pop', confidence: 'low' }).style).toBe('unknown');
    expect(trustedStyle({ style: 'rock', basis: 'Discogs style "Rock & Roll"' })).toEqual({
      style: 'unknown',
      trusted: false,
      why: 'genre of later recordings (Discogs)',
    });
    expect(trustedStyle({ style: 'unknown' }).why).toBe('label "unknown"');
  });
});

describe('balance weights', () => {
  const item = (corpus: string, style: string, events: number, split: 'train' | 'valid' = 'train') => ({
    corpus,
    style,
    split,
    events,
    seconds: events / 4,
  });
  it('temper the big cells: the shares after weighting sum to 1 and the mean weight per event is 1', () => {
    const items = [
      ...Array.from({ length: 90 }, () => item('pop909', 'unknown', 1000)),
      ...Array.from({ length: 10 }, () => item('mma', 'reggae', 100)),
      ...Array.from({ length: 20 }, () => item('mma', 'rock', 200)),
      item('mma', 'rock', 5000, 'valid'),
    ];
    const cells = balanceCells(items);
    expect(cells.map((c) => [c.corpus, c.style, c.files, c.events])).toEqual([
      ['mma', 'reggae', 10, 1000],
      ['mma', 'rock', 20, 4000],
      ['pop909', 'unknown', 90, 90_000],
    ]);
    expect(cells.reduce((s, c) => s + c.after, 0)).toBeCloseTo(1, 12);
    expect(cells.reduce((s, c) => s + c.weight * c.events, 0)).toBeCloseTo(95_000, 6);
    const pop = cells[2];
    expect(pop.before).toBeCloseTo(90 / 95, 12);
    // Square roots of the style sizes: 300 : 63.2 : 31.6.
    expect(pop.after).toBeCloseTo(300 / (300 + Math.sqrt(4000) + Math.sqrt(1000)), 12);
    expect(weightOf(cells, 'mma', 'reggae')).toBeGreaterThan(weightOf(cells, 'mma', 'rock'));
    expect(weightOf(cells, 'mma', 'rock')).toBeGreaterThan(1);
    expect(weightOf(cells, 'pop909', 'unknown')).toBeLessThan(1);
    expect(weightOf(cells, 'nowhere', 'pop')).toBe(1);
  });
  it('split the share of a style between its corpora by the square root of their size', () => {
    const cells = balanceCells([item('a', 'rock', 900), item('b', 'rock', 100)]);
    expect(cells.map((c) => c.after)).toEqual([0.75, 0.25]);
  });
});
