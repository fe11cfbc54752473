import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { command } from '../../../cli/commands/data';
import { readStyleClassifier, readStylePieces } from '../../../cli/eval/style';
import { sequenceToMidi } from '../../../core/codec/midi';
import { DataError, UsageError } from '../../../core/errors';
import type { NoteSequence } from '../../../core/sequence';
import { jazz, orchestral, rock } from '../../core/eval/style/pieces';

let root: string;
const styles: [string, (v: number) => NoteSequence][] = [
  ['rock', rock],
  ['jazz', jazz],
  ['orchestral', orchestral],
];

/** A labelled corpus folder: `count` pieces a style, labels as given (swap: each labelled as the next style). */
function corpus(name: string, from: number, count: number, swap = false): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const lines = ['file,style,style_confidence'];
  styles.forEach(([style, make], s) => {
    for (let i = from; i < from + count; i++) {
      writeFileSync(join(dir, `${style}-${i}.mid`), sequenceToMidi(make(i)));
      lines.push(`${style}-${i}.mid,${swap ? styles[(s + 1) % 3][0] : style},high`);
    }
  });
  writeFileSync(join(dir, `extra-0.mid`), sequenceToMidi(rock(99)));
  lines.push('extra-0.mid,rock,low');
  writeFileSync(join(dir, 'labels.csv'), lines.join('\n') + '\n');
  return dir;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ag-style-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('audiogenesis data train-style', () => {
  it('reads only pieces with a trustworthy style label', () => {
    const read = readStylePieces([corpus('peek', 0, 2)]);
    expect(read.pieces.map((p) => p.style).sort()).toEqual([
      'jazz',
      'jazz',
      'orchestral',
      'orchestral',
      'rock',
      'rock',
    ]);
    expect(read.left).toEqual({ 'no trustworthy style (low confidence)': 1 });
  });

  it('trains, prints held-out accuracy per style and the confusion matrix, writes the classifier', async () => {
    const out = join(root, 'style.json');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const code = await command.run([
      'train-style',
      corpus('train', 0, 8),
      '--holdout',
      corpus('test', 50, 3),
      '--out',
      out,
    ]);
    const printed = log.mock.calls.map((c) => String(c[0])).join('\n');
    log.mockRestore();
    expect(code).toBe(0);
    expect(printed).toMatch(
      /full model: top-1 100\.0% \(100\.0% averaged over styles\), top-3 100\.0% of 9 held-out pieces/,
    );
    expect(printed).toMatch(/^ {2}jazz +3 +top-1 100\.0%/m);
    expect(printed).toMatch(/confusion \(rows: true, columns: predicted\): rock jazz orch/);
    expect(printed).toMatch(/left out 1: no trustworthy style \(low confidence\)/);
    const c = readStyleClassifier(out);
    expect(c.classes).toEqual(['rock', 'jazz', 'orchestral']);
    expect(c.training.holdout?.notes.accuracy).toBe(1);
  });

  it('exits 1 when the held-out accuracy is below its target', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const code = await command.run([
      'train-style',
      join(root, 'train'),
      '--holdout',
      corpus('swapped', 70, 3, true),
      '--out',
      join(root, 's2.json'),
    ]);
    const message = err.mock.calls.map((c) => String(c[0])).join('\n');
    log.mockRestore();
    err.mockRestore();
    expect(code).toBe(1);
    expect(message).toMatch(/held-out accuracy 0\.0% is below the target 50%/);
  });

  it('refuses bad usage and unreadable classifier files with typed errors', async () => {
    await expect(command.run(['train-style', '--out', join(root, 'x.json')])).rejects.toThrow(UsageError);
    await expect(command.run(['train-style', join(root, 'train')])).rejects.toThrow(/--out is required/);
    expect(() => readStyleClassifier(join(root, 'none.json'))).toThrow(DataError);
    writeFileSync(join(root, 'bad.json'), '{');
    expect(() => readStyleClassifier(join(root, 'bad.json'))).toThrow(/not valid JSON/);
    expect(readFileSync(join(root, 'style.json'), 'utf8').length).toBeGreaterThan(100);
  });
});
