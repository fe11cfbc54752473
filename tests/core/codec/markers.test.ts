import { describe, expect, it } from 'vitest';
import { markerData, markerText, readMarkers } from '../../../core/codec/markers';
import { midiToSequence, sequenceToMidi } from '../../../core/codec/midi';
import type { NoteSequence } from '../../../core/sequence';
import { emptySequence } from '../../../core/sequence';

function piece(): NoteSequence {
  const seq = emptySequence(120);
  seq.tempos.push({ beat: 7, bpm: 131.25 }, { beat: 14, bpm: 117.5 });
  seq.keySignatures = [
    { beat: 0, tonic: 0, mode: 'major' },
    { beat: 8, tonic: 4, mode: 'minor' },
  ];
  seq.notes = [0, 7, 14].map((start) => ({
    pitch: 60,
    start,
    end: start + 1,
    velocity: 90,
    role: 'melody' as const,
    program: 0,
    isDrum: false,
    track: 0,
  }));
  seq.tracks = [{ name: 'melody', program: 0, isDrum: false, role: 'melody' }];
  seq.totalBeats = 16;
  seq.markers = [
    { beat: 0, text: 'intro: Mornings used to be hard.' },
    { beat: 7, text: 'cut 1 (3.10 s)' },
    { beat: 8, text: 'verse: Café crème — bold' },
    { beat: 14.5, text: 'voice-over' },
  ];
  return seq;
}

describe('MIDI markers', () => {
  it('writes the sequence markers as marker meta events, read back at their beats', () => {
    const bytes = sequenceToMidi(piece());
    const expected = [
      { beat: 0, text: 'intro: Mornings used to be hard.' },
      { beat: 7, text: 'cut 1 (3.10 s)' },
      { beat: 8, text: 'verse: Caf? cr?me ? bold' },
      { beat: 14.5, text: 'voice-over' },
    ];
    expect(readMarkers(bytes)).toEqual(expected);
    expect(midiToSequence(bytes).markers).toEqual(expected);
  });

  it('writes each marker once, in the conductor track (FF 06, the text as its bytes)', () => {
    const bytes = sequenceToMidi(piece());
    const data = markerData('cut 1 (3.10 s)');
    const event = [0xff, 0x06, data.length, ...data];
    const find = (what: number[], from: number): number =>
      bytes.findIndex((_, i) => i >= from && what.every((b, j) => bytes[i + j] === b));
    const mtrk = [0x4d, 0x54, 0x72, 0x6b];
    const conductor = find(mtrk, 0);
    const firstNoteTrack = find(mtrk, conductor + 4);
    const at = find(event, 0);
    expect(at).toBeGreaterThan(conductor);
    expect(at).toBeLessThan(firstNoteTrack);
    expect(find(event, at + 1)).toBe(-1);
  });

  it('writes no marker events for a sequence without markers, and makes any text MIDI-safe', () => {
    const seq = { ...piece(), markers: [] };
    const bytes = sequenceToMidi(seq);
    expect(bytes.some((b, i) => b === 0xff && bytes[i + 1] === 0x06)).toBe(false);
    expect(readMarkers(bytes)).toEqual([]);
    expect(midiToSequence(bytes).markers).toBeUndefined();
    expect(markerText('a…b\n' + 'x'.repeat(200))).toBe('a...b?' + 'x'.repeat(114));
  });
});
