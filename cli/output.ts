/**
 * Writing a set of result files (`.mid`, `.wav`, `.png`, `.json`...) so that nothing a user had is ever
 * lost: each file is written under a hidden temporary name in the output folder, and only when the whole
 * set is written are they given their names, the first free one of `<base>`, `<base>-2`, `<base>-3`...
 * (hard links, which fail rather than replace) or `<base>` itself with `force`. An error, a full disk or
 * Ctrl-C removes the temporary files and leaves the folder as it was; temporaries left by a killed run are
 * swept by the next one.
 */
import {
  accessSync,
  constants,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FileError } from '../core/errors';
import { asFileError, errnoCode } from './input';

/** Writes one file (injectable, so tests can simulate a full disk). */
export type WriteFn = (path: string, data: Uint8Array) => void;

/** Settings of {@link ResultSet.open}; every field has a default. */
export interface OutputOptions {
  /** Replace the files of `<base>` instead of choosing a free name. Default false. */
  force?: boolean;
  /** Most names tried (`-2`, `-3`...). Default 9999. */
  maxTries?: number;
  /** How a file is written. Default `writeFileSync`. */
  write?: WriteFn;
}

const TEMP = /^\..+\.(\d+)\.partial$/;

/**
 * Makes (if need be) and checks an output folder: a folder, and writable (a read-only disk is found
 * before any work is done).
 * @throws {FileError} when it is a file, or cannot be made or written.
 */
export function ensureFolder(dir: string, what = 'output folder'): string {
  const path = resolve(dir);
  if (existsSync(path) && !statSync(path).isDirectory())
    throw new FileError(`the ${what} ${path} is a file, not a folder`, path, 'not-a-folder');
  try {
    mkdirSync(path, { recursive: true });
  } catch (err) {
    throw asFileError(whyNotMade(path, err), `make the ${what}`, path);
  }
  try {
    accessSync(path, constants.W_OK);
  } catch (err) {
    throw asFileError(err, `write in the ${what}`, path);
  }
  return path;
}

