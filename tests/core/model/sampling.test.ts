import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConditioning } from '../../../core/conditioning';
import { ModelLoadError } from '../../../core/errors';
import { checkConfig } from '../../../core/model/config';
import { MusicModel } from '../../../core/model/model';
import { checkSampling, headSampling } from '../../../core/model/sampling';
import { memoryLoader, tinyConfig, tinyModelFiles } from '../../fixtures/tiny-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('headSampling', () => {
  it("multiplies the request's temperature per head, 1 where a head is not named", () => {
    const s = headSampling(0.9, 0.95, { pitch: 0.5, duration: 2 });
    expect(s.pitch).toEqual({ temperature: 0.45, topP: 0.95 });
    expect(s.duration).toEqual({ temperature: 1.8, topP: 0.95 });
    expect(s.step).toEqual({ temperature: 0.9, topP: 0.95 });
    expect(s.velocity).toEqual({ temperature: 0.9, topP: 0.95 });
  });
});

describe('checkSampling', () => {
  it('accepts no settings and settings for known roles and heads', () => {
    expect(checkSampling(undefined)).toBeUndefined();
    const ok = {
      roles: { bass: { pitch: 0.7, step: 0.8 }, melody: { duration: 1.2 } },
      repetition: { melody: 2.5, bass: 0 },
      durationRepetition: { melody: 3 },
      guidance: { drums: 1.5, harmony: 1 },
      stackApart: { melody: 2, harmony: 0 },
      prefix: {
        melody: [
          { pitch: 72, step: 6 },
          { pitch: 74, step: 3 },
        ],
        bass: [],
      },
    };
    expect(checkSampling(ok)).toEqual(ok);
  });

  it.each([
    [5, 'is not an object'],
    [{ roles: { lead: { pitch: 1 } } }, 'no role "lead"'],
    [{ roles: { bass: { chord: 1 } } }, 'no head "chord"'],
    [{ roles: { bass: { pitch: 0 } } }, 'bass.pitch must be a number in (0, 3]'],
    [{ roles: { bass: { pitch: -1 } } }, 'bass.pitch must be'],
    [{ roles: { bass: { pitch: 4 } } }, 'bass.pitch must be'],
    [{ roles: { bass: { pitch: '0.7' } } }, 'bass.pitch must be'],
    [{ repetition: 2 }, 'sampling.repetition is not an object'],
    [{ repetition: { lead: 2 } }, 'no role "lead"'],
    [{ repetition: { melody: -1 } }, 'repetition.melody must be a number in [0, 10]'],
    [{ repetition: { melody: 11 } }, 'repetition.melody must be'],
    [{ repetition: { melody: '2' } }, 'repetition.melody must be'],
    [{ durationRepetition: 3 }, 'sampling.durationRepetition is not an object'],
    [{ durationRepetition: { lead: 3 } }, 'no role "lead"'],
    [{ durationRepetition: { melody: -1 } }, 'durationRepetition.melody must be a number in [0, 10]'],
    [{ durationRepetition: { melody: 11 } }, 'durationRepetition.melody must be'],
    [{ guidance: 1.5 }, 'sampling.guidance is not an object'],
    [{ guidance: { lead: 1.5 } }, 'no role "lead"'],
    [{ guidance: { drums: 0.5 } }, 'guidance.drums must be a number in [1, 4]'],
    [{ guidance: { drums: 5 } }, 'guidance.drums must be'],
    [{ guidance: { drums: '1.5' } }, 'guidance.drums must be'],
    [{ stackApart: 2 }, 'sampling.stackApart is not an object'],
    [{ stackApart: { lead: 2 } }, 'no role "lead"'],
    [{ stackApart: { melody: -1 } }, 'stackApart.melody must be a number in [0, 12]'],
    [{ stackApart: { melody: 13 } }, 'stackApart.melody must be'],
    [{ prefix: [] }, 'sampling.prefix is not an object'],
    [{ prefix: 'C D E' }, 'sampling.prefix is not an object'],
    [{ prefix: { lead: [] } }, 'no role "lead"'],
    [{ prefix: { melody: { pitch: 72, step: 6 } } }, 'prefix.melody must be at most 64 events'],
    [{ prefix: { melody: [{ pitch: 128, step: 6 }] } }, 'prefix.melody must be'],
    [{ prefix: { melody: [{ pitch: 72.5, step: 6 }] } }, 'prefix.melody must be'],
    [{ prefix: { melody: [{ pitch: 72, step: 0 }] } }, 'prefix.melody must be'],
    [{ prefix: { melody: [{ pitch: 72, step: 49 }] } }, 'prefix.melody must be'],
    [{ prefix: { melody: [{ pitch: 72 }] } }, 'prefix.melody must be'],
    [{ prefix: { melody: [null] } }, 'prefix.melody must be'],
    [
      { prefix: { melody: Array.from({ length: 65 }, () => ({ pitch: 72, step: 6 })) } },
      'prefix.melody must be',
    ],
  ])('rejects %j with ModelLoadError', (raw, message) => {
    expect(() => checkSampling(raw)).toThrow(ModelLoadError);
    expect(() => checkSampling(raw)).toThrow(message);
    expect(() => checkConfig({ ...tinyConfig(), sampling: raw })).toThrow(ModelLoadError);
  });
});

