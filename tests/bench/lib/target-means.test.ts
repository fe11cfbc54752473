import { describe, expect, it } from 'vitest';
import { meanTargets } from '../../../bench/lib/target-means';
import type { TargetRow } from '../../../core/eval/model-targets';

const row = (
  figure: string,
  value: number,
  met: boolean,
  wanted = '>= 40',
  keyChecks?: number,
): TargetRow => ({
  figure,
  set: 'default',
  value,
  reference: NaN,
  wanted,
  met,
  ...(keyChecks === undefined ? {} : { keyChecks }),
});

describe('meanTargets', () => {
  it("averages each figure over a group's runs, lines up the key rows, and counts targets met per run", () => {
    const { rows, met } = meanTargets([
      {
        name: 'before',
        runs: [
          [row('style', 30, false), row('relevance.CK', 100, true, '>= 90', 2)],
          [row('style', 50, true), row('relevance.CK', 90, true, '>= 90', 0)],
        ],
      },
      {
        name: 'after',
        runs: [[row('style', 41, true), row('relevance.CK', 80, false, '>= 90', 1)]],
      },
    ]);
    expect(rows).toEqual([
      { figure: 'style', set: 'default', wanted: '>= 40', means: [40, 41] },
      { figure: 'relevance.CK', set: 'default', wanted: '>= 90', means: [95, 80] },
    ]);
    expect(met).toEqual([[1, 2], [1]]);
  });

  it('gives NaN for a group without the figure', () => {
    const { rows } = meanTargets([
      { name: 'a', runs: [[row('mgeval', 0.7, false)]] },
      { name: 'b', runs: [[]] },
    ]);
    expect(rows[0].means[0]).toBeCloseTo(0.7, 12);
    expect(rows[0].means[1]).toBeNaN();
  });
});