/** Node reports a folder that cannot be made on a read-only disk as ENOENT: ask the nearest folder why. */
function whyNotMade(path: string, err: unknown): unknown {
  if (errnoCode(err) !== 'ENOENT') return err;
  let dir = dirname(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  if (!statSync(dir).isDirectory()) return Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  try {
    accessSync(dir, constants.W_OK);
    return err;
  } catch (denied) {
    return denied;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === 'EPERM';
  }
}

/** Removes temporary files that killed runs left in `dir` (those of live processes are kept). */
export function sweepTemporaries(dir: string): string[] {
  const gone: string[] = [];
  for (const name of readdirSync(dir)) {
    const m = TEMP.exec(name);
    if (!m || alive(Number(m[1]))) continue;
    rmSync(join(dir, name), { force: true });
    gone.push(name);
  }
  return gone;
}

const open = new Set<ResultSet>();
const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;

function onSignal(signal: keyof typeof SIGNALS): void {
  for (const set of open) set.abort();
  console.error(`\naudiogenesis: interrupted: the unfinished results were removed, nothing else was changed`);
  process.exit(SIGNALS[signal]);
}

function track(set: ResultSet, on: boolean): void {
  const before = open.size;
  if (on) open.add(set);
  else open.delete(set);
  if (before === 0 && open.size === 1) for (const s of Object.keys(SIGNALS)) process.on(s, onSignal);
  if (before === 1 && open.size === 0) for (const s of Object.keys(SIGNALS)) process.off(s, onSignal);
}

/** One set of result files being written; see the module's description. */
export class ResultSet {
  private readonly temps = new Map<string, string>();
  private done = false;

  private constructor(
    readonly dir: string,
    readonly base: string,
    private readonly o: Required<OutputOptions>,
  ) {}

  /**
   * Opens a set in `dir` (made if need be; stale temporaries swept).
   * @throws {FileError} when `dir` is a file or cannot be made.
   */
  static open(dir: string, base: string, options: OutputOptions = {}): ResultSet {
    const path = ensureFolder(dir);
    sweepTemporaries(path);
    const set = new ResultSet(path, base, { force: false, maxTries: 9999, write: writeFileSync, ...options });
    track(set, true);
    return set;
  }

  /**
   * Writes the file `<name><suffix>` (under a temporary name until {@link commit}).
   * @throws {FileError} when it cannot be written (the whole set is then removed).
   */
  add(suffix: string, data: Uint8Array): void {
    const temp = join(this.dir, `.${this.base}${suffix}.${process.pid}.partial`);
    this.temps.set(suffix, temp);
    try {
      this.o.write(temp, data);
    } catch (err) {
      this.abort();
      const e = asFileError(err, 'write the results in', this.dir);
      if (e instanceof FileError)
        throw new FileError(`${e.message}; nothing was written`, e.path, e.reason, { cause: err });
      throw e;
    }
  }

  /**
   * Gives the files their names; returns the path of each, by suffix.
   * @throws {FileError} when no free name is left, or (with `force`) a folder has a result's name.
   */
  commit(): Record<string, string> {
    const suffixes = [...this.temps.keys()];
    try {
      const name = this.o.force ? this.replace() : this.claim();
      return Object.fromEntries(suffixes.map((s) => [s, this.finalPath(name, s)]));
    } catch (err) {
      this.abort();
      throw asFileError(err, 'name the results in', this.dir);
    } finally {
      this.close();
    }
  }

  /** Removes what was written; the folder is as it was. */
  abort(): void {
    for (const temp of this.temps.values()) rmSync(temp, { force: true });
    this.close();
  }

  private close(): void {
    this.done = true;
    track(this, false);
  }

  private finalPath(name: string, suffix: string): string {
    return join(this.dir, name + suffix);
  }

  private replace(): string {
    for (const suffix of this.temps.keys()) {
      const path = this.finalPath(this.base, suffix);
      if (existsSync(path) && statSync(path).isDirectory())
        throw new FileError(`${path} is a folder: cannot replace it with a result`, path, 'EISDIR');
    }
    for (const [suffix, temp] of this.temps) renameSync(temp, this.finalPath(this.base, suffix));
    this.temps.clear();
    return this.base;
  }

  private claim(): string {
    for (let i = 1; i <= this.o.maxTries; i++) {
      const name = i === 1 ? this.base : `${this.base}-${i}`;
      if (this.tryName(name)) return name;
    }
    throw new FileError(
      `${this.o.maxTries} results called "${this.base}" are already in ${this.dir}: move some elsewhere, or pass --force to replace the first`,
      this.dir,
      'no-free-name',
    );
  }

  /** Links every file to `name` (failing on any existing one); true when all are in place. */
  private tryName(name: string): boolean {
    const linked: string[] = [];
    for (const [suffix, temp] of this.temps) {
      const path = this.finalPath(name, suffix);
      try {
        linkSync(temp, path);
        linked.push(path);
      } catch (err) {
        for (const p of linked) rmSync(p, { force: true });
        if (errnoCode(err) === 'EEXIST') return false;
        if (['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(errnoCode(err) ?? ''))
          return this.moveIfFree(name);
        throw err;
      }
    }
    for (const temp of this.temps.values()) rmSync(temp, { force: true });
    this.temps.clear();
    return true;
  }

  /** For file systems without hard links: renames when no file of the set exists yet. */
  private moveIfFree(name: string): boolean {
    if ([...this.temps.keys()].some((s) => existsSync(this.finalPath(name, s)))) return false;
    for (const [suffix, temp] of this.temps) renameSync(temp, this.finalPath(name, suffix));
    this.temps.clear();
    return true;
  }

  /** True once committed or aborted. */
  get closed(): boolean {
    return this.done;
  }
}
