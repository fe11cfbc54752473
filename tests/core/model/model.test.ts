import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConditioning } from '../../../core/conditioning';
import { ModelLoadError, ModelNotReadyError } from '../../../core/errors';
import { MusicModel } from '../../../core/model/model';
import { readModelFiles, toLayersModel } from '../../../core/model/io';
import type { ModelFiles } from '../../../core/model/io';
import { memoryLoader, tinyEventConfig, tinyModelFiles } from '../../fixtures/tiny-model';

let files: ModelFiles;
beforeAll(async () => {
  await tf.setBackend('cpu');
  files = await tinyModelFiles();
});

const edit = (f: ModelFiles, change: (c: Record<string, unknown>) => void): ModelFiles => {
  const c = JSON.parse(new TextDecoder().decode(f['config.json']));
  change(c);
  return { ...f, 'config.json': new TextEncoder().encode(JSON.stringify(c)) };
};

describe('MusicModel lifecycle', () => {
  it('generates the same notes for the same seed, different for another', async () => {
    const m = await MusicModel.load(memoryLoader(files));
    const req = { conditioning: defaultConditioning(), beats: 16, seed: 5 };
    const a = m.generate(req);
    const b = m.generate(req);
    const c = m.generate({ ...req, seed: 6 });
    expect(a.notes.length).toBeGreaterThan(0);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(c.notes)).not.toBe(JSON.stringify(a.notes));
    for (const n of a.notes) {
      expect(n.start).toBeGreaterThanOrEqual(0);
      expect(n.start).toBeLessThan(16);
      expect(n.end).toBeLessThanOrEqual(16);
      expect(n.pitch).toBeGreaterThanOrEqual(0);
      expect(n.pitch).toBeLessThanOrEqual(127);
    }
    expect(new Set(a.notes.map((n) => n.role))).toEqual(new Set(defaultConditioning().roles));
    expect(a.tempos).toEqual([{ beat: 0, bpm: 100 }]);
  });

  it("conditions a band LSTM on each role's instrument family, from its GM program", async () => {
    const m = await MusicModel.load(memoryLoader(files));
    const req = { conditioning: defaultConditioning(), beats: 16, seed: 5, roles: ['harmony' as const] };
    const notes = (program: number) =>
      JSON.stringify(
        m.generate({ ...req, programs: { harmony: program } }).notes.map((n) => [n.pitch, n.start, n.end]),
      );
    expect(notes(1)).toBe(notes(0)); // two pianos: one family
    expect(notes(48)).not.toBe(notes(0)); // string ensemble
  });

  it("writes a styled piece's roles at the style's priors from config.json, others at the role's", async () => {
    const stylePriors = { jazz: { drums: { density: 0.9, register: 0.25, dynamics: 0.6 } } };
    const withPriors = await MusicModel.load(
      memoryLoader(edit(files, (c) => (c.training = { ...(c.training as object), stylePriors }))),
    );
    const plain = await MusicModel.load(memoryLoader(files));
    expect(withPriors.stylePriors).toEqual(stylePriors);
    expect(plain.stylePriors).toEqual({});
    const req = (style: 'jazz' | 'pop') => ({
      conditioning: { ...defaultConditioning(), style },
      beats: 16,
      seed: 5,
      roles: ['drums' as const],
    });
    const notes = (m: MusicModel, style: 'jazz' | 'pop') => JSON.stringify(m.generate(req(style)).notes);
    expect(notes(withPriors, 'jazz')).not.toBe(notes(plain, 'jazz'));
    expect(notes(withPriors, 'pop')).toBe(notes(plain, 'pop'));
  });

  it('loads and writes with a format-1 event LSTM (the first shipped model)', async () => {
    const m = await MusicModel.load(memoryLoader(await tinyModelFiles(3, tinyEventConfig())));
    expect(m.config.format).toBe(1);
    const a = m.generate({ conditioning: defaultConditioning(), beats: 8, seed: 2 });
    expect(a.notes.length).toBeGreaterThan(0);
    expect(JSON.stringify(m.generate({ conditioning: defaultConditioning(), beats: 8, seed: 2 }))).toBe(
      JSON.stringify(a),
    );
  });

  it('writes the same piece asynchronously, pausing every `every` steps, one call after another', async () => {
    const m = await MusicModel.load(memoryLoader(files));
    const req = { conditioning: defaultConditioning(), beats: 16, seed: 5 };
    const sync = JSON.stringify(m.generate(req));
    let pauses = 0;
    const pause = async (): Promise<void> => {
      pauses++;
      // While one piece is being written, a synchronous call is refused (it would share the state).
      expect(() => m.generate(req)).toThrow(ModelNotReadyError);
    };
    const [a, b] = await Promise.all([
      m.generateAsync(req, { every: 4, pause }),
      m.generateAsync({ ...req, seed: 6 }, { every: 4, pause }),
    ]);
    expect(JSON.stringify(a)).toBe(sync);
    expect(JSON.stringify(b)).toBe(JSON.stringify(m.generate({ ...req, seed: 6 })));
    // Steps are one event of every role: at least the longest role's events / 4 pauses per piece.
    const longest = Math.max(
      ...req.conditioning.roles.map((r) => a.notes.filter((n) => n.role === r).length),
    );
    expect(pauses).toBeGreaterThanOrEqual(2 * Math.floor(longest / 4) - 2);
    m.dispose();
    await expect(m.generateAsync(req)).rejects.toThrow(ModelNotReadyError);
  });

  it('fails with ModelNotReadyError after dispose', async () => {
    const m = await MusicModel.load(memoryLoader(files));
    m.dispose();
    expect(() => m.generate({ conditioning: defaultConditioning(), beats: 4 })).toThrow(ModelNotReadyError);
  });

  it('rejects a missing file, a mismatched config and truncated weights with ModelLoadError', async () => {
    for (const name of ['config.json', 'model.json', 'weights.bin'] as const) {
      const partial: Partial<ModelFiles> = { ...files };
      delete partial[name];
      await expect(MusicModel.load(memoryLoader(partial))).rejects.toThrow(ModelLoadError);
    }
    await expect(
      MusicModel.load(memoryLoader(edit(files, (c) => ((c.vocab as Record<string, number>).pitch = 128)))),
    ).rejects.toThrow(/vocabulary "pitch"/);
    await expect(
      MusicModel.load(
        memoryLoader(edit(files, (c) => ((c.conditioning as Record<string, number>).size = 3))),
      ),
    ).rejects.toThrow(ModelLoadError);
    await expect(MusicModel.load(memoryLoader(edit(files, (c) => (c.format = 99))))).rejects.toThrow(
      ModelLoadError,
    );
    await expect(
      MusicModel.load(memoryLoader({ ...files, 'config.json': new TextEncoder().encode('{nope') })),
    ).rejects.toThrow(ModelLoadError);
    await expect(
      MusicModel.load(memoryLoader({ ...files, 'weights.bin': files['weights.bin'].slice(0, 100) })),
    ).rejects.toThrow(/weights.bin has 100 bytes/);
  });

  it('leaks no tensors over 10 generations and 10 graph predictions', async () => {
    const m = await MusicModel.load(memoryLoader(files));
    const graph = await toLayersModel(await readModelFiles(memoryLoader(files)));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) {
      m.generate({ conditioning: defaultConditioning(), beats: 8, seed: i });
      tf.tidy(() => {
        const T = 5;
        const size = m.config.conditioning.size;
        const ins = [
          ...Array.from({ length: 8 }, () => tf.zeros([1, T], 'int32')),
          tf.zeros([1, T, size]),
          ...Array.from({ length: 4 }, () => tf.zeros([1, T], 'int32')),
          tf.zeros([1, T, size]),
        ];
        graph.predict(ins);
      });
    }
    expect(tf.memory().numTensors).toBe(before);
    graph.dispose();
  });
});
