/**
 * The piano-roll preview: core's raster drawn onto a canvas with `fillRect` runs only (UXP's canvas has
 * shapes and colours but no image data), one rectangle per horizontal run of one colour.
 */
import type { Raster } from '../../core/render/pianoroll';

/** The part of a 2D context the preview needs (UXP's canvas and the browser's both fit). */
export interface RectContext {
  fillStyle: unknown;
  fillRect(x: number, y: number, w: number, h: number): void;
}

/** One run of equal pixels on a row. */
export interface Run {
  x: number;
  y: number;
  width: number;
  rgb: number;
}

/** The raster's runs of equal colour, row by row, leaving out the background (the top-left pixel). */
export function runsOf(r: Raster): Run[] {
  const at = (i: number): number => (r.data[i] << 16) | (r.data[i + 1] << 8) | r.data[i + 2];
  const background = at(0);
  const runs: Run[] = [];
  for (let y = 0; y < r.height; y++) {
    let x = 0;
    while (x < r.width) {
      const rgb = at((y * r.width + x) * 4);
      let end = x + 1;
      while (end < r.width && at((y * r.width + end) * 4) === rgb) end++;
      if (rgb !== background) runs.push({ x, y, width: end - x, rgb });
      x = end;
    }
  }
  return runs;
}

const css = (rgb: number): string => `#${rgb.toString(16).padStart(6, '0')}`;

/** Draws the raster: the background once, then every run (vertical neighbours merged into one rect). */
export function drawRaster(ctx: RectContext, r: Raster): number {
  const runs = runsOf(r);
  ctx.fillStyle = css((r.data[0] << 16) | (r.data[1] << 8) | r.data[2]);
  ctx.fillRect(0, 0, r.width, r.height);
  // Merge a run with the identical run on the rows below it: a note is one rectangle.
  const open = new Map<string, { x: number; y: number; width: number; height: number; rgb: number }>();
  const rects: { x: number; y: number; width: number; height: number; rgb: number }[] = [];
  let row = -1;
  let seen = new Set<string>();
  const closeUnseen = (): void => {
    for (const [k, rect] of open)
      if (!seen.has(k)) {
        rects.push(rect);
        open.delete(k);
      }
  };
  for (const run of runs) {
    if (run.y !== row) {
      if (row >= 0) closeUnseen();
      row = run.y;
      seen = new Set();
    }
    const key = `${run.x},${run.width},${run.rgb}`;
    const rect = open.get(key);
    if (rect && rect.y + rect.height === run.y) rect.height++;
    else {
      if (rect) rects.push(rect);
      open.set(key, { ...run, height: 1 });
    }
    seen.add(key);
  }
  closeUnseen();
  rects.push(...open.values());
  for (const rect of rects) {
    ctx.fillStyle = css(rect.rgb);
    ctx.fillRect(rect.x, rect.y, rect.width, rect.height);
  }
  return rects.length + 1;
}
