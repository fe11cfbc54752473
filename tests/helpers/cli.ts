/**
 * Running the built CLI in tests: its exit code and output, whether it printed a stack trace, and small
 * file systems (a full one, a read-only one) where the machine allows mounting them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a CLI run gave. */
export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/** Builds the CLI bundle when it is missing. */
export function ensureBuilt(): void {
  if (!existsSync('dist/cli/main.js')) execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
}

/** Runs `audiogenesis ...args` to the end. */
export function cli(args: string[], timeout = 120_000): CliRun {
  const r = spawnSync(process.execPath, ['bin/audiogenesis.js', ...args], { encoding: 'utf8', timeout });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** True when the output shows a stack trace or an internal error: what a user must never see. */
export function crashed(r: CliRun): boolean {
  return /^\s+at .+[:(]/m.test(r.err + r.out) || /internal error/.test(r.err);
}

/** Every file in `dir` with its bytes (hidden temporaries included), for before/after comparisons. */
export function snapshot(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f)).toString('base64')]),
  );
}

/** Mounts a tmpfs at `dir` (made if need be); false when this machine does not allow it (not root). */
export function mountTmpfs(dir: string, options: string): boolean {
  if (process.getuid?.() !== 0) return false;
  mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]).status === 0;
}

/** Unmounts what {@link mountTmpfs} mounted. */
export function unmount(dir: string): void {
  spawnSync('umount', [dir]);
}

/**
 * A folder the CLI cannot write in: a read-only tmpfs when root (who ignores permissions), else a folder
 * without write permission. Returns its cleanup, or null when neither can be made.
 */
export function readOnlyFolder(dir: string): (() => void) | null {
  if (process.getuid?.() === 0) return mountTmpfs(dir, 'size=64k,ro') ? () => unmount(dir) : null;
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o555);
  return () => chmodSync(dir, 0o755);
}

/**
 * Runs the CLI's `main` in this process (no process start-up: for the many quick cases), with what it
 * prints captured. Crash handlers stay off; spawn {@link cli} for what needs a real process.
 */
export async function runMain(args: string[]): Promise<CliRun> {
  const { main } = await import('../../cli/main');
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  try {
    const code = await main(args, { crashHandlers: false });
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}
