import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../../cli/commands/data';
import { CORPUS_STYLE_BASIS, parseCorpusStyles, withCorpusStyle } from '../../../cli/scan/corpus-style';
import type { ScanTask } from '../../../cli/scan/layout';
import { UsageError } from '../../../core/errors';
import type { CorpusRow } from '../../../core/features/corpus';
import { writeCorpus } from '../../fixtures/corpus';
import { ensureCliBuilt } from '../../helpers/build';

let corpus: { root: string; dirs: string[] };
let out: string;
beforeAll(() => {
  corpus = writeCorpus();
  out = mkdtempSync(join(tmpdir(), 'ag-corpus-style-'));
});
afterAll(() => {
  for (const d of [corpus.root, out]) rmSync(d, { recursive: true, force: true });
});

const task = (corpus: string, style?: string): ScanTask => ({
  path: `/x/${corpus}/a.mid`,
  id: `${corpus}/a.mid`,
  song: `${corpus}/a`,
  corpus,
  labels: style ? { style, confidence: 'medium' } : {},
  drumKit: 'gm',
});

describe('parseCorpusStyles', () => {
  it('reads CORPUS=STYLE values (the style in any case, spaces trimmed)', () => {
    expect(parseCorpusStyles(['pop909=pop', ' emopia = Jazz '])).toEqual({ pop909: 'pop', emopia: 'jazz' });
    expect(parseCorpusStyles([])).toEqual({});
  });

  it("reads a style's other names as a corpus label's are read (styleOfLabel)", () => {
    expect(parseCorpusStyles(['pop909=hip-hop', 'emopia=Gospel'])).toEqual({
      pop909: 'hiphop',
      emopia: 'soul',
    });
  });

  it.each([['pop909'], ['=pop'], ['pop909=polka'], ['pop909=']])('rejects "%s" with a UsageError', (v) => {
    expect(() => parseCorpusStyles([v])).toThrow(UsageError);
  });

  it('rejects a corpus named twice, even one named like an Object property', () => {
    expect(() => parseCorpusStyles(['pop909=pop', 'pop909=rock'])).toThrow(UsageError);
    expect(parseCorpusStyles(['constructor=rock'])).toEqual({ constructor: 'rock' });
  });
});

describe('withCorpusStyle', () => {
  it("gives an unlabelled file its corpus's style and says what the label rests on", () => {
    const t = withCorpusStyle(task('pop909'), { pop909: 'pop' });
    expect(t.labels).toEqual({ style: 'pop', basis: CORPUS_STYLE_BASIS });
    expect([t.id, t.corpus, t.path]).toEqual(['pop909/a.mid', 'pop909', '/x/pop909/a.mid']);
  });

  it('keeps a label the file has, and files of other corpora, as they are', () => {
    const labelled = task('pop909', 'rock');
    expect(withCorpusStyle(labelled, { pop909: 'pop' })).toBe(labelled);
    const other = task('emopia');
    expect(withCorpusStyle(other, { pop909: 'pop' })).toBe(other);
    expect(withCorpusStyle(task('constructor'), {}).labels).toEqual({});
  });
});

describe('data scan with a corpus style', () => {
  it("trains the named corpus's unlabelled files under that style and leaves the others", async () => {
    await scan(corpus.dirs, out, 0, { corpusStyles: { pop: 'pop', drums: 'rock' } });
    const rows = readFileSync(join(out, 'manifest.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as CorpusRow);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('pop/001/001.mid')!.style).toBe('pop');
    expect(byId.get('emo/midis/Q3_xyz_0.mid')!.style).toBe('unknown');
    // Groove-like drums carry their own label (funk): --style does not override it.
    expect(byId.get('drums/drummer1/session1/1_funk_100_beat_4-4.mid')!.style).toBe('funk');
  });
});

describe('audiogenesis data scan --style', () => {
  it('refuses an unknown style, and --style on another subcommand, with a usage error, writing nothing', () => {
    ensureCliBuilt();
    const bad = join(out, 'bad');
    const r = spawnSync(
      process.execPath,
      ['bin/audiogenesis.js', 'data', 'scan', corpus.dirs[0], '--out', bad, '--style', 'pop=polka'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--style pop=polka: "polka" is not one of/);
    expect(existsSync(bad)).toBe(false);
    const chords = spawnSync(
      process.execPath,
      [
        'bin/audiogenesis.js',
        'data',
        'chords',
        corpus.dirs[0],
        '--out',
        join(bad, 'p.json'),
        '--style',
        'pop=pop',
      ],
      { encoding: 'utf8' },
    );
    expect([chords.status, chords.stderr]).toEqual([
      2,
      expect.stringMatching(/--style is an option of data scan only/),
    ]);
    expect(existsSync(bad)).toBe(false);
  });
});
