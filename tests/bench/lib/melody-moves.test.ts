import { describe, expect, it } from 'vitest';
import { MOVE_BINS, MoveTally, melodyMoves, moveShares } from '../../../bench/lib/melody-moves';
import { note } from '../../helpers/notes';

const tune = (pitches: number[]) => pitches.map((p, i) => note('melody', p, i, i + 1));

describe('melodyMoves', () => {
  it('reads the line as the evaluation does: the highest note of each onset, in time order', () => {
    const notes = [...tune([60, 62, 62, 67]), note('melody', 72, 1, 2), note('melody', 55, 3, 4)];
    // Onset 1's highest is 72: 60 -> 72 -> 62 -> 67.
    expect(melodyMoves([...notes].reverse())).toEqual([12, 10, 5]);
  });

  it('has no moves for a single note or none', () => {
    expect(melodyMoves(tune([64]))).toEqual([]);
    expect(melodyMoves([])).toEqual([]);
  });
});

describe('moveShares', () => {
  it('counts a repeat as 0, a step as 1-2 semitones and a leap as more', () => {
    expect(moveShares([0, 1, 2, 3, 0, 12, 2, 2])).toEqual({ repeat: 0.25, step: 0.5, leap: 0.25 });
  });
});

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
