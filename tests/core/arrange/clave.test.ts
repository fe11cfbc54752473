import { describe, expect, it } from 'vitest';
import { addClave, CLAVES, SON_CLAVE } from '../../../core/arrange/clave';
import type { ArrangementPlan } from '../../../core/arrange/plan';
import { note, section } from '../../helpers/notes';

const plan = (style: ArrangementPlan['style'], numerator = 4): Parameters<typeof addClave>[1] => ({
  style,
  meter: { numerator, denominator: 4 },
  sections: [
    section('intro', 0, 4, ['melody']),
    section('verse', 4, 14, ['melody', 'drums']),
    section('chorus', 14, 18, ['drums']),
  ],
});

describe('the clave of latin music', () => {
  it('plays the 3-2 son clave on claves where the drums play, restarting at each section', () => {
    const kept = note('melody', 72, 0, 1);
    const out = addClave([kept], plan('latin'));
    expect(out[0]).toBe(kept);
    const claves = out.slice(1);
    expect(claves.every((n) => n.pitch === CLAVES && n.isDrum && n.role === 'drums')).toBe(true);
    expect(claves.every((n) => n.origin === 'rule' && n.by === 'clave')).toBe(true);
    // Verse 4..14: one whole pattern from 4, then from 12 only what fits before 14; chorus from 14.
    expect(claves.map((n) => n.start)).toEqual([
      ...SON_CLAVE.map((b) => 4 + b),
      12,
      13.5,
      ...SON_CLAVE.filter((b) => b < 4).map((b) => 14 + b),
    ]);
    expect(Math.max(...claves.map((n) => n.end))).toBeLessThanOrEqual(18);
  });

  it('does not double a stroke the model already played on the claves', () => {
    const own = { ...note('drums', CLAVES, 5.5, 5.6), origin: 'model' as const };
    const out = addClave([own], plan('latin'));
    expect(out.filter((n) => Math.abs(n.start - 5.5) < 1e-9)).toEqual([own]);
    expect(out.filter((n) => n.by === 'clave')).toHaveLength(SON_CLAVE.length + 2 + 3 - 1);
  });

  it('leaves other styles and meters other than 4/4 alone', () => {
    const ns = [note('drums', 36, 4, 4.25)];
    expect(addClave(ns, plan('jazz'))).toEqual(ns);
    expect(addClave(ns, plan('latin', 3))).toEqual(ns);
  });
});
