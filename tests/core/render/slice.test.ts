import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../core/errors';
import { renderWav } from '../../../core/render';
import { slicer } from '../../../core/render/slice';
import { loadSoundfont } from '../../../cli/render/files';
import { bandPiece } from './fixture';

describe('slicing a render', () => {
  it('pauses when a slice is spent, reports rising progress and stays the same render', async () => {
    const soundfont = await loadSoundfont();
    const seq = bandPiece();
    let clock = 0;
    const progress: number[] = [];
    let pauses = 0;
    const sliced = await renderWav(
      seq,
      soundfont,
      {},
      {
        budgetMs: 1,
        now: () => (clock += 1), // every tick spends a slice
        pause: async () => void pauses++,
        onProgress: (f) => progress.push(f),
      },
    );
    const whole = await renderWav(seq, soundfont);
    expect(Buffer.from(sliced.wav).equals(Buffer.from(whole.wav))).toBe(true);
    expect(pauses).toBeGreaterThan(20);
    expect(progress.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= progress[i - 1]))).toBe(true);
    expect(progress[progress.length - 1]).toBeGreaterThan(0.9);
  });

  it('stops with CancelledError when the signal is aborted mid-way', async () => {
    const soundfont = await loadSoundfont();
    const signal = { aborted: false };
    let pauses = 0;
    await expect(
      renderWav(
        bandPiece(),
        soundfont,
        {},
        {
          budgetMs: 0,
          pause: async () => {
            if (++pauses === 3) signal.aborted = true;
          },
          signal,
        },
      ),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(pauses).toBe(3);
  });

  it('maps a part of a job onto its share of the progress', async () => {
    const seen: number[] = [];
    const s = slicer({
      budgetMs: 0,
      pause: async () => undefined,
      onProgress: (f) => seen.push(f),
      now: () => 0,
    });
    await s.part(0.5, 1).tick(0.5);
    await s.part(0, 0.5).part(0.5, 1).tick(0);
    expect(seen).toEqual([0.75, 0.25]);
  });
});
