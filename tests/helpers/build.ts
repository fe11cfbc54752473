/**
 * The CLI bundle for tests that run `bin/audiogenesis.js`: rebuilt (`scripts/build.mjs`) when it is
 * missing or older than any source file it is built from, so a test never runs yesterday's code. Test
 * files run in parallel: one builds under a lock while the others wait for it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Folders and files the CLI bundle is built from. */
const SOURCES = ['cli', 'core', 'bridge', 'package.json', 'scripts/build.mjs'];
const BUNDLE = 'dist/cli';
const LOCK = 'dist/.build-lock';

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), st.mtimeMs);
}

/** The bundle's entry files (main and the worker threads) that `scripts/build.mjs` writes. */
function bundleFiles(): string[] {
  const workers = readdirSync('cli/workers')
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(BUNDLE, 'workers', f.replace(/\.ts$/, '.js')));
  return [join(BUNDLE, 'main.js'), ...workers];
}

/** True when the bundle is missing or older than a source file. */
export function bundleIsStale(): boolean {
  const files = bundleFiles();
  if (files.some((f) => !existsSync(f))) return true;
  const built = Math.min(...files.map((f) => statSync(f).mtimeMs));
  return SOURCES.some((s) => newest(s) > built);
}

const sleep = (ms: number): void => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms) as never;

/** Rebuilds the CLI bundle when it is stale (one test file at a time builds; the others wait). */
export function ensureCliBuilt(): void {
  if (!bundleIsStale()) return;
  mkdirSync('dist', { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another test file is building: wait for it (or take over a lock left by a killed run).
      if (Date.now() > deadline) {
        rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      sleep(200);
    }
  }
  try {
    if (bundleIsStale()) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
