import { describe, expect, it } from 'vitest';
import { MOVE_BINS, MoveTally } from '../../../bench/lib/melody-moves';
import { moveShares } from '../../../core/eval/roles';

describe('MoveTally', () => {
  it('pools lines by weight and puts wide intervals in the last bin', () => {
    const t = new MoveTally();
    t.add([0, 2, 20], 1);
    t.add([2], 3);
    t.add([], 5); // no melody: not a line
    expect([t.lines, t.moves, t.weight]).toEqual([2, 4, 6]);
    const h = t.histogram();
    expect(h[0]).toBeCloseTo(1 / 6);
    expect(h[2]).toBeCloseTo(4 / 6);
    expect(h[MOVE_BINS]).toBeCloseTo(1 / 6);
    expect(h.reduce((s, x) => s + x, 0)).toBeCloseTo(1);
    const s = t.shares();
    expect(s.repeat).toBeCloseTo(1 / 6);
    expect(s.step).toBeCloseTo(4 / 6);
    expect(s.leap).toBeCloseTo(1 / 6);
  });

  it('agrees with moveShares for lines of one weight', () => {
    const t = new MoveTally();
    const lines = [
      [0, 1, 5],
      [7, 2],
      [0, 0, 3, 4],
    ];
    for (const l of lines) t.add(l);
    const s = moveShares(lines.flat());
    expect(t.shares().repeat).toBeCloseTo(s.repeat);
    expect(t.shares().step).toBeCloseTo(s.step);
    expect(t.shares().leap).toBeCloseTo(s.leap);
  });
});
