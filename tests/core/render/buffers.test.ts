import { afterEach, describe, expect, it } from 'vitest';
import { borrow, giveBack, MAX_HELD_BYTES, releaseBuffers } from '../../../core/render/buffers';

afterEach(() => releaseBuffers());

describe('render buffers', () => {
  it('lends zero-filled arrays, reusing the memory of one given back', () => {
    const a = borrow(1000);
    expect(a.length).toBe(1000);
    a.fill(7);
    giveBack(a);
    const b = borrow(600);
    expect(b.buffer).toBe(a.buffer);
    expect(b.length).toBe(600);
    expect(b.every((x) => x === 0)).toBe(true);
    // Lent again: the next array is new memory.
    expect(borrow(600).buffer).not.toBe(a.buffer);
  });

  it('lends the smallest buffer that is large enough, and new memory when none is', () => {
    const small = borrow(100);
    const large = borrow(10000);
    giveBack(large, small);
    expect(borrow(50).buffer).toBe(small.buffer);
    expect(borrow(20000).buffer).not.toBe(large.buffer);
    expect(borrow(5000).buffer).toBe(large.buffer);
  });

  it('keeps a buffer once however often it is given back, and nothing past the cap or after release', () => {
    const a = borrow(10);
    giveBack(a, a, a.subarray(2, 5));
    expect(borrow(10).buffer).toBe(a.buffer);
    expect(borrow(10).buffer).not.toBe(a.buffer);
    const huge = new Float32Array(MAX_HELD_BYTES / 4 + 1);
    giveBack(huge);
    expect(borrow(10).buffer).not.toBe(huge.buffer);
    const c = borrow(10);
    giveBack(c);
    releaseBuffers();
    expect(borrow(10).buffer).not.toBe(c.buffer);
  });
});
