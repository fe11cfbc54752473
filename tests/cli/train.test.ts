import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../cli/commands/data';
import { train as trainRun } from '../../cli/commands/train';
import { TrainingError } from '../../core/errors';
import { CONFIGS } from '../../core/model/config';
import { writeCorpus } from '../fixtures/corpus';
import { ensureCliBuilt } from '../helpers/build';

let root: string;
let data: string;
const cli = (args: string[]): string =>
  execFileSync(process.execPath, ['bin/audiogenesis.js', ...args], { encoding: 'utf8', stdio: 'pipe' });
/** Arguments of a tiny training run into `out`. */
const tinyRun = (out: string, batch: number, time: number, epochs: number): string[] => [
  'train',
  '--data',
  data,
  '--out',
  out,
  '--config',
  'tiny',
  '--batch',
  String(batch),
  '--time',
  String(time),
  '--epochs',
  String(epochs),
  '--patience',
  '99',
];
const train = (out: string, epochs: number, extra: string[] = []): string =>
  cli([...tinyRun(out, 4, 16, epochs), '--seed', '7', ...extra]);
/** Small batches (many batches an epoch), for the kill test. */
const slowRun = (out: string, epochs: number): string[] => tinyRun(out, 2, 8, epochs);

beforeAll(async () => {
  ensureCliBuilt();
  const corpus = writeCorpus();
  root = corpus.root;
  data = join(root, 'scan');
  await scan(corpus.dirs, data, 0);
}, 600_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('audiogenesis train', () => {
  it('prints throughput and validation per epoch, and writes the best model with its config', () => {
    const out = join(root, 'a');
    const log = train(out, 2);
    expect(log).toMatch(
      /epoch 1: train loss [\d.]+, valid loss [\d.]+ \(NLL pitch [\d.]+, step [\d.]+, duration [\d.]+/,
    );
    expect(log).toMatch(/\d+ events\/s/);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config.name).toBe('audiogenesis-lstm-tiny');
    expect(config.training.priors.melody.density).toBeGreaterThan(0);
    // Per-style priors: an object (empty when no style has enough labelled streams in the small corpus).
    expect(typeof config.training.stylePriors).toBe('object');
    expect(existsSync(join(out, 'checkpoint', 'state.json'))).toBe(true);
  });

  it('gives the same weights under the same seed, and resuming gives the same as one run', () => {
    const a = join(root, 'b1');
    const b = join(root, 'b2');
    const c = join(root, 'b3');
    train(a, 2);
    train(b, 2);
    train(c, 1);
    expect(train(c, 2, ['--resume'])).toMatch(/resuming at epoch 2/);
    const w = (dir: string) => readFileSync(join(dir, 'checkpoint', 'weights.bin'));
    expect(w(b).equals(w(a))).toBe(true);
    expect(w(c).equals(w(a))).toBe(true);
  }, 240_000);

  it('loses at most the epoch under way when killed with SIGKILL', async () => {
    const out = join(root, 'k');
    const child = spawn(process.execPath, ['bin/audiogenesis.js', ...slowRun(out, 50)], { stdio: 'ignore' });
    const state = join(out, 'checkpoint', 'state.json');
    const deadline = Date.now() + 300_000; // a hang guard, not a speed check
    while (!existsSync(state) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const saved = JSON.parse(readFileSync(state, 'utf8')) as { epoch: number };
    expect(saved.epoch).toBeGreaterThanOrEqual(1);
    const log = cli([...slowRun(out, saved.epoch + 1), '--resume']);
    expect(log).toContain(`resuming at epoch ${saved.epoch + 1}`);
    expect(JSON.parse(readFileSync(state, 'utf8')).epoch).toBe(saved.epoch + 1);
  });

  it('trains on two threads deterministically, close to one thread, and writes a format-2 band LSTM', () => {
    const [a, b, one] = ['w1', 'w2', 'w0'].map((d) => join(root, d));
    expect(train(a, 2, ['--workers', '2'])).toMatch(/gradients on 2 threads/);
    train(b, 2, ['--workers', '2']);
    train(one, 2);
    const w = (dir: string) => readFileSync(join(dir, 'checkpoint', 'weights.bin'));
    expect(w(b).equals(w(a))).toBe(true);
    const [x, y] = [w(a), w(one)].map((buf) => new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4));
    const diff = x.reduce((m, v, i) => Math.max(m, Math.abs(v - y[i])), 0);
    expect(diff).toBeLessThan(1e-3);
    const config = JSON.parse(readFileSync(join(a, 'config.json'), 'utf8'));
    expect(config.format).toBe(2);
    expect(config.architecture.kind).toBe('band-lstm');
    expect(config.architecture.heads).toEqual(['step', 'pitch', 'duration', 'velocity']);
  }, 240_000);

  it('fine-tunes from a trained model (--init), and refuses another architecture, --resume with it, or no model', () => {
    const base = join(root, 'i0');
    const tuned = join(root, 'i1');
    const fresh = join(root, 'i2');
    train(base, 1);
    expect(train(tuned, 1, ['--init', base, '--lr', '1e-9'])).toContain(
      `starting from the weights in ${base}`,
    );
    train(fresh, 1, ['--lr', '1e-9']);
    const w = (dir: string) => {
      const buf = readFileSync(join(dir, 'checkpoint', 'weights.bin'));
      return new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
    };
    const maxDiff = (x: Float32Array, y: Float32Array) =>
      x.reduce((m, v, i) => Math.max(m, Math.abs(v - y[i])), 0);
    // At a negligible learning rate a run keeps the weights it starts from: the trained ones with --init.
    expect(maxDiff(w(tuned), w(base))).toBeLessThan(1e-5);
    expect(maxDiff(w(fresh), w(base))).toBeGreaterThan(1e-3);
    const stderr = (args: string[]): string => {
      try {
        cli(args);
      } catch (e) {
        return String((e as { stderr: string }).stderr);
      }
      return '';
    };
    expect(stderr([...tinyRun(join(root, 'i3'), 4, 16, 1), '--units', '8', '--init', base])).toMatch(
      /--init .* has another architecture than the configuration/,
    );
    expect(stderr([...tinyRun(tuned, 4, 16, 2), '--resume', '--init', base])).toMatch(
      /--resume and --init exclude each other/,
    );
    expect(stderr([...tinyRun(join(root, 'i4'), 4, 16, 1), '--init', join(root, 'nothing')])).toMatch(
      /cannot start from .*nothing/,
    );
    // The same architecture with its config.json fields in another order is the same architecture.
    const reordered = join(root, 'i5');
    cpSync(base, reordered, { recursive: true });
    const file = join(reordered, 'config.json');
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    saved.architecture = Object.fromEntries(Object.entries(saved.architecture).reverse());
    writeFileSync(file, JSON.stringify(saved, null, 2));
    expect(train(join(root, 'i6'), 1, ['--init', reordered, '--lr', '1e-9'])).toContain(
      `starting from the weights in ${reordered}`,
    );
  }, 240_000);

  it('keeps the decoding settings of the weights it starts from (--init), and through --resume', () => {
    const config = (dir: string) => JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    const base = join(root, 'd0');
    train(base, 1);
    // A run from random weights has no decoding settings of its own.
    expect(config(base).sampling).toBeUndefined();
    const sampling = {
      roles: { melody: { pitch: 1.15 }, bass: { pitch: 0.5, step: 0.6 } },
      repetition: { melody: 3 },
    };
    writeFileSync(join(base, 'config.json'), JSON.stringify({ ...config(base), sampling }, null, 2));
    const tuned = join(root, 'd1');
    expect(train(tuned, 1, ['--init', base, '--lr', '1e-9'])).toContain(
      `starting from the weights in ${base} (its decoding settings kept in config.json)`,
    );
    expect(config(tuned).sampling).toEqual(sampling);
    expect(config(join(tuned, 'checkpoint')).sampling).toEqual(sampling);
    expect(train(tuned, 2, ['--resume'])).toContain('resuming at epoch 2');
    expect(config(join(tuned, 'checkpoint')).sampling).toEqual(sampling);
    expect(config(tuned).sampling).toEqual(sampling);
  }, 240_000);

  it('resizes a configuration, and refuses sizes it does not have', () => {
    const out = join(root, 'r');
    cli([...tinyRun(out, 4, 16, 1), '--units', '8,6', '--head-units', '5']);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config.architecture.units).toEqual([8, 6]);
    expect(config.architecture.headUnits).toBe(5);
    let err = '';
    try {
      cli([...tinyRun(out, 4, 16, 1), '--units', '8,x']);
    } catch (e) {
      err = String((e as { stderr: string }).stderr);
    }
    expect(err).toMatch(/--units takes whole numbers/);
  });

  it('refuses a folder that is not a scan output with a clear error', () => {
    let err = '';
    try {
      cli(['train', '--data', root, '--out', join(root, 'x')]);
    } catch (e) {
      err = String((e as { stderr: string }).stderr);
    }
    expect(err).toMatch(/DataError: .* is not a scan output/);
  });

  it('stops a diverging run (--lr 1e9, past the CLI cap) with TrainingError and saves nothing as best', async () => {
    const out = join(root, 'diverged');
    const o = { data, out, config: CONFIGS.tiny(), epochs: 2, resume: false, seed: 7, batch: 4, time: 16 };
    const err = await trainRun({ ...o, lr: 1e9, patience: 99 }, () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingError);
    expect((err as Error).message).toMatch(
      /^training diverged at (batch \d+ of epoch 1|epoch 1 \(validation\)): loss /,
    );
    for (const f of ['weights.bin', 'model.json', 'config.json', 'checkpoint'])
      expect(existsSync(join(out, f))).toBe(false);
  });
});
