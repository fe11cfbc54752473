import { describe, expect, it } from 'vitest';
import {
  FAMILY_FEATURES,
  NOTE_FEATURES,
  STYLE_FEATURES,
  styleFeatures,
} from '../../../../core/eval/style/features';
import { jazz, orchestral, rock } from './pieces';

const named = (f: number[] | null): Record<string, number> =>
  Object.fromEntries(STYLE_FEATURES.map((k, i) => [k, f![i]]));

describe('style features', () => {
  it('list what is played first, then the share of each instrument family', () => {
    expect(STYLE_FEATURES).toEqual([...NOTE_FEATURES, ...FAMILY_FEATURES]);
    expect(FAMILY_FEATURES).toHaveLength(15);
    expect(FAMILY_FEATURES).not.toContain('family.drums');
  });

  it('hear a rock backbeat, straight eighths and distorted guitar', () => {
    const f = named(styleFeatures(rock(0)));
    expect(f.tempo).toBeCloseTo(Math.log2(130 / 120), 12);
    expect([f.hasDrums, f.fourOnFloor, f.backbeat, f.swing, f.triple]).toEqual([1, 0.5, 1, 0, 0]);
    expect(f.hatDensity).toBeCloseTo(32 / 15.95, 12); // per beat of the played span
    expect(f['family.guitar']).toBeCloseTo((0.45 * 64) / (0.45 * 64 + 0.9 * 16), 12);
    expect(f['family.bass']).toBeCloseTo(1 - f['family.guitar'], 12);
  });

  it('hear swing, a stepwise walking bass and seventh chords in jazz', () => {
    const f = named(styleFeatures(jazz(0)));
    expect(f.swing).toBe(1);
    expect(f.bassStepwise).toBe(1);
    expect(f.richChords).toBe(1);
    expect(f.backbeat).toBe(0);
  });

  it('hear no drums, long notes, triple meter and strings in orchestral music', () => {
    const f = named(styleFeatures(orchestral(0)));
    expect([f.hasDrums, f.drumOnsets, f.triple, f.compound]).toEqual([0, 0, 1, 0]);
    expect(f.sustained).toBeGreaterThan(0.6);
    expect(f['family.ensemble'] + f['family.strings']).toBeCloseTo(1, 12);
  });

  it('give null for a piece too short to tell', () => {
    const short = rock(0, 1);
    short.notes = short.notes.slice(0, 15);
    expect(styleFeatures(short)).toBeNull();
  });
});
