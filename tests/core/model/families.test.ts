import { describe, expect, it } from 'vitest';
import { familyId } from '../../../core/features/family';
import {
  BRASS_MELODY_AS,
  DEFAULT_PROGRAMS,
  roleFamily,
  SYNTH_LEAD_MELODY_AS,
} from '../../../core/model/families';

describe('roleFamily', () => {
  it("is the program's family, the role's default program's when none is given", () => {
    expect(roleFamily('harmony', 48)).toBe(familyId(48));
    expect(roleFamily('bass')).toBe(familyId(DEFAULT_PROGRAMS.bass));
    expect(roleFamily('drums')).toBe(familyId(0, true));
  });

  // A family whose corpus parts are not tunes: its melody is written as another family's, other roles not.
  it.each([
    { family: 'synth lead', programs: [80, 81, 87], as: SYNTH_LEAD_MELODY_AS, gm: 73, outside: [79, 89] },
    { family: 'brass', programs: [56, 60, 61, 63], as: BRASS_MELODY_AS, gm: 48, outside: [55, 64] },
  ])('writes a melody on $family as program $gm writes one, and other roles on it as $family', (c) => {
    expect(c.as).toBe(c.gm);
    for (const p of c.programs) {
      expect(roleFamily('melody', p)).toBe(familyId(c.gm));
      expect(roleFamily('harmony', p)).toBe(familyId(p));
      expect(roleFamily('harmony', p)).not.toBe(familyId(c.gm));
    }
    for (const p of c.outside) expect(roleFamily('melody', p)).toBe(familyId(p));
  });
});
