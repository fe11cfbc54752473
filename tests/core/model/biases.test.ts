import { describe, expect, it } from 'vitest';
import { DURATION_MAX } from '../../../core/codec/events';
import { DURATION_BIAS, durationBias } from '../../../core/model/biases';
import { REPETITION_WINDOW } from '../../../core/model/sampling';

describe('durationBias', () => {
  it('is the plain duration bias when there is no penalty or nothing to repeat', () => {
    const out = new Float64Array(DURATION_MAX + 1);
    expect(durationBias([3, 3], 0, out)).toBe(DURATION_BIAS);
    expect(durationBias([], 3, out)).toBe(DURATION_BIAS);
  });

  it('lowers each duration by the penalty times its share of the window, keeping 0 forbidden', () => {
    const out = new Float64Array(DURATION_MAX + 1).fill(9);
    const b = durationBias([6, 6, 6, 12], 4, out);
    expect(b).toBe(out);
    expect(b[6]).toBeCloseTo((-4 * 3) / REPETITION_WINDOW, 12);
    expect(b[12]).toBeCloseTo(-4 / REPETITION_WINDOW, 12);
    expect(b[0]).toBe(-Infinity);
    expect(b[3]).toBe(0);
    expect(DURATION_BIAS[6]).toBe(0); // the shared bias is not written to
  });
});
