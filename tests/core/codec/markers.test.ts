import { describe, expect, it } from 'vitest';
import { markerText, readMarkers, withMarkers } from '../../../core/codec/markers';
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
    expect(readMarkers(bytes)).toEqual([
      { beat: 0, text: 'intro: Mornings used to be hard.' },
      { beat: 7, text: 'cut 1 (3.10 s)' },
      { beat: 8, text: 'verse: Caf? cr?me ? bold' },
      { beat: 14.5, text: 'voice-over' },
    ]);
  });

  it('keeps the notes, the tempo map and the key signatures of the file', () => {
    const seq = piece();
    const back = midiToSequence(sequenceToMidi(seq));
    expect(back.notes.map((n) => [n.start, n.end, n.pitch])).toEqual(
      seq.notes.map((n) => [n.start, n.end, n.pitch]),
    );
    expect(back.tempos.map((t) => t.beat)).toEqual([0, 7, 14]);
    back.tempos.forEach((t, i) => expect(t.bpm).toBeCloseTo(seq.tempos[i].bpm, 3));
    expect(back.keySignatures).toEqual(seq.keySignatures);
  });

  it('leaves bytes without markers as they are, and makes any text MIDI-safe', () => {
    const seq = { ...piece(), markers: [] };
    const bytes = sequenceToMidi(seq);
    expect(withMarkers(bytes, [], 480)).toBe(bytes);
    expect(readMarkers(bytes)).toEqual([]);
    expect(markerText('a…b\n' + 'x'.repeat(200))).toBe('a...b?' + 'x'.repeat(114));
  });
});
