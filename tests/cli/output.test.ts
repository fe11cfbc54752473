import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureFolder, ResultSet, sweepTemporaries } from '../../cli/output';
import { FileError } from '../../core/errors';

const root = mkdtempSync(join(tmpdir(), 'ag-output-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const listing = (dir: string): string[] => readdirSync(dir).sort();

function write(dir: string, base: string, text: string, force = false): Record<string, string> {
  const set = ResultSet.open(dir, base, { force });
  set.add('.mid', bytes(`${text} mid`));
  set.add('.wav', bytes(`${text} wav`));
  return set.commit();
}

describe('ResultSet', () => {
  it('gives a second set of the same name "-2", never touching the first', () => {
    const dir = join(root, 'twice');
    const a = write(dir, 'calm-s1-abc123', 'first');
    const b = write(dir, 'calm-s1-abc123', 'second');
    expect(a['.mid']).toBe(join(dir, 'calm-s1-abc123.mid'));
    expect(b['.mid']).toBe(join(dir, 'calm-s1-abc123-2.mid'));
    expect(readFileSync(a['.wav'], 'utf8')).toBe('first wav');
    expect(readFileSync(b['.wav'], 'utf8')).toBe('second wav');
    expect(listing(dir)).toEqual([
      'calm-s1-abc123-2.mid',
      'calm-s1-abc123-2.wav',
      'calm-s1-abc123.mid',
      'calm-s1-abc123.wav',
    ]);
  });

  it('takes the next name when any file of the set is taken (a stray .wav, a folder)', () => {
    const dir = join(root, 'stray');
    ensureFolder(dir);
    writeFileSync(join(dir, 'x.wav'), 'mine');
    ensureFolder(join(dir, 'x-2.mid'));
    expect(write(dir, 'x', 'new')['.mid']).toBe(join(dir, 'x-3.mid'));
    expect(readFileSync(join(dir, 'x.wav'), 'utf8')).toBe('mine');
    expect(existsSync(join(dir, 'x.mid'))).toBe(false);
  });

  it('replaces the set with force, and refuses to replace a folder', () => {
    const dir = join(root, 'force');
    write(dir, 'x', 'old');
    expect(write(dir, 'x', 'new', true)['.wav']).toBe(join(dir, 'x.wav'));
    expect(readFileSync(join(dir, 'x.wav'), 'utf8')).toBe('new wav');
    ensureFolder(join(dir, 'y.wav'));
    expect(() => write(dir, 'y', 'z', true)).toThrow(FileError);
    expect(listing(dir)).toEqual(['x.mid', 'x.wav', 'y.wav']);
  });

  it('leaves no file at all when the disk fills up mid-set (a writer that fails like ENOSPC)', () => {
    const dir = join(root, 'full');
    write(dir, 'old', 'kept');
    let calls = 0;
    const set = ResultSet.open(dir, 'new', {
      write: (path, data) => {
        if (++calls === 2) {
          writeFileSync(path, data.subarray(0, 3));
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
            code: 'ENOSPC',
            syscall: 'write',
          });
        }
        writeFileSync(path, data);
      },
    });
    set.add('.mid', bytes('mid'));
    const err = (() => {
      try {
        set.add('.wav', bytes('a long wav'));
      } catch (e) {
        return e as FileError;
      }
    })();
    expect(err).toBeInstanceOf(FileError);
    expect(err!.reason).toBe('ENOSPC');
    expect(err!.message).toBe(`cannot write the results in ${dir}: the disk is full; nothing was written`);
    expect(listing(dir)).toEqual(['old.mid', 'old.wav']);
    expect(set.closed).toBe(true);
  });

  it('removes its temporary files on abort, and sweeps those of dead processes', () => {
    const dir = join(root, 'abort');
    const set = ResultSet.open(dir, 'a');
    set.add('.mid', bytes('x'));
    expect(listing(dir)).toEqual([`.a.mid.${process.pid}.partial`]);
    set.abort();
    expect(listing(dir)).toEqual([]);
    writeFileSync(join(dir, '.b.wav.999999999.partial'), 'left by kill -9');
    writeFileSync(join(dir, `.c.wav.${process.pid}.partial`), 'a live run');
    writeFileSync(join(dir, 'keep.partial'), 'not ours');
    expect(sweepTemporaries(dir)).toEqual(['.b.wav.999999999.partial']);
    expect(listing(dir)).toEqual([`.c.wav.${process.pid}.partial`, 'keep.partial']);
  });

  it('refuses an output folder that is a file', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    expect(() => ResultSet.open(file, 'x')).toThrow(`the output folder ${file} is a file, not a folder`);
    expect(() => ResultSet.open(join(file, 'sub'), 'x')).toThrow(FileError);
  });
});
