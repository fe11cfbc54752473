import { describe, expect, it } from 'vitest';
import { pianoRoll } from '../../../core/render/pianoroll';
import { drawRaster, runsOf } from '../../../plugin/ui/pianoroll';
import { bandPiece } from '../../core/render/fixture';

/** A canvas stand-in that paints into a pixel buffer. */
function paint(width: number, height: number) {
  const px = new Uint32Array(width * height);
  const ctx = {
    fillStyle: '' as unknown,
    fillRect(x: number, y: number, w: number, h: number) {
      const c = parseInt(String(ctx.fillStyle).slice(1), 16);
      for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) px[j * width + i] = c;
    },
  };
  return { ctx, px };
}

describe('the piano-roll preview', () => {
  it('draws exactly the raster with fillRect alone, in far fewer rectangles than runs', () => {
    const r = pianoRoll(bandPiece(), { width: 300, height: 90 });
    const { ctx, px } = paint(r.width, r.height);
    const rects = drawRaster(ctx, r);
    const want = new Uint32Array(r.width * r.height).map(
      (_, i) => (r.data[i * 4] << 16) | (r.data[i * 4 + 1] << 8) | r.data[i * 4 + 2],
    );
    expect(px.every((v, i) => v === want[i])).toBe(true);
    expect(rects).toBeLessThan(runsOf(r).length / 2);
  });
});
