import { describe, expect, it } from 'vitest';
import { parseTrainOptions } from '../../../cli/train/options';
import { UsageError } from '../../../core/errors';

describe('parseTrainOptions', () => {
  it('gives the documented defaults, the band LSTM with a quarter of windows restarted', () => {
    const o = parseTrainOptions(['--data', 'scan', '--out', 'model']);
    expect(o).toMatchObject({
      data: 'scan',
      out: 'model',
      epochs: 10,
      resume: false,
      seed: 1,
      batch: 64,
      time: 64,
      lr: 0.002,
      patience: 3,
      workers: 1,
      restarts: 0.25,
    });
    expect(o.maxMinutes).toBeUndefined();
    expect(o.limitBatches).toBeUndefined();
    expect(o.init).toBeUndefined();
    expect(o.config.architecture.kind).toBe('band-lstm');
  });

  it("takes the baseline's own learning rate and no restarts, and reads every option given", () => {
    const o = parseTrainOptions([
      '--data=s',
      '--out=o',
      '--config=baseline',
      '--epochs=2',
      '--seed=9',
      '--max-minutes=1.5',
      '--limit-batches=7',
      '--workers=2',
    ]);
    expect(o).toMatchObject({ lr: 0.005, restarts: 0, epochs: 2, seed: 9, maxMinutes: 1.5, limitBatches: 7 });
    expect(o.workers).toBe(2);
    expect(o.config.architecture.kind).toBe('seed-baseline');
  });

  it('refuses a missing folder, an unknown config, --resume with --init and values out of range', () => {
    const bad = [
      ['--out', 'o'],
      ['--data', 's', '--out', 'o', '--config', 'huge'],
      ['--data', 's', '--out', 'o', '--resume', '--init', 'm'],
      ['--data', 's', '--out', 'o', '--lr', '0'],
      ['--data', 's', '--out', 'o', '--epochs', '0'],
      ['--data', 's', '--out', 'o', '--workers', '17'],
      ['--data', 's', '--out', 'o', '--max-minutes', '0'],
    ];
    for (const argv of bad) expect(() => parseTrainOptions(argv), argv.join(' ')).toThrow(UsageError);
  });
});
