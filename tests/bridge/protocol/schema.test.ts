import { describe, expect, it } from 'vitest';
import { REQUESTS, SequenceSchema, loopProblem } from '../../../bridge/protocol/schema';
import { LIMITS } from '../../../core/bridge-protocol';
import { note, sequence } from '../helpers';

describe('SequenceSchema', () => {
  it('keeps every field of a valid sequence, field by field, and fills in what may be left out', () => {
    const seq = sequence(
      [note(60, 0, 1, 'melody', { program: 73, track: 0 }), note(36, 0.5, 0.75, 'drums')],
      96,
    );
    seq.tempos.push({ beat: 8, bpm: 140 });
    seq.keySignatures = [{ beat: 0, tonic: 4, mode: 'minor' }];
    seq.tracks = [{ name: 'Lead', program: 73, isDrum: false, role: 'melody' }];
    seq.totalBeats = 16;
    seq.meta = { prompt: 'calm', seed: 3, loop: false };
    const out = SequenceSchema.parse(JSON.parse(JSON.stringify(seq)));
    expect(out.notes[0]).toEqual(seq.notes[0]);
    expect(out.notes[1]).toEqual(seq.notes[1]);
    expect(out.tempos).toEqual(seq.tempos);
    expect(out.timeSignatures).toEqual(seq.timeSignatures);
    expect(out.keySignatures).toEqual(seq.keySignatures);
    expect(out.tracks).toEqual(seq.tracks);
    expect(out.totalBeats).toBe(16);
    expect(out.meta).toEqual(seq.meta);

    const bare = SequenceSchema.parse({
      notes: [{ pitch: 60, start: 0, end: 2, velocity: 90, role: 'bass' }],
      tempos: [
        { beat: 4, bpm: 90 },
        { beat: 0, bpm: 120 },
      ],
    });
    expect(bare.notes[0]).toEqual({
      pitch: 60,
      start: 0,
      end: 2,
      velocity: 90,
      role: 'bass',
      program: 0,
      isDrum: false,
    });
    expect(bare.tempos.map((t) => t.beat)).toEqual([0, 4]);
    expect(bare.timeSignatures).toEqual([{ beat: 0, numerator: 4, denominator: 4 }]);
    expect(bare.totalBeats).toBe(2);
  });

  it('keeps only known fields (a note carrying provenance or anything else)', () => {
    const out = SequenceSchema.parse({
      notes: [
        { pitch: 60, start: 0, end: 1, velocity: 90, role: 'melody', origin: 'model', by: 'x', evil: 1 },
      ],
      extra: true,
    });
    expect(Object.keys(out.notes[0]).sort()).toEqual([
      'end',
      'isDrum',
      'pitch',
      'program',
      'role',
      'start',
      'velocity',
    ]);
    expect('extra' in out).toBe(false);
  });

  it('refuses what breaks the limits', () => {
    const many = Array.from({ length: LIMITS.notes + 1 }, () => note(60, 0, 1));
    expect(SequenceSchema.safeParse({ notes: many }).success).toBe(false);
    expect(SequenceSchema.safeParse({ notes: [note(60, 0, LIMITS.beats + 1)] }).success).toBe(false);
    expect(
      SequenceSchema.safeParse({ notes: [], timeSignatures: [{ beat: 0, numerator: 4, denominator: 3 }] })
        .success,
    ).toBe(false);
    expect(SequenceSchema.safeParse({ notes: [note(60, 0, Number.POSITIVE_INFINITY)] }).success).toBe(false);
  });
});

describe('loopProblem (what bounds a tick of a loop)', () => {
  it('refuses a pass shorter than 1 beat or 0.5 s, and more than 2,000 notes per second', () => {
    expect(loopProblem(sequence([note(60, 0, 1e-9)]))).toMatch(
      /at least 1 beat and 0.5 s; this one lasts 1e-9 beats/,
    );
    expect(loopProblem(sequence([note(60, 0, 1)], 1000))).toMatch(/this one lasts 1 beats \(0.06 s\)/);
    expect(loopProblem(sequence([note(60, 0, 1)], 120))).toBeUndefined();
    const dense = sequence(
      Array.from({ length: 2001 }, () => note(60, 0, 2)),
      120,
    ); // 1 s
    expect(loopProblem(dense)).toMatch(/at most 2000 notes per second of a pass; this one has 2001/);
    expect(
      loopProblem(
        sequence(
          Array.from({ length: 2000 }, () => note(60, 0, 2)),
          120,
        ),
      ),
    ).toBeUndefined();
  });

  it('applies to play requests that loop only', () => {
    const tiny = { type: 'play', sequence: sequence([note(60, 0, 1e-9)]) };
    expect(REQUESTS.play.safeParse(tiny).success).toBe(true);
    const refused = REQUESTS.play.safeParse({ ...tiny, loop: true });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0].path).toEqual(['loop']);
  });
});
