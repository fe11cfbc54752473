/**
 * Reading what a user names on the command line, safely: the kind and size of a file are checked before a
 * byte is read, reads are capped (a device such as /dev/zero never hangs the CLI), text is decoded from
 * UTF-8 or UTF-16 and binary data refused; every file-system failure becomes a plain {@link FileError}.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { FileError } from '../core/errors';

/** Plain words for the errno codes a user can meet. */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EEXIST: 'a file of that name is in the way',
  EMFILE: 'too many files are open',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'the disk reported an input/output error',
  EBUSY: 'it is in use',
  ELOOP: 'too many symbolic links',
};

/** What a failed system call was doing, in words. */
const ACTIONS: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'make the folder',
  rename: 'rename',
  link: 'name',
  scandir: 'list the folder',
  stat: 'find',
  lstat: 'find',
  unlink: 'remove',
  rmdir: 'remove',
  copyfile: 'copy',
};

/** The errno code of a Node file-system error, if `err` is one. */
export function errnoCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/**
 * Turns a Node file-system error into a {@link FileError} that says what could not be done to which path,
 * in plain words; other errors are returned unchanged.
 * @param action what was being done, e.g. "write the results in" (default: from the failed system call).
 */
export function asFileError(err: unknown, action?: string, path?: string): unknown {
  if (err instanceof FileError) return err;
  const code = errnoCode(err);
  if (!code) return err;
  const { path: failed, syscall } = err as { path?: string; syscall?: string };
  const where = path ?? failed ?? '';
  action ??= ACTIONS[syscall ?? ''] ?? 'use';
  const why = REASONS[code] ?? (err instanceof Error ? err.message : code);
  return new FileError(`cannot ${action} ${where}: ${why}`, where, code, { cause: err });
}

/** Settings of {@link readTextFile}. */
export interface ReadOptions {
  /** Largest file read, in bytes. */
  maxBytes: number;
  /** What the file holds, for messages ("script", "prompt"). */
  what: string;
}

/**
 * Reads a whole regular file of at most `maxBytes`, checking that it is one before reading.
 * @throws {FileError} when it is missing, a folder or a device, larger than `maxBytes`, or empty.
 */
export function readCappedFile(path: string, o: ReadOptions): Uint8Array {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory())
      throw new FileError(`${path} is a folder: give a ${o.what} file`, path, 'not-a-file');
    if (!st.isFile())
      throw new FileError(
        `${path} is not a regular file (a device, pipe or socket): give a ${o.what} file`,
        path,
        'not-a-file',
      );
    size = st.size;
  } catch (err) {
    throw asFileError(err, `read the ${o.what} file`, path);
  }
  if (size > o.maxBytes)
    throw new FileError(
      `${path} is ${size} bytes: a ${o.what} file is at most ${o.maxBytes} bytes`,
      path,
      'too-large',
    );
  const bytes = readAtMost(path, o.maxBytes + 1, o.what);
  if (bytes.length > o.maxBytes)
    throw new FileError(`${path} grew past ${o.maxBytes} bytes while read`, path, 'too-large');
  if (bytes.length === 0) throw new FileError(`${path} is empty`, path, 'empty');
  return bytes;
}

function readAtMost(path: string, cap: number, what: string): Uint8Array {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = new Uint8Array(cap);
    let n = 0;
    for (let got = -1; got !== 0 && n < cap; n += got) got = readSync(fd, buf, n, cap - n, null);
    return buf.subarray(0, n);
  } catch (err) {
    throw asFileError(err, `read the ${what} file`, path);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Decodes a text file: UTF-8 (a BOM dropped) or UTF-16 with a BOM.
 * @throws {FileError} (`binary`) when the bytes are not text: a NUL byte, or more than 1% of the first
 * 64 KB undecodable or control characters.
 */
export function decodeText(bytes: Uint8Array, path: string): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff)
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else text = new TextDecoder('utf-8').decode(bytes).replace(/^\ufeff/, '');
  const head = text.slice(0, 65536);
  const nul = head.indexOf('\u0000');
  // eslint-disable-next-line no-control-regex
  const bad = head.match(/[\ufffd\u0001-\u0008\u000e-\u001a\u001c-\u001f]/g)?.length ?? 0;
  if (nul >= 0 || bad > Math.max(2, head.length / 100))
    throw new FileError(
      `${path} is not text (${nul >= 0 ? `a NUL character at ${nul}` : `${bad} undecodable or control characters`}): is it the right file?`,
      path,
      'binary',
    );
  return text;
}

/**
 * Reads a text file safely ({@link readCappedFile}, then {@link decodeText}).
 * @throws {FileError} as they do.
 */
export function readTextFile(path: string, o: ReadOptions): string {
  return decodeText(readCappedFile(path, o), path);
}
