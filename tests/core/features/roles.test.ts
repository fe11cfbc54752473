import { describe, expect, it } from 'vitest';
import { readMidi, sequenceToMidi } from '../../../core/codec/midi';
import { placeTracks, profileTrack, splitPianoRoles } from '../../../core/features/roles';
import type { Note, NoteSequence, Role, TrackInfo } from '../../../core/sequence';
import { sortNotes } from '../../../core/sequence';
import type { Ev } from '../../fixtures/smf';
import { name, off, on, program, smf, track } from '../../fixtures/smf';

const note = (
  pitch: number,
  start: number,
  len: number,
  track: number,
  t: TrackInfo,
  velocity = 80,
): Note => ({
  pitch,
  start,
  end: start + len,
  velocity,
  role: t.role,
  program: t.program,
  isDrum: t.isDrum,
  track,
});

function piece(tracks: TrackInfo[], parts: ((t: TrackInfo, i: number) => Note[])[]): NoteSequence {
  const notes = sortNotes(parts.flatMap((p, i) => p(tracks[i], i)));
  return {
    notes,
    tempos: [{ beat: 0, bpm: 100 }],
    timeSignatures: [{ beat: 0, numerator: 4, denominator: 4 }],
    keySignatures: [{ beat: 0, tonic: 7, mode: 'major' }],
    tracks,
    totalBeats: 16,
  };
}

const info = (n: string, program: number, role: Role, isDrum = false): TrackInfo => ({
  name: n,
  program,
  isDrum,
  role,
});

/** A band: a string pad, a strummed guitar, a bass guitar and drums, 16 beats in G. */
function band(): NoteSequence {
  const tracks = [
    info('Strings', 48, 'harmony'),
    info('Guitar', 25, 'harmony'),
    info('Bass', 33, 'bass'),
    info('Drums', 0, 'drums', true),
  ];
  return piece(tracks, [
    (t, i) => [0, 4, 8, 12].flatMap((b) => [55, 59, 62].map((p) => note(p, b, 4, i, t, 60))),
    (t, i) =>
      Array.from({ length: 16 }, (_, b) =>
        [55, 59, 62, 67].map((p) => note(p, b + 0.5, 0.25, i, t, 70)),
      ).flat(),
    (t, i) => Array.from({ length: 16 }, (_, b) => note(b % 2 ? 38 : 43, b, 0.9, i, t, 90)),
    (t, i) =>
      Array.from({ length: 32 }, (_, k) =>
        note(k % 4 === 0 ? 36 : k % 4 === 2 ? 38 : 42, k / 2, 0.1, i, t, 100),
      ),
  ]);
}

/** Round-trips a sequence through the writer and the reader; every note field must come back. */
function expectRoundTrip(seq: NoteSequence): NoteSequence {
  const back = readMidi(sequenceToMidi(seq)).sequence;
  expect(back.notes).toHaveLength(seq.notes.length);
  expect(back.tracks).toEqual(seq.tracks);
  const key = (n: Note): string => `${n.track}:${n.start}:${n.pitch}`;
  const mine = new Map(seq.notes.map((n) => [key(n), n]));
  for (const b of back.notes) {
    const n = mine.get(key(b))!;
    expect(n).toBeDefined();
    expect([b.pitch, b.start, b.end, b.velocity, b.program, b.isDrum, b.role]).toEqual([
      n.pitch,
      n.start,
      n.end,
      n.velocity,
      n.program,
      n.isDrum,
      n.role,
    ]);
  }
  expect(back.tempos).toEqual(seq.tempos);
  expect(back.keySignatures).toEqual(seq.keySignatures);
  return back;
}

