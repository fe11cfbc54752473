import { existsSync, statSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { loadSoundfont, SHIPPED_SOUNDFONT } from '../../../cli/render/files';
import { pianoRollPng } from '../../../cli/render/png';
import { RenderError } from '../../../core/errors';
import { ROLE_COLOURS } from '../../../core/render/pianoroll';
import { bandPiece } from '../../core/render/fixture';

describe('piano-roll PNG', () => {
  it('decodes to the requested size with coloured pixels where notes are', () => {
    const png = PNG.sync.read(pianoRollPng(bandPiece(), { width: 320, height: 160 }));
    expect([png.width, png.height]).toEqual([320, 160]);
    let coloured = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = png.data.subarray(i, i + 3);
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
    }
    expect(coloured).toBeGreaterThan(320 * 160 * 0.05);
    // The first kick sits at the bottom-left, in the drums' colour (any velocity keeps its hue order).
    const at = (159 * 320 + 1) * 4;
    const [r, g, b] = png.data.subarray(at, at + 3);
    expect(r > b && b > g).toBe(ROLE_COLOURS.drums[0] > ROLE_COLOURS.drums[2]);
  });
});

describe('shipped SoundFont', () => {
  it('resolves to assets/soundfont and loads once', async () => {
    expect(SHIPPED_SOUNDFONT.replaceAll('\\', '/')).toMatch(
      /\/assets\/soundfont\/FluidR3Mono_GM_trimmed\.sf3$/,
    );
    expect(existsSync(SHIPPED_SOUNDFONT)).toBe(true);
    expect(statSync(SHIPPED_SOUNDFONT).size).toBeLessThan(20 * 1024 * 1024);
    const a = await loadSoundfont();
    expect(new TextDecoder().decode(a.subarray(0, 4))).toBe('RIFF');
    expect(await loadSoundfont()).toBe(a);
  });

  it('reports a missing file as RenderError', async () => {
    await expect(loadSoundfont('/nonexistent/x.sf3')).rejects.toBeInstanceOf(RenderError);
  });
});
