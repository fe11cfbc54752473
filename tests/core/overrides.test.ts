import { describe, expect, it } from 'vitest';
import { conditioningVector } from '../../core/conditioning';
import { embed } from '../../core/embed';
import { applyOverrides } from '../../core/overrides';

describe('applyOverrides', () => {
  const reading = embed('upbeat tech launch, 128 bpm in E major, electronic');

  it('returns the reading itself when nothing is overridden', () => {
    expect(applyOverrides(reading, undefined)).toBe(reading);
    expect(applyOverrides(reading, { tempo: undefined })).toBe(reading);
  });

  it('sets the conditioning, the flat fields, the sources and one explanation line per override', () => {
    const out = applyOverrides(reading, { tempo: 84, key: { tonic: 2, mode: 'minor' }, meter: undefined });
    expect(out.conditioning.tempo).toBe(84);
    expect(out.conditioning.key).toEqual({ tonic: 2, mode: 'minor' });
    expect(out.conditioning.meter).toEqual(reading.conditioning.meter);
    expect(out.conditioning.style).toBe(reading.conditioning.style);
    expect(out.tempo).toBe(84);
    expect(out.statedBpm).toBe(84);
    expect(out.key).toEqual({ tonic: 'D', mode: 'minor' });
    expect(out.vector).toEqual(conditioningVector(out.conditioning));
    expect(out.sources).toMatchObject({ tempo: 'explicit', key: 'explicit' });
    expect(out.explanation.slice(0, 2)).toEqual([
      'tempo 84 bpm: set by the editor (the prompt read 128)',
      'key D minor: set by the editor (the prompt read E major)',
    ]);
    expect(out.explanation.slice(2)).toEqual(reading.explanation);
  });

  it('sets every segment of a timed script too, and drums follow the roles chosen', () => {
    const script = embed('Part one: calm piano intro.\n\nPart two: big drums and energy, 120 bpm.');
    expect(script.segments.length).toBeGreaterThan(1);
    const out = applyOverrides(script, { style: 'cinematic', roles: ['harmony', 'bass'] });
    for (const s of out.segments) {
      expect(s.conditioning.style).toBe('cinematic');
      expect(s.conditioning.roles).toEqual(['harmony', 'bass']);
      expect(s.style).toBe('cinematic');
      expect(s.drums).toBe(false);
      expect(s.sources).toMatchObject({ style: 'explicit', instruments: 'explicit' });
    }
    expect(out.drums).toBe(false);
  });
});
