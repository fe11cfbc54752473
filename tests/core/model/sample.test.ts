import { describe, expect, it } from 'vitest';
import { sampleLogits, softmax } from '../../../core/model/sample';
import { seededRandom } from '../../../core/random';

describe('sampling', () => {
  it('keeps to the nucleus: values outside top-p are never drawn', () => {
    const logits = [Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05)];
    const rng = seededRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(sampleLogits(logits, rng, { topP: 0.75 }));
    expect([...seen].sort()).toEqual([0, 1]);
  });
  it('follows the probabilities at temperature 1 and top-p 1', () => {
    const logits = [0, Math.log(3)];
    const rng = seededRandom(2);
    let ones = 0;
    for (let i = 0; i < 4000; i++) ones += sampleLogits(logits, rng, { topP: 1 });
    expect(ones / 4000).toBeGreaterThan(0.72);
    expect(ones / 4000).toBeLessThan(0.78);
  });
  it('is deterministic under a seed and honours -Infinity bias', () => {
    const logits = Array.from({ length: 50 }, (_, i) => Math.sin(i));
    const bias = logits.map((_, i) => (i % 2 ? -Infinity : 0));
    const draw = (seed: number) => {
      const rng = seededRandom(seed);
      return Array.from({ length: 100 }, () => sampleLogits(logits, rng, { temperature: 1.5, bias }));
    };
    expect(draw(4)).toEqual(draw(4));
    expect(draw(4).every((i) => i % 2 === 0)).toBe(true);
    expect(softmax([1, 2, 3]).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});
