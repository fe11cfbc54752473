/**
 * The committed lexicon is what `scripts/build-lexicon.mjs` makes of the committed seed, and its `--check`
 * fails once the seed changes without a rebuild.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = resolve('scripts/build-lexicon.mjs');
const check = (cwd: string) =>
  spawnSync(process.execPath, [SCRIPT, '--check'], { cwd, encoding: 'utf8', timeout: 60_000 });

describe('scripts/build-lexicon.mjs --check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lexicon-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes on the committed seed and lexicon', () => {
    const r = check(process.cwd());
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('fails, naming the stale file, when the seed gains a word the lexicon lacks', () => {
    cpSync('assets/lexicon', join(dir, 'assets/lexicon'), { recursive: true });
    const seedPath = join(dir, 'assets/lexicon/seed.json');
    const seed = JSON.parse(readFileSync(seedPath, 'utf8')) as { mood: Record<string, number[]> };
    seed.mood.gleeful = [0.9, 0.7];
    writeFileSync(seedPath, JSON.stringify(seed));
    const r = check(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('assets/lexicon/lexicon.json is stale');
  });
});
