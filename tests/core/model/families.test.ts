import { describe, expect, it } from 'vitest';
import { familyId } from '../../../core/features/family';
import { DEFAULT_PROGRAMS, roleFamily, SYNTH_LEAD_MELODY_AS } from '../../../core/model/families';

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
});
