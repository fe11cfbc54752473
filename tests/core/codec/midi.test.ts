import toneMidi from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import { midiToSequence, sequenceToMidi } from '../../../core/codec/midi';
import { MidiParseError } from '../../../core/errors';
import { beatsToSeconds, emptySequence } from '../../../core/sequence';
import { bandFixture } from '../../fixtures/sequences';

const { Midi } = toneMidi;

describe('MIDI bytes <-> NoteSequence', () => {
  it('round-trips several tracks, a tempo change, drums and a 3/4 passage field by field', () => {
    const seq = bandFixture();
    const back = midiToSequence(sequenceToMidi(seq));
    expect(back.notes.length).toBe(seq.notes.length);
    seq.notes.forEach((n, i) => {
      const b = back.notes[i];
      expect(b.pitch).toBe(n.pitch);
      expect(b.start).toBeCloseTo(n.start, 9);
      expect(b.end).toBeCloseTo(n.end, 9);
      expect(b.velocity).toBe(n.velocity);
      expect(b.role).toBe(n.role);
      expect(b.program).toBe(n.program);
      expect(b.isDrum).toBe(n.isDrum);
      expect(b.track).toBe(n.track);
    });
    expect(back.tempos).toEqual(seq.tempos);
    expect(back.timeSignatures).toEqual(seq.timeSignatures);
    expect(back.keySignatures).toEqual(seq.keySignatures);
    expect(back.tracks).toEqual(seq.tracks);
    expect(back.totalBeats).toBeCloseTo(seq.totalBeats, 9);
  });

  it('keeps a piece that ends in a rest at its length (the end-of-track marks it)', () => {
    const seq = bandFixture();
    const last = Math.max(...seq.notes.map((n) => n.end));
    seq.totalBeats = last + 3;
    expect(midiToSequence(sequenceToMidi(seq)).totalBeats).toBeCloseTo(last + 3, 9);
    seq.totalBeats = last;
    expect(midiToSequence(sequenceToMidi(seq)).totalBeats).toBeCloseTo(last, 9);
  });

  it('round-trips all 24 key signatures, major and minor', () => {
    for (let tonic = 0; tonic < 12; tonic++)
      for (const mode of ['major', 'minor'] as const) {
        const seq = bandFixture();
        seq.keySignatures = [
          { beat: 0, tonic, mode },
          { beat: 16, tonic: (tonic + 5) % 12, mode },
        ];
        expect(midiToSequence(sequenceToMidi(seq)).keySignatures).toEqual(seq.keySignatures);
      }
  });

  it('writes one named track per role, drums on channel 10, roles on their own channels', () => {
    const midi = new Midi(sequenceToMidi(bandFixture()));
    expect(midi.tracks.map((t) => [t.name, t.channel, t.instrument.number])).toEqual([
      ['melody', 0, 73],
      ['harmony', 1, 48],
      ['bass', 2, 33],
      ['drums', 9, 0],
    ]);
    expect(midi.tracks[3].instrument.percussion).toBe(true);
  });

  it('derives seconds from the tempo map', () => {
    const seq = bandFixture();
    expect(beatsToSeconds(8, seq.tempos)).toBeCloseTo(4, 9);
    expect(beatsToSeconds(24, seq.tempos)).toBeCloseTo(4 + (16 * 60) / 96, 9);
    const midi = new Midi(sequenceToMidi(seq));
    expect(midi.duration).toBeCloseTo(beatsToSeconds(24, seq.tempos), 3);
  });

  it('rejects empty, truncated, corrupt, zero-track, note-less, huge and absurdly long files with MidiParseError', () => {
    const good = sequenceToMidi(bandFixture());
    const header = good.slice(0, 14);
    const zeroTracks = Uint8Array.from([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, 0, 1, 0xe0]);
    const noNotes = sequenceToMidi(emptySequence());
    const longSeq = bandFixture();
    longSeq.notes = [{ ...longSeq.notes[0], start: 50_000, end: 50_001 }];
    const cases: [string, Uint8Array, RegExp][] = [
      ['empty', new Uint8Array(0), /too short/],
      ['not MIDI', new TextEncoder().encode('RIFF this is a wave file, not MIDI'), /MThd/],
      ['header only', header, /truncated/],
      ['zero tracks', zeroTracks, /no tracks|corrupt/],
      ['truncated', good.slice(0, Math.floor(good.length / 2)), /truncated/],
      ['no notes', noNotes, /no notes|no tracks/],
      ['huge', new Uint8Array(9 * 1024 * 1024).fill(0x4d), /too large/],
      ['absurdly long', sequenceToMidi(longSeq), /too long/],
    ];
    for (const [, bytes, message] of cases) {
      expect(() => midiToSequence(bytes)).toThrow(MidiParseError);
      expect(() => midiToSequence(bytes)).toThrow(message);
    }
    expect(() => midiToSequence(good, { maxNotes: 10 })).toThrow(/too many notes/);
  });
});
