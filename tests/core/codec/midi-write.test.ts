import midiFile from 'midi-file';
import { describe, expect, it } from 'vitest';
import { readMidi, sequenceToMidi } from '../../../core/codec/midi';
import type { Note, NoteSequence, TrackInfo } from '../../../core/sequence';
import type { Ev } from '../../fixtures/smf';
import { off, on, smf, tempo, track } from '../../fixtures/smf';
import { bandFixture } from '../../fixtures/sequences';

const sequence = (notes: Note[], tracks: TrackInfo[]): NoteSequence => ({
  notes,
  tempos: [{ beat: 0, bpm: 120 }],
  timeSignatures: [{ beat: 0, numerator: 4, denominator: 4 }],
  keySignatures: [],
  tracks,
  totalBeats: Math.max(...notes.map((n) => n.end)),
});

/** Tempo events (microseconds per quarter) of written bytes, read by an independent parser. */
const rawTempos = (bytes: Uint8Array): number[] =>
  midiFile
    .parseMidi(bytes)
    .tracks.flat()
    .flatMap((e) => (e.type === 'setTempo' ? [e.microsecondsPerBeat] : []));

describe('writing MIDI files', () => {
  it('keeps every tempo to the microsecond through read and write', () => {
    const mpqs = [500_001, 428_571, 333_333, 1_000_003, 618_557];
    const events: Ev[] = mpqs.map((m, i) => [i === 0 ? 0 : 96, ...tempo(m)]);
    const file = smf(0, 96, [track([...events, [0, ...on(0, 60)], [96, ...off(0, 60)]])]);
    const again = sequenceToMidi(readMidi(file).sequence);
    expect(rawTempos(again)).toEqual(mpqs);
    expect(rawTempos(sequenceToMidi(readMidi(again).sequence))).toEqual(mpqs);
  });

  it('writes key signatures in time order, whatever order the sequence lists them in', () => {
    const seq = bandFixture();
    seq.keySignatures = [
      { beat: 16, tonic: 9, mode: 'minor' },
      { beat: 0, tonic: 2, mode: 'major' },
      { beat: 8, tonic: 7, mode: 'major' },
    ];
    expect(readMidi(sequenceToMidi(seq)).sequence.keySignatures).toEqual([
      { beat: 0, tonic: 2, mode: 'major' },
      { beat: 8, tonic: 7, mode: 'major' },
      { beat: 16, tonic: 9, mode: 'minor' },
    ]);
  });

  it('gives more than 15 instruments channels without losing any note its program', () => {
    const tracks: TrackInfo[] = Array.from({ length: 20 }, (_, t) => ({
      name: `part ${t}`,
      program: 40 + t,
      isDrum: false,
      role: t === 0 ? 'melody' : t === 19 ? 'bass' : 'harmony',
    }));
    // Every part plays at once, all the time, some on the same ticks: channels must be shared.
    const notes: Note[] = tracks.flatMap((info, t) =>
      Array.from({ length: 8 }, (_, i) => ({
        pitch: 48 + t + (i % 3),
        start: i + (t % 4) / 4,
        end: i + 1.5,
        velocity: 60 + t,
        role: info.role,
        program: info.program,
        isDrum: false,
        track: t,
      })),
    );
    const back = readMidi(sequenceToMidi(sequence(notes, tracks))).sequence;
    expect(back.tracks.map((t) => [t.name, t.program])).toEqual(tracks.map((t) => [t.name, t.program]));
    const byTrack = (s: NoteSequence, t: number): [number, number, number, number][] =>
      s.notes.filter((n) => n.track === t).map((n) => [n.pitch, n.start, n.end, n.program]);
    for (let t = 0; t < 20; t++) expect(byTrack(back, t)).toEqual(byTrack(sequence(notes, tracks), t));
    const channels = new Set(
      midiFile
        .parseMidi(sequenceToMidi(sequence(notes, tracks)))
        .tracks.flat()
        .flatMap((e) => (e.type === 'noteOn' ? [e.channel] : [])),
    );
    expect(channels.size).toBe(15);
    expect(channels.has(9)).toBe(false);
  });

  it('writes a program change before each note whose program differs from the one before (a track that changes instrument)', () => {
    const tracks: TrackInfo[] = [{ name: 'switch', program: 0, isDrum: false, role: 'harmony' }];
    const notes: Note[] = [0, 24, 0, 73].map((p, i) => ({
      pitch: 60 + i,
      start: i,
      end: i + 2,
      velocity: 80,
      role: 'harmony',
      program: p,
      isDrum: false,
      track: 0,
    }));
    const bytes = sequenceToMidi(sequence(notes, tracks));
    const changes = midiFile
      .parseMidi(bytes)
      .tracks.flat()
      .flatMap((e) => (e.type === 'programChange' ? [e.programNumber] : []));
    expect(changes).toEqual([0, 24, 0, 73]);
    expect(readMidi(bytes).sequence.notes.map((n) => n.program)).toEqual([0, 24, 0, 73]);
  });

  it('writes a file an independent parser reads event for event, each track once', () => {
    const seq = bandFixture();
    const parsed = midiFile.parseMidi(sequenceToMidi(seq, { name: 'Band – take 1' }));
    expect(parsed.header).toMatchObject({ format: 1, numTracks: 5, ticksPerBeat: 480 });
    const names = parsed.tracks.map((t) => t.find((e) => e.type === 'trackName'));
    expect(names.map((e) => (e && 'text' in e ? e.text : ''))).toEqual([
      'Band â\u0080\u0093 take 1', // midi-file decodes bytes as Latin-1; ours are UTF-8
      'melody',
      'harmony',
      'bass',
      'drums',
    ]);
    expect(readMidi(sequenceToMidi(seq, { name: 'Band – take 1' })).sequence.meta).toEqual({
      name: 'Band – take 1',
    });
    const noteOns = parsed.tracks.flat().filter((e) => e.type === 'noteOn').length;
    expect(noteOns).toBe(seq.notes.length);
  });
});