describe('role assignment and round trips on a band, a chorale and a lead sheet', () => {
  it('a band file: drums on channel 10, bass by program, the strings pad and the strummed guitar harmony', () => {
    const seq = band();
    expectRoundTrip(seq);
    const { placements } = readMidi(sequenceToMidi(seq));
    expect(placements.map((p) => (p.role ? `${p.role} (${p.by})` : p.reason))).toEqual([
      'harmony (default)',
      'harmony (default)',
      'bass (track name)',
      'drums (channel 10)',
    ]);
  });

  it('a chorale on one channel: the voices are placed by their names (Soprano, Alto, Tenor, Bass)', () => {
    const voices: [string, number][] = [
      ['Soprano', 72],
      ['Alto', 67],
      ['Tenor', 60],
      ['Bass', 48],
    ];
    const line = (base: number): Ev[] =>
      Array.from({ length: 16 }, (_, i): Ev[] => [
        [0, ...on(0, base + ((i * 2) % 5))],
        [96, ...off(0, base + ((i * 2) % 5))],
      ]).flat();
    const chunks = voices.map(([voice, base]) => track([[0, ...name(voice)], ...line(base)]));
    const named = readMidi(smf(1, 96, chunks));
    expect(named.sequence.tracks.map((t) => [t.name, t.role])).toEqual([
      ['Soprano', 'melody'],
      ['Alto', 'harmony'],
      ['Tenor', 'harmony'],
      ['Bass', 'bass'],
    ]);
    // The program rule alone would call all four voices harmony (they are all piano on channel 1); without
    // names, the lowest single line is the bass and the highest the melody.
    const unnamed = readMidi(
      smf(
        1,
        96,
        chunks.map((c) => c.slice(name('Soprano').length + 1)),
      ),
    );
    expect(unnamed.sequence.tracks.map((t) => t.role)).toEqual(['melody', 'harmony', 'harmony', 'bass']);
    expect(unnamed.placements.map((p) => (p.role ? p.by : ''))).toEqual([
      'top line',
      'default',
      'default',
      'lowest line',
    ]);
    expectRoundTrip(named.sequence);
    // Written in any track order, the tracks come back in that order.
    const reversed = named.sequence;
    const order = [3, 1, 2, 0];
    expectRoundTrip({
      ...reversed,
      tracks: order.map((i) => reversed.tracks[i]),
      notes: reversed.notes.map((n) => ({ ...n, track: order.indexOf(n.track!) })),
    });
  });

  it('a lead sheet: Melody and Chords tracks, both piano, are melody and harmony; the chords lend no bass', () => {
    const tracks = [info('Melody', 0, 'melody'), info('Chords', 0, 'harmony')];
    const seq = piece(tracks, [
      (t, i) => Array.from({ length: 16 }, (_, b) => note(67 + (b % 5), b, 1, i, t)),
      (t, i) => [0, 4, 8, 12].flatMap((b) => [43, 55, 59, 62].map((p) => note(p, b, 4, i, t, 60))),
    ]);
    const { sequence, placements } = readMidi(sequenceToMidi(seq));
    expect(sequence.tracks.map((t) => [t.name, t.role])).toEqual([
      ['Melody', 'melody'],
      ['Chords', 'harmony'],
    ]);
    expect(placements.some((p) => p.role !== null && p.splitLow)).toBe(false);
    expectRoundTrip(seq);
  });

  it('finds a bass played by a tuba (the lowest sustained line) or by a piano left hand', () => {
    const profile = (n: string, prog: number, pitches: number[], chords = false) =>
      profileTrack(
        n,
        false,
        pitches.flatMap((p, i) =>
          (chords ? [p, p + 4, p + 7] : [p]).map((q) => note(q, i, 0.9, 0, info(n, prog, 'harmony'))),
        ),
      );
    const drums = profileTrack('Drums', true, [note(36, 0, 0.1, 0, info('Drums', 0, 'drums', true))]);
    const march = placeTracks([
      profile('Trumpet', 56, [72, 74, 76, 77, 79, 77, 76, 74], true),
      profile('Tuba', 58, [36, 43, 36, 43, 41, 48, 36, 43]),
      drums,
    ]);
    expect(march.map((p) => (p.role ? `${p.role} ${p.by}` : p.reason))).toEqual([
      'harmony default',
      'bass lowest line',
      'drums channel 10',
    ]);
    const ballad = placeTracks([profile('Piano', 0, [48, 50, 52, 53, 55, 53, 52, 50], true), drums]);
    expect(ballad[0]).toEqual({ role: 'harmony', by: 'lowest line', splitLow: true });
    // Solo piano in two hands (no drums, no melody): the left hand is the bass, the right hand's top line
    // the melody; the bass keeps its notes.
    const hands = placeTracks([
      profile('Piano', 0, [60, 62, 64, 65, 67, 65, 64, 62], true),
      profile('Piano', 0, [36, 38, 40, 41, 43, 41, 40, 38]),
    ]);
    expect(hands).toEqual([
      { role: 'harmony', by: 'default', splitTop: true },
      { role: 'bass', by: 'lowest line' },
    ]);
  });

  it('takes a riff in a lead voice as melody (also on a track named Bass) and leaves sound effects out', () => {
    const line = (n: string, prog: number, base: number) =>
      profileTrack(
        n,
        false,
        Array.from({ length: 16 }, (_, i) => note(base + (i % 7), i / 2, 0.4, 0, info(n, prog, 'harmony'))),
      );
    const placed = placeTracks([line('Bass-Sax', 65, 70), line('Bass', 58, 36), line('Seashore', 122, 60)]);
    expect(placed).toEqual([
      { role: 'melody', by: 'lead voice' },
      { role: 'bass', by: 'track name' },
      { role: null, reason: 'sound effects program 122' },
    ]);
  });

  it('splits a piano into bass, harmony and a skyline melody', () => {
    const n = (pitch: number, start: number): Note => ({
      ...note(pitch, start, 1, 0, info('p', 0, 'harmony')),
    });
    const out = splitPianoRoles([n(40, 0), n(60, 0), n(72, 0), n(55, 1)], { skyline: true });
    expect(out.map((x) => x.role)).toEqual(['bass', 'harmony', 'melody', 'harmony']);
    expect(splitPianoRoles([n(40, 0), n(72, 0)], { low: false, skyline: true }).map((x) => x.role)).toEqual([
      'harmony',
      'melody',
    ]);
  });
});

// Program numbers are kept per note even when a chunk never names its instrument (GM program 0 default).
describe('programs of unnamed parts', () => {
  it('a part with no program change is piano (GM 0)', () => {
    const bytes = smf(0, 96, [
      track([
        [0, ...program(1, 0)],
        [0, ...on(0, 60)],
        [96, ...off(0, 60)],
      ]),
    ]);
    expect(readMidi(bytes).sequence.notes[0].program).toBe(0);
  });
});