describe("a model's decoding settings", () => {
  const request = (temperature: number) => ({
    conditioning: defaultConditioning(),
    beats: 16,
    seed: 7,
    temperature,
    roles: ['melody', 'bass'] as const,
  });
  const withSampling = async (sampling: object | undefined) =>
    MusicModel.load(memoryLoader(await tinyModelFiles(3, { ...tinyConfig(), sampling })));

  it("scale every head's temperature: multipliers of 0.5 write what a request at half the temperature writes", async () => {
    const half = { step: 0.5, pitch: 0.5, duration: 0.5, velocity: 0.5 };
    const scaled = await withSampling({ roles: { melody: half, bass: half } });
    const plain = await withSampling(undefined);
    const a = scaled.generate({ ...request(1.2), roles: [...request(1).roles] });
    const b = plain.generate({ ...request(0.6), roles: [...request(1).roles] });
    const c = plain.generate({ ...request(1.2), roles: [...request(1).roles] });
    expect(a.notes.length).toBeGreaterThan(8);
    expect(a.notes).toEqual(b.notes);
    expect(a.notes).not.toEqual(c.notes);
    scaled.dispose();
    plain.dispose();
  });

  it('apply to their role only: a bass setting leaves a melody written alone unchanged', async () => {
    const bassOnly = await withSampling({ roles: { bass: { pitch: 0.3 } } });
    const plain = await withSampling(undefined);
    const melody = { ...request(1), roles: ['melody' as const] };
    expect(bassOnly.generate(melody).notes).toEqual(plain.generate(melody).notes);
    bassOnly.dispose();
    plain.dispose();
  });

  it("prefix: a role's unplayed start changes what it writes, deterministically, and only for its role", async () => {
    const figure = [72, 74, 76, 77, 76, 74, 72].map((pitch) => ({ pitch, step: 6 }));
    const primed = await withSampling({ prefix: { melody: figure } });
    const bassPrimed = await withSampling({ prefix: { bass: figure } });
    const plain = await withSampling(undefined);
    const melody = { ...request(1), beats: 32, roles: ['melody' as const] };
    const a = primed.generate(melody).notes;
    expect(a.length).toBeGreaterThan(8);
    expect(primed.generate(melody).notes).toEqual(a);
    expect(a).not.toEqual(plain.generate(melody).notes);
    expect(bassPrimed.generate(melody).notes).toEqual(plain.generate(melody).notes);
    // That nothing of the prefix is played is asserted in tests/core/model/generate.test.ts.
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) primed.generate({ ...melody, seed: i });
    expect(tf.memory().numTensors).toBe(before);
    for (const m of [primed, bassPrimed, plain]) m.dispose();
  });

  it("repetition: a role's penalty reaches its writer and only its writer", async () => {
    const melodyPenalty = await withSampling({ repetition: { melody: 10 } });
    const bassPenalty = await withSampling({ repetition: { bass: 10 } });
    const plain = await withSampling(undefined);
    const melody = { ...request(1), beats: 64, roles: ['melody' as const] };
    expect(melodyPenalty.generate(melody).notes).not.toEqual(plain.generate(melody).notes);
    expect(bassPenalty.generate(melody).notes).toEqual(plain.generate(melody).notes);
    for (const m of [melodyPenalty, bassPenalty, plain]) m.dispose();
  });

  it("durationRepetition: a role's duration penalty reaches its writer and only its writer", async () => {
    const melodyPenalty = await withSampling({ durationRepetition: { melody: 10 } });
    const bassPenalty = await withSampling({ durationRepetition: { bass: 10 } });
    const plain = await withSampling(undefined);
    const melody = { ...request(1), beats: 64, roles: ['melody' as const] };
    const durations = (m: MusicModel) => m.generate(melody).notes.map((n) => n.end - n.start);
    expect(durations(melodyPenalty)).not.toEqual(durations(plain));
    expect(bassPenalty.generate(melody).notes).toEqual(plain.generate(melody).notes);
    for (const m of [melodyPenalty, bassPenalty, plain]) m.dispose();
  });

  it('stackApart: no note of the role starts within that many semitones of another at its onset, and only in that role', async () => {
    const melody = { ...request(1), beats: 64, roles: ['melody' as const] };
    /** The smallest distance between two melody pitches struck at one onset (Infinity if none are). */
    const closest = (m: MusicModel): number => {
      const byOnset = new Map<number, number[]>();
      for (const n of m.generate(melody).notes)
        byOnset.set(n.start, [...(byOnset.get(n.start) ?? []), n.pitch]);
      let min = Infinity;
      for (const ps of byOnset.values())
        ps.forEach((a, i) => ps.slice(i + 1).forEach((b) => (min = Math.min(min, Math.abs(a - b)))));
      return min;
    };
    const apart = await withSampling({ stackApart: { melody: 12 } });
    const bassApart = await withSampling({ stackApart: { bass: 12 } });
    const plain = await withSampling(undefined);
    expect(closest(plain)).toBeLessThanOrEqual(12);
    expect(closest(apart)).toBeGreaterThan(12);
    expect(bassApart.generate(melody).notes).toEqual(plain.generate(melody).notes);
    for (const m of [apart, bassApart, plain]) m.dispose();
  });
});
