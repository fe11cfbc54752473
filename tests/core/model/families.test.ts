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

  it('writes a melody on a synth lead (80-87) as a pipe melody, and other roles on it as synths', () => {
    for (const lead of [80, 81, 87]) {
      expect(roleFamily('melody', lead)).toBe(familyId(SYNTH_LEAD_MELODY_AS));
      expect(roleFamily('melody', lead)).toBe(familyId(73));
      expect(roleFamily('harmony', lead)).toBe(familyId(lead));
      expect(roleFamily('harmony', lead)).not.toBe(familyId(SYNTH_LEAD_MELODY_AS));
    }
    expect(roleFamily('melody', 89)).toBe(familyId(89));
    expect(roleFamily('melody', 79)).toBe(familyId(79));
  });

  it('writes a melody on brass (56-63) as a string ensemble melody, and other roles on it as brass', () => {
    for (const brass of [56, 60, 61, 63]) {
      expect(roleFamily('melody', brass)).toBe(familyId(BRASS_MELODY_AS));
      expect(roleFamily('melody', brass)).toBe(familyId(48));
      expect(roleFamily('harmony', brass)).toBe(familyId(brass));
      expect(roleFamily('harmony', brass)).not.toBe(familyId(BRASS_MELODY_AS));
    }
    expect(roleFamily('melody', 55)).toBe(familyId(55));
    expect(roleFamily('melody', 64)).toBe(familyId(64));
  });
});
