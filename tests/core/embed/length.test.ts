import { describe, expect, it } from 'vitest';
import { embed } from '../../../core/embed';
import { findLength } from '../../../core/embed/length';

describe('lengths asked for in a prompt', () => {
  it('reads hours, and says when a length is clamped', () => {
    expect(findLength('a 10 hour piece')).toEqual({
      value: 3600,
      text: '10 hour',
      asked: 36000,
      note: 'length 3600 s: clamped ("10 hour" is 36000 s; the embedder reads at most 3600 s)',
    });
    const r = embed('a 10 hour piece of calm piano');
    expect(r.seconds).toBe(3600);
    expect(r.explanation[0]).toMatch(/^length 3600 s: clamped/);
    expect(r.adjustments).toMatchObject([{ field: 'seconds', text: '10 hour', asked: 36000, used: 3600 }]);
    expect(r.lengthSource).toEqual({ from: 'prompt', text: '10 hour' });
  });

  it('reads "-5 seconds" without its sign and says so, but not a list dash or "30-second"', () => {
    expect(findLength('-5 seconds of jazz')).toMatchObject({ value: 5, asked: -5, text: '-5 seconds' });
    expect(embed('-5 seconds of jazz').explanation[0]).toBe(
      'length 5 s: "-5 seconds" read without its minus sign (a length cannot be negative)',
    );
    expect(findLength('logo sting - 5 seconds')).toEqual({ value: 5, text: '5 seconds' });
    expect(findLength('a 30-second spot')).toEqual({ value: 30, text: '30-second spot' });
  });

  it('keeps an in-range length as asked, with no adjustment', () => {
    const r = embed('a 15 minute ambient bed');
    expect(r.seconds).toBe(900);
    expect(r.adjustments).toEqual([]);
    expect(r.explanation[0]).toBe('length 900 s: asked for ("15 minute")');
  });
});
