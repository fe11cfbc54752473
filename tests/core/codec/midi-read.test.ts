import { describe, expect, it } from 'vitest';
import { midiToSequence, readMidi, sequenceToMidi } from '../../../core/codec/midi';
import { MidiParseError } from '../../../core/errors';
import type { Note } from '../../../core/sequence';
import type { Ev } from '../../fixtures/smf';
import {
  lyric,
  meta,
  name,
  off,
  on,
  program,
  riff,
  smf,
  tempo,
  timeSignature,
  track,
} from '../../fixtures/smf';

const PPQ = 96;
const pitchesOf = (notes: readonly Note[]): number[] => notes.map((n) => n.pitch);

describe('reading MIDI files nobody here wrote', () => {
  it('closes drum one-shots and plectrum notes that have no note-off, and counts them as repaired', () => {
    const drums: Ev[] = [];
    for (let i = 0; i < 16; i++) drums.push([i === 0 ? 0 : 24, ...on(9, i % 2 ? 42 : 36)]);
    // A guitar strum written as note-ons only: each string rings until it is struck again.
    const strum: Ev[] = [
      [0, ...program(2, 25)],
      [0, ...on(2, 52)],
      [0, ...on(2, 59)],
      [96, ...on(2, 52)],
      [96, ...off(2, 52)],
    ];
    const bytes = smf(1, PPQ, [track([[0, ...tempo(500_000)]]), track(drums), track(strum)]);
    const { sequence, report } = readMidi(bytes);
    const kicks = sequence.notes.filter((n) => n.pitch === 36);
    expect(kicks).toHaveLength(8);
    // A drum ends a sixteenth after its onset (its next stroke is half a beat later).
    for (const k of kicks) expect(k.end - k.start).toBeCloseTo(0.25, 12);
    const guitar = sequence.notes.filter((n) => !n.isDrum);
    // First in, first out: the one note-off of E3 releases the first E3; the second, never released, ends
    // at the end of its track (tick 192), as does B3.
    expect(guitar.map((n) => [n.pitch, n.start, n.end])).toEqual([
      [52, 0, 2],
      [59, 0, 2],
      [52, 1, 2],
    ]);
    expect(guitar.every((n) => n.program === 25)).toBe(true);
    expect(report.repaired).toBe(16 + 2);
    expect(report.notes).toBe(19);
    // Without any note-off, a pitched note ends where its pitch is struck again.
    const plucks = track([
      [0, ...on(4, 48)],
      [96, ...on(4, 48)],
      [96, ...meta(0x01, [0x2e])],
    ]);
    const plucked = readMidi(smf(0, PPQ, [plucks]));
    expect(plucked.sequence.notes.map((n) => [n.start, n.end])).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(plucked.report.repaired).toBe(2);
  });

  it('keeps the program a note started with when a program change comes while it sounds', () => {
    const events: Ev[] = [
      [0, ...program(0, 0)],
      [0, ...on(0, 60)],
      [48, ...program(0, 40)],
      [0, ...on(0, 64)],
      [48, ...off(0, 60)],
      [0, ...off(0, 64)],
    ];
    const { sequence } = readMidi(smf(0, PPQ, [track(events)]));
    expect(sequence.notes.map((n) => [n.pitch, n.program, n.start, n.end])).toEqual([
      [60, 0, 0, 1],
      [64, 40, 0.5, 1],
    ]);
  });

  it('takes a program change written in another track at the same tick (format 1)', () => {
    const conductor = track([
      [0, ...tempo(600_000)],
      [0, ...program(3, 56)],
    ]);
    const notes = track([
      [0, ...on(3, 67)],
      [96, ...off(3, 67)],
    ]);
    expect(readMidi(smf(1, PPQ, [conductor, notes])).sequence.notes[0].program).toBe(56);
  });

  it('reads the first sequence of a format 2 file, and reports the others as dropped', () => {
    const first = track([
      [0, ...tempo(500_000)],
      [0, ...on(0, 60)],
      [96, ...off(0, 60)],
      [0, ...on(0, 62)],
      [96, ...off(0, 62)],
    ]);
    const second = track([
      [0, ...tempo(1_000_000)],
      ...[0, 1, 2].flatMap((i): Ev[] => [
        [0, ...on(1, 70 + i)],
        [96, ...off(1, 70 + i)],
      ]),
    ]);
    const { sequence, report } = readMidi(smf(2, PPQ, [first, second]));
    expect(pitchesOf(sequence.notes)).toEqual([60, 62]);
    expect(sequence.tempos).toEqual([{ beat: 0, bpm: 120 }]);
    expect(report.format).toBe(2);
    expect(report.dropped).toBe(3);
    expect(report.warnings.join()).toMatch(/format 2: 2 independent sequences; the first is read/);
  });

  it('reads a karaoke (.kar) file: lyrics and text events between the notes', () => {
    const words = track([
      [0, ...name('Words')],
      [0, ...meta(0x01, [0x40, 0x54, 0x53, 0x6f, 0x6e, 0x67])],
      [0, ...lyric('Hel')],
      [96, ...lyric('lo')],
    ]);
    const melody = track([
      [0, ...name('Melody')],
      [0, ...on(0, 67)],
      [0, ...lyric('x')],
      [96, ...off(0, 67)],
      [0, ...on(0, 69)],
      [96, ...off(0, 69)],
    ]);
    const { sequence } = readMidi(smf(1, PPQ, [track([[0, ...tempo(500_000)]]), words, melody]));
    expect(pitchesOf(sequence.notes)).toEqual([67, 69]);
    expect(sequence.tracks).toEqual([{ name: 'Melody', program: 0, isDrum: false, role: 'melody' }]);
  });

  it('unwraps a RIFF (.rmi) file and reads the same notes as the bare file', () => {
    const bare = smf(0, PPQ, [
      track([
        [0, ...tempo(400_000)],
        [0, ...on(0, 60)],
        [96, ...off(0, 60)],
        [0, ...on(0, 64, 90)],
        [48, ...off(0, 64)],
      ]),
    ]);
    expect(readMidi(riff(bare))).toEqual(readMidi(bare));
    expect(() => readMidi(riff(bare).slice(0, 24))).toThrow(MidiParseError);
  });

  it('reads a short time-signature event (no metronome bytes) and skips malformed meta events', () => {
    const events: Ev[] = [
      [0, ...timeSignature(6, 3, true)],
      [0, ...meta(0x58, [3])], // one byte: malformed
      [0, ...meta(0x59, [0xff, 0xff])], // scale 255: malformed
      [0, ...meta(0x51, [7, 0xa1])], // a two-byte tempo: malformed
      [0, ...on(0, 60)],
      [96, ...off(0, 60)],
      [0, ...meta(0x59, [2, 0])], // D major, after the notes began
    ];
    const { sequence, report } = readMidi(smf(0, PPQ, [track(events)]));
    expect(sequence.timeSignatures).toEqual([{ beat: 0, numerator: 6, denominator: 8 }]);
    expect(sequence.keySignatures).toEqual([{ beat: 1, tonic: 2, mode: 'major' }]);
    expect(sequence.tempos).toEqual([{ beat: 0, bpm: 120 }]);
    expect(report.skippedEvents).toBe(3);
    expect(report.warnings).toHaveLength(3);
    expect(sequence.notes).toHaveLength(1);
  });

  it('reads SMPTE time: ticks become seconds, seconds become beats at the first tempo (120 bpm without)', () => {
    // 25 fps x 40 ticks a frame = 1000 ticks a second.
    const division = ((256 - 25) << 8) | 40;
    const notes: Ev[] = [
      [0, ...on(0, 60)],
      [500, ...off(0, 60)],
      [500, ...on(0, 62)],
      [1000, ...off(0, 62)],
    ];
    const plain = readMidi(smf(0, division, [track(notes)]));
    expect(plain.sequence.notes.map((n) => [n.start, n.end])).toEqual([
      [0, 1],
      [2, 4],
    ]);
    expect(plain.report.timeBase).toBe('smpte');
    expect(plain.report.warnings[0]).toMatch(/SMPTE time \(25 fps x 40\): seconds read as beats at 120 bpm/);
    const at90 = readMidi(smf(0, division, [track([[0, ...tempo(666_667)], ...notes])])).sequence;
    expect(at90.tempos).toHaveLength(1);
    expect(at90.tempos[0].bpm).toBeCloseTo(90, 3);
    expect(at90.notes[1].start).toBeCloseTo(1.5, 3);
    const drop = ((256 - 29) << 8) | 4; // 29.97 drop-frame
    expect(readMidi(smf(0, drop, [track(notes)])).report.warnings[0]).toMatch(/29\.97 fps/);
  });

  it('splits a format 0 track by channel and places each part (drums, bass, piano)', () => {
    const events: Ev[] = [
      [0, ...name('Song')],
      [0, ...program(0, 0)],
      [0, ...program(1, 33)],
    ];
    for (let b = 0; b < 4; b++)
      events.push(
        [b === 0 ? 0 : 6, ...on(9, 36)],
        [0, ...on(1, 36)],
        [0, ...on(0, 72)],
        [0, ...on(0, 76)],
        [90, ...off(1, 36)],
        [0, ...off(0, 72)],
        [0, ...off(0, 76)],
        [0, ...off(9, 36)],
      );
    const { sequence } = readMidi(smf(0, PPQ, [track(events)]));
    expect(sequence.tracks.map((t) => [t.name, t.program, t.isDrum, t.role])).toEqual([
      ['Song ch1', 0, false, 'harmony'],
      ['Song ch2', 33, false, 'bass'],
      ['Song ch10', 0, true, 'drums'],
    ]);
    expect(sequence.meta).toEqual({ name: 'Song' });
  });

  it('pairs notes first in first out, counts stray note-offs, follows running status, skips stray bytes', () => {
    const body = [
      ...[0, 0x90, 60, 100], // on C4
      ...[24, 60, 100], // running status: a second C4 while the first sounds
      ...[24, 0x80, 60, 0], // releases the first C4
      ...[24, 60, 0], // running status note-off: releases the second
      ...[0, 0x80, 61, 0], // a note-off with nothing sounding
      ...[0, 0xf8], // a stray real-time byte
      ...[0, 0x90, 62, 90, 48, 62, 0],
    ];
    const { sequence, report } = readMidi(smf(0, PPQ, [[...body, 0, 0xff, 0x2f, 0]]));
    expect(sequence.notes.map((n) => [n.pitch, n.start, n.end])).toEqual([
      [60, 0, 0.5],
      [60, 0.25, 0.75],
      [62, 0.75, 1.25],
    ]);
    expect(report.orphanNoteOffs).toBe(1);
    expect(report.skippedEvents).toBe(1);
  });

  it('returns key signatures sorted by time, whatever track they sit in', () => {
    const a = track([
      [0, ...meta(0x59, [0xfd, 1])],
      [192, ...meta(0x59, [1, 0])],
    ]); // C minor, then G major at beat 2
    const b = track([
      [96, ...meta(0x59, [0, 0])],
      [0, ...on(0, 60)],
      [96, ...off(0, 60)],
    ]); // C major at beat 1
    expect(readMidi(smf(1, PPQ, [a, b])).sequence.keySignatures).toEqual([
      { beat: 0, tonic: 0, mode: 'minor' },
      { beat: 1, tonic: 0, mode: 'major' },
      { beat: 2, tonic: 7, mode: 'major' },
    ]);
  });

  it('reads a 400,000-note track, pairing each note-on with its own note-off (pairing is linear: one FIFO a key)', () => {
    const count = 400_000;
    const notes: Note[] = Array.from({ length: count }, (_, i) => ({
      pitch: 36 + (i % 48),
      start: i / 12,
      // Every note overlaps the next ones: at most 48 sound at once, each released in order.
      end: i / 12 + 1 + (i % 3) / 12,
      velocity: 1 + (i % 127),
      role: 'harmony',
      program: 0,
      isDrum: false,
      track: 0,
    }));
    const bytes = sequenceToMidi({
      notes,
      tempos: [{ beat: 0, bpm: 120 }],
      timeSignatures: [{ beat: 0, numerator: 4, denominator: 4 }],
      keySignatures: [],
      tracks: [{ name: 'big', program: 0, isDrum: false, role: 'harmony' }],
      totalBeats: count / 12 + 2,
    });
    const { sequence, report } = readMidi(bytes);
    expect(report.notes).toBe(count);
    expect(report.repaired).toBe(0);
    const sorted = [...sequence.notes].sort((a, b) => a.start - b.start);
    for (let i = 0; i < count; i += 997) {
      expect(sorted[i].start).toBeCloseTo(notes[i].start, 9);
      expect(sorted[i].end).toBeCloseTo(notes[i].end, 9);
      expect(sorted[i].velocity).toBe(notes[i].velocity);
    }
    expect(() => readMidi(bytes, { maxNotes: count - 1 })).toThrow(/too many notes \(more than 399999\)/);
  });

  it('checks the byte limit before reading and the length before placing tracks', () => {
    const bytes = smf(0, PPQ, [
      track([
        [0, ...on(0, 60)],
        [96 * 50, ...off(0, 60)],
      ]),
    ]);
    expect(() => midiToSequence(bytes, { maxBytes: bytes.length - 1 })).toThrow(/file too large/);
    expect(() => midiToSequence(bytes, { maxBeats: 49 })).toThrow(/piece too long \(50 beats > 49\)/);
    expect(midiToSequence(bytes).totalBeats).toBe(50);
  });
});
