import { describe, expect, it } from 'vitest';
import { divergenceCheck, guessLoss } from '../../../cli/train/diverged';
import { TrainingError } from '../../../core/errors';
import { CONFIGS } from '../../../core/model/config';

describe('divergenceCheck', () => {
  it('passes ordinary losses, and stops NaN, infinite and far-worse-than-guessing ones', () => {
    const config = CONFIGS.tiny();
    const check = divergenceCheck(config);
    const guess = guessLoss(config);
    expect(guess).toBeCloseTo(Math.log(129) + Math.log(49) + Math.log(97) + Math.log(16), 6);
    expect(() => check(guess * 1.1, 'epoch 1', 0.002)).not.toThrow();
    for (const loss of [NaN, Infinity, 1e10])
      expect(() => check(loss, 'batch 3 of epoch 1', 1)).toThrow(TrainingError);
    expect(() => check(NaN, 'epoch 2 (validation)', 0.5)).toThrow(
      /^training diverged at epoch 2 \(validation\): loss NaN \(a uniform guess scores 16\.1\); nothing from this epoch was saved\. Lower --lr \(now 0\.5\)/,
    );
  });
});
