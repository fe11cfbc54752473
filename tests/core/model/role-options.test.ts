import { describe, expect, it } from 'vitest';
import { defaultMaxStack } from '../../../core/model/role-options';

describe('defaultMaxStack', () => {
  it("takes the role's stack, capped by the voices of the role's instrument", () => {
    expect(defaultMaxStack('harmony')).toBe(6);
    expect(defaultMaxStack('drums')).toBe(4);
    expect(defaultMaxStack('melody')).toBe(3);
    expect(defaultMaxStack('melody', 0)).toBe(3); // piano
    expect(defaultMaxStack('melody', 65)).toBe(1); // alto sax
    expect(defaultMaxStack('bass', 43)).toBe(2); // contrabass
    expect(defaultMaxStack('harmony', 48)).toBe(6); // string ensemble
    expect(defaultMaxStack('drums', 65)).toBe(4); // a drum kit's program is no instrument's
  });
});
