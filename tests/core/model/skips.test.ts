import { describe, expect, it } from 'vitest';
import { GRID } from '../../../core/codec/events';
import { SkipSpans } from '../../../core/model/skips';

describe('skip spans in grid steps', () => {
  it('move an onset on by the length of each span it falls inside, spans behind it passed', () => {
    // Beats 4-8 and 8-9 (adjacent), and 12-16.
    const k = new SkipSpans([
      { start: 4, end: 8 },
      { start: 8, end: 9 },
      { start: 12, end: 16 },
    ]);
    expect(k.nextStart).toBe(4 * GRID);
    expect(k.landing(3 * GRID)).toBe(3 * GRID);
    // Inside 4-8: on by 4 beats, to 9, past the 8-9 span's end.
    expect(k.landing(5 * GRID)).toBe(9 * GRID);
    expect(k.nextStart).toBe(12 * GRID);
    // At 8.5 (inside 8-9) once 4-8 is behind: on by a beat, to 9.5.
    expect(new SkipSpans([{ start: 8, end: 9 }]).landing(8.5 * GRID)).toBe(9.5 * GRID);
    // Inside 12-16 and, after the jump, past the last.
    expect(k.landing(13 * GRID)).toBe(17 * GRID);
    expect(k.nextStart).toBe(Infinity);
  });

  it('leave time alone when there are none', () => {
    const k = new SkipSpans();
    expect(k.landing(100)).toBe(100);
    expect(k.nextStart).toBe(Infinity);
  });
});
