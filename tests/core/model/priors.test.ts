import { describe, expect, it } from 'vitest';
import type { Conditioning } from '../../../core/conditioning';
import { defaultConditioning } from '../../../core/conditioning';
import { ModelLoadError } from '../../../core/errors';
import { checkConfig } from '../../../core/model/config';
import {
  checkRolePriors,
  checkStylePriors,
  FALLBACK_PRIORS,
  measurePriors,
  measureStylePriors,
  MIN_STYLE_STREAMS,
  REGISTER_SHIFT,
  roleConditioning,
} from '../../../core/model/priors';
import { tinyConfig } from '../../fixtures/tiny-model';

const row = (role: string, style: string, density: number, register = 0.3) => ({
  role,
  style,
  conditioning: { ...defaultConditioning(), density, register } as Conditioning,
});
const rows = (n: number, role: string, style: string, density: number, register?: number) =>
  Array.from({ length: n }, () => row(role, style, density, register));

describe('priors per role and per style', () => {
  it('measures the median of each role, falling back where a role has no stream', () => {
    const p = measurePriors([
      row('drums', 'hiphop', 0.2),
      row('drums', 'hiphop', 0.6),
      row('drums', 'jazz', 0.4),
    ]);
    expect(p.drums).toEqual({ density: 0.4, register: 0.3, dynamics: 0.6 });
    expect(p.melody).toEqual(FALLBACK_PRIORS.melody);
  });

  it('measures a style only for the accompaniment roles with enough streams, never for unknown', () => {
    const sp = measureStylePriors([
      ...rows(MIN_STYLE_STREAMS, 'drums', 'hiphop', 0.6, 0.25),
      ...rows(MIN_STYLE_STREAMS - 1, 'bass', 'hiphop', 0.3),
      ...rows(MIN_STYLE_STREAMS, 'drums', 'unknown', 0.9),
      ...rows(MIN_STYLE_STREAMS - 1, 'drums', 'jazz', 0.3),
      // The melody keeps the overall prior: the styled corpora's melodies are riffs, not tunes.
      ...rows(MIN_STYLE_STREAMS, 'melody', 'hiphop', 0.5),
    ]);
    expect(sp).toEqual({ hiphop: { drums: { density: 0.6, register: 0.25, dynamics: 0.6 } } });
  });

  it("writes a role at its style's median density and register, else at the role's", () => {
    const stylePriors = { hiphop: { drums: { density: 0.6, register: 0.25, dynamics: 0.6 } } };
    const piece = { ...defaultConditioning(), style: 'hiphop' as const, density: 0.3, register: 0.5 };
    expect(roleConditioning(piece, 'drums', FALLBACK_PRIORS, stylePriors)).toMatchObject({
      density: 0.6,
      register: 0.25,
    });
    // Busier piece: density scales around the style's median (each +0.4 doubles it).
    expect(
      roleConditioning({ ...piece, density: 0.5 }, 'drums', FALLBACK_PRIORS, stylePriors).density,
    ).toBeCloseTo(0.6 * 2 ** 0.5);
    expect(roleConditioning(piece, 'bass', FALLBACK_PRIORS, stylePriors).density).toBe(
      FALLBACK_PRIORS.bass.density,
    );
    expect(roleConditioning({ ...piece, style: 'jazz' }, 'drums', FALLBACK_PRIORS, stylePriors).density).toBe(
      FALLBACK_PRIORS.drums.density,
    );
    expect(roleConditioning(piece, 'drums').density).toBe(FALLBACK_PRIORS.drums.density);
  });

  it("moves every role's register as far as the piece's is from 0.5, at most REGISTER_SHIFT, within 0..1", () => {
    const piece = { ...defaultConditioning(), register: 0.4 };
    expect(roleConditioning(piece, 'melody').register).toBeCloseTo(FALLBACK_PRIORS.melody.register - 0.1, 9);
    expect(roleConditioning(piece, 'bass').register).toBeCloseTo(FALLBACK_PRIORS.bass.register - 0.1, 9);
    expect(roleConditioning({ ...piece, register: 1 }, 'melody').register).toBeCloseTo(
      FALLBACK_PRIORS.melody.register + REGISTER_SHIFT.up,
      9,
    );
    expect(roleConditioning({ ...piece, register: 0 }, 'bass').register).toBe(0);
    const high = { melody: { density: 0.2, register: 0.9, dynamics: 0.6 } };
    expect(
      roleConditioning({ ...piece, register: 1 }, 'melody', { ...FALLBACK_PRIORS, ...high }).register,
    ).toBe(1);
  });
});

describe('checkStylePriors', () => {
  const prior = { density: 0.6, register: 0.23, dynamics: 0.64 };

  it('accepts no priors and priors of known styles and roles', () => {
    expect(checkStylePriors(undefined)).toBeUndefined();
    const ok = { hiphop: { drums: prior, bass: prior }, funk: { bass: prior } };
    expect(checkStylePriors(ok)).toEqual(ok);
    expect(() => checkConfig({ ...tinyConfig(), training: { stylePriors: ok } })).not.toThrow();
  });

  it.each([
    [3, 'is not an object'],
    [{ grunge: { drums: prior } }, 'names no style "grunge"'],
    [{ funk: { horns: prior } }, 'funk names no role "horns"'],
    [
      { funk: { bass: { ...prior, density: 1.5 } } },
      'funk.bass needs density, register and dynamics in 0..1',
    ],
    [{ funk: { bass: { density: 0.2, register: 0.2 } } }, 'funk.bass needs'],
    [{ funk: { bass: { ...prior, register: '0.2' } } }, 'funk.bass needs'],
  ])('rejects %j with ModelLoadError, also when a config is loaded', (raw, message) => {
    expect(() => checkStylePriors(raw)).toThrow(ModelLoadError);
    expect(() => checkStylePriors(raw)).toThrow(message);
    expect(() => checkConfig({ ...tinyConfig(), training: { stylePriors: raw } })).toThrow(ModelLoadError);
  });
});

describe('checkRolePriors', () => {
  const prior = { density: 0.3, register: 0.5, dynamics: 0.6 };
  const all = { melody: prior, harmony: prior, bass: prior, drums: prior };

  it('accepts no priors and a prior for every role (measured ones too)', () => {
    expect(checkRolePriors(undefined)).toBeUndefined();
    expect(checkRolePriors(all)).toEqual(all);
    expect(checkRolePriors(FALLBACK_PRIORS)).toEqual(FALLBACK_PRIORS);
    expect(() => checkConfig({ ...tinyConfig(), training: { priors: all } })).not.toThrow();
  });

  it.each([
    ['not an object', 'x', 'training.priors is not an object'],
    ['a role missing', { melody: prior, harmony: prior, bass: prior }, 'training.priors.drums needs'],
    ['an unknown role', { ...all, horns: prior }, 'training.priors names no role "horns"'],
    ['density NaN', { ...all, bass: { ...prior, density: NaN } }, 'training.priors.bass needs density'],
    ['register over 1', { ...all, melody: { ...prior, register: 1.2 } }, 'training.priors.melody needs'],
  ])('rejects %s with ModelLoadError, also when a config is loaded', (_, raw, message) => {
    expect(() => checkRolePriors(raw)).toThrow(ModelLoadError);
    expect(() => checkRolePriors(raw)).toThrow(message);
    expect(() => checkConfig({ ...tinyConfig(), training: { priors: raw } })).toThrow(ModelLoadError);
  });
});
