import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asFileError, readTextFile } from '../../cli/input';
import { FileError } from '../../core/errors';

const dir = mkdtempSync(join(tmpdir(), 'ag-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const read = (path: string, maxBytes = 1000): string => readTextFile(path, { maxBytes, what: 'script' });

function refusal(path: string, maxBytes?: number): FileError {
  try {
    read(path, maxBytes);
  } catch (err) {
    expect(err).toBeInstanceOf(FileError);
    return err as FileError;
  }
  throw new Error(`read: ${path}`);
}

describe('reading input files', () => {
  it('refuses devices, folders, missing, empty and oversized files before reading them', () => {
    expect(refusal('/dev/zero')).toMatchObject({
      reason: 'not-a-file',
      message: '/dev/zero is not a regular file (a device, pipe or socket): give a script file',
    });
    expect(refusal(dir).message).toBe(`${dir} is a folder: give a script file`);
    expect(refusal(join(dir, 'nope.srt'))).toMatchObject({
      reason: 'ENOENT',
      message: `cannot read the script file ${join(dir, 'nope.srt')}: no such file or folder`,
    });
    writeFileSync(join(dir, 'empty.txt'), '');
    expect(refusal(join(dir, 'empty.txt')).reason).toBe('empty');
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(1001));
    expect(refusal(join(dir, 'big.txt')).message).toBe(
      `${join(dir, 'big.txt')} is 1001 bytes: a script file is at most 1000 bytes`,
    );
  });

  it('refuses binary data, with or without NUL bytes', () => {
    writeFileSync(
      join(dir, 'nul.bin'),
      Uint8Array.from({ length: 500 }, (_, i) => (i * 37) % 256),
    );
    expect(refusal(join(dir, 'nul.bin'))).toMatchObject({
      reason: 'binary',
      message: expect.stringMatching(/is not text \(a NUL character at 0\)/),
    });
    writeFileSync(
      join(dir, 'high.bin'),
      Uint8Array.from({ length: 500 }, (_, i) => 0x80 + ((i * 7) % 64)),
    );
    expect(refusal(join(dir, 'high.bin')).message).toMatch(
      /is not text \(\d+ undecodable or control characters\)/,
    );
  });

  it('decodes UTF-8 (with or without a BOM) and UTF-16 with a BOM', () => {
    writeFileSync(join(dir, 'u8.txt'), '\ufeffCalme, piano — 静か');
    expect(read(join(dir, 'u8.txt'))).toBe('Calme, piano — 静か');
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Calme, piano — 静か', 'utf16le')]);
    writeFileSync(join(dir, 'u16.txt'), u16);
    expect(read(join(dir, 'u16.txt'))).toBe('Calme, piano — 静か');
  });

  it('turns Node file-system errors into plain FileErrors and leaves other errors alone', () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      syscall: 'write',
      path: '/x/y.wav',
    });
    expect(asFileError(enospc)).toMatchObject({
      message: 'cannot write /x/y.wav: the disk is full',
      reason: 'ENOSPC',
    });
    const plain = new TypeError('x');
    expect(asFileError(plain)).toBe(plain);
  });
});
