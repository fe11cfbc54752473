import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../../cli/model-files';
import { loadSoundfont } from '../../../cli/render/files';
import { MOTIF_BARS } from '../../../core/arrange/cutdowns';
import { compose } from '../../../core/compose';
import { PromptError } from '../../../core/errors';
import { phrase } from '../../../core/eval/picture';
import type { MusicModel } from '../../../core/model/model';
import { decodeWav, renderWav } from '../../../core/render';
import { beatsPerBar, durationSeconds } from '../../../core/sequence';
import type { ComposeResult } from '../../../core/compose';

let model: MusicModel;
beforeAll(async () => {
  model = await loadModel();
});
afterAll(() => model.dispose());

/** The melody of a version's motif window (its first two bars of melody). */
const motif = (r: ComposeResult): number[][] =>
  phrase(r.sequence, 'melody', r.plan.motif!.start, MOTIF_BARS * beatsPerBar(r.plan.meter));

describe('cutdowns', () => {
  it('writes one family from one theme: exact lengths, the same key, sound, motif and ending sting', async () => {
    const soundfont = await loadSoundfont();
    const r = compose(model, {
      prompt: 'Tech launch, synths and drums',
      seconds: 30,
      seed: 5,
      cutdowns: [60, 15, { seconds: 6, cuts: [2.5] }],
    });
    const family = [r, ...r.cutdowns!];
    expect(family.map((x) => x.seconds)).toEqual([30, 60, 15, 6]);
    const theme = motif(r);
    expect(theme.length).toBeGreaterThanOrEqual(2);
    for (const v of family) {
      expect(durationSeconds(v.sequence)).toBeCloseTo(v.seconds, 9);
      const wav = decodeWav(
        (await renderWav(v.sequence, soundfont, { sampleRate: 8000, effects: false })).wav,
      );
      expect(wav.channels[0].length).toBe(v.seconds * 8000);
      expect(v.key).toBe(r.key);
      expect(v.plan.programs).toEqual(r.plan.programs);
      expect(v.plan.drumLevel).toBe(r.plan.drumLevel);
      expect(motif(v)).toEqual(theme);
      // The same sting: the held tonic chord of the ending, with a crash.
      const ending = v.plan.sections.at(-1)!;
      expect(ending.kind).toBe('ending');
      const sting = v.sequence.notes.filter((n) => n.start >= ending.start);
      const shape = (x: ComposeResult) =>
        x.sequence.notes
          .filter((n) => n.start >= x.plan.sections.at(-1)!.start)
          .map((n) => [n.role, n.pitch, n.velocity])
          .sort();
      expect(shape(v)).toEqual(shape(r));
      expect(sting.some((n) => n.isDrum && n.pitch === 49)).toBe(true);
    }
    // The 6 s version has its own cut, accented.
    const six = r.cutdowns![2];
    expect(six.plan.hits).toHaveLength(1);
    // Copied motif notes say so.
    const copied = r.cutdowns![0].sequence.notes.filter((n) => n.by === 'motif');
    expect(copied.length).toBeGreaterThan(0);
    expect(copied.every((n) => n.origin === 'copy' || n.origin === 'mended')).toBe(true);
  }, 120_000);

  it('rejects a bad cutdown length, and more than eight', () => {
    expect(() => compose(model, { prompt: 'pop', cutdowns: [0.2] })).toThrow(PromptError);
    expect(() => compose(model, { prompt: 'pop', cutdowns: Array(9).fill(5) })).toThrow(PromptError);
  });
});
