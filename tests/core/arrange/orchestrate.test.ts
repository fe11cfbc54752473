import { describe, expect, it } from 'vitest';
import { loadSoundfont } from '../../../cli/render/files';
import { loadSoundBank } from '../../../core/render';
import { INSTRUMENT_PROGRAMS, ORCHESTRA_PROGRAMS, orchestrate } from '../../../core/arrange/orchestrate';
import { STYLES } from '../../../core/conditioning';
import { STYLE_INSTRUMENTS } from '../../../core/embed/attributes';
import type { Instrument } from '../../../core/embed/types';

describe('orchestrate', () => {
  it('gives each style its usual sound: strings for cinematic, synths for electronic, piano for corporate', () => {
    const of = (style: (typeof STYLES)[number]) => orchestrate(style, STYLE_INSTRUMENTS[style]).programs;
    expect(of('cinematic')).toMatchObject({ harmony: 48, melody: 61, bass: 43 });
    expect(of('electronic')).toMatchObject({ melody: 81, harmony: 89, bass: 38 });
    expect(of('corporate')).toMatchObject({ harmony: 25, melody: 0 });
    expect(orchestrate('corporate', STYLE_INSTRUMENTS.corporate).drumLevel).toBeLessThan(1);
    expect(of('acoustic').harmony).toBe(25);
  });

  it('accompanies a lead named alone with the style chords, unless it is the only instrument wanted', () => {
    expect(orchestrate('jazz', ['saxophone']).programs).toMatchObject({ melody: 65, harmony: 0 });
    expect(orchestrate('jazz', ['saxophone'], true).programs).toMatchObject({ melody: 65, harmony: 65 });
    expect(orchestrate('pop', ['piano'], true).programs).toMatchObject({ melody: 0, harmony: 0 });
    expect(orchestrate('rock', ['drums']).programs.harmony).toBe(27);
  });

  it('only ever picks programs that the trimmed SoundFont keeps', () => {
    const all = Object.keys(INSTRUMENT_PROGRAMS) as Instrument[];
    for (const style of STYLES)
      for (const a of all)
        for (const b of [...all, undefined]) {
          const p = orchestrate(style, b ? [a, b] : [a]).programs;
          for (const x of [p.melody, p.harmony, p.bass]) expect(ORCHESTRA_PROGRAMS).toContain(x);
        }
  });

  it('finds every program it picks, and the drum kit, in the shipped (trimmed) SoundFont', async () => {
    const bank = loadSoundBank(await loadSoundfont());
    const melodic = new Set(
      bank.presets.filter((p) => !p.isGMGSDrum && p.bankMSB === 0).map((p) => p.program),
    );
    for (const program of ORCHESTRA_PROGRAMS) expect(melodic).toContain(program);
    expect(bank.presets.some((p) => p.isGMGSDrum && p.program === 0)).toBe(true);
  });
});
