import { describe, expect, it } from 'vitest';
import { loadSoundfont } from '../../../cli/render/files';
import { CancelledError } from '../../../core/errors';
import { applyGain, dbToGain, decodeWav, premix, renderStems, renderWav } from '../../../core/render';
import { bandPiece } from './fixture';

describe('renderStems', () => {
  it('writes one stem per role, the mix length, summing to the mix before its limiter (<= -60 dBFS)', async () => {
    const seq = bandPiece();
    const soundfont = await loadSoundfont();
    // 16 kHz keeps the test quick; the stems sum the same way at any rate (effects on).
    const o = { sampleRate: 16000 };
    const { mix, stems, gainDb } = await renderStems(seq, soundfont, o);
    expect(Object.keys(stems).sort()).toEqual(['bass', 'drums', 'harmony', 'melody']);
    // The mix is what renderWav renders.
    expect(mix.wav).toEqual((await renderWav(seq, soundfont, o)).wav);
    const before = await premix(seq, soundfont, o);
    applyGain(before.channels, dbToGain(gainDb));
    const frames = before.channels[0].length;
    const sum = before.channels.map(() => new Float64Array(frames));
    for (const wav of Object.values(stems)) {
      const d = decodeWav(wav!);
      expect(d.bitDepth).toBe(32);
      expect(d.channels[0].length).toBe(frames);
      d.channels.forEach((c, k) => c.forEach((x, i) => (sum[k][i] += x)));
    }
    let residual = 0;
    sum.forEach((c, k) =>
      c.forEach((x, i) => (residual = Math.max(residual, Math.abs(x - before.channels[k][i])))),
    );
    expect(20 * Math.log10(residual)).toBeLessThanOrEqual(-60);
    console.log(`stems: sum minus pre-limiter mix peak ${(20 * Math.log10(residual)).toFixed(1)} dBFS`);
  });

  it('renders only the roles that play', async () => {
    const seq = bandPiece();
    seq.notes = seq.notes.filter((n) => n.role !== 'melody');
    const { stems } = await renderStems(seq, await loadSoundfont(), { sampleRate: 8000, effects: false });
    expect(Object.keys(stems).sort()).toEqual(['bass', 'drums', 'harmony']);
  });

  it('keeps a role of two programs (a spare channel) in its own stem, still summing to the mix', async () => {
    const seq = bandPiece();
    // Every other harmony note on a second program: the synth plays those on a spare channel.
    let k = 0;
    seq.notes = seq.notes.map((n) => (n.role === 'harmony' && k++ % 2 ? { ...n, program: 0 } : n));
    const soundfont = await loadSoundfont();
    const o = { sampleRate: 8000, effects: false };
    const { stems, gainDb } = await renderStems(seq, soundfont, o);
    const before = await premix(seq, soundfont, o);
    applyGain(before.channels, dbToGain(gainDb));
    const harmony = decodeWav(stems.harmony!).channels[0];
    const others = (['melody', 'bass', 'drums'] as const).map((r) => decodeWav(stems[r]!).channels[0]);
    let residual = 0;
    before.channels[0].forEach((x, i) => {
      const sum = harmony[i] + others.reduce((s, c) => s + c[i], 0);
      residual = Math.max(residual, Math.abs(sum - x));
    });
    expect(20 * Math.log10(residual)).toBeLessThanOrEqual(-60);
    // The harmony stem holds both programs: it differs from the harmony of the first program alone.
    const first = await premix(
      { ...seq, notes: seq.notes.filter((n) => n.role !== 'harmony' || n.program !== 0) },
      soundfont,
      { ...o, only: ['harmony'] },
    );
    applyGain(first.channels, dbToGain(gainDb));
    const energy = (c: Float32Array): number => c.reduce((s, x) => s + x * x, 0);
    const second = harmony.map((x, i) => x - first.channels[0][i]);
    expect(energy(second)).toBeGreaterThan(0.1 * energy(harmony));
  });

  it('stops with CancelledError when its signal is aborted', async () => {
    const signal = { aborted: true };
    await expect(
      renderStems(bandPiece(), await loadSoundfont(), { sampleRate: 8000 }, { signal }),
    ).rejects.toBeInstanceOf(CancelledError);
  });
});
