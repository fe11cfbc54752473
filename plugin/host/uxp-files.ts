/**
 * The disk through UXP's `storage.localFileSystem` (manifest permission `localFileSystem: fullAccess`):
 * native paths become `file:` URLs; new files are created with `overwrite: false` after an existence check,
 * so an existing file is never replaced; a failed write deletes the file it had just created, and UXP's
 * `OutOfSpaceError` becomes an ENOSPC error (disk full).
 */
import type { AssetReader } from '../engine';
import { basename, dirname } from '../naming';
import type { HostFiles } from './types';

/** The parts of a UXP storage entry the panel uses (see @adobe/cc-ext-uxp-types, `uxp.storage`). */
export interface UxpEntry {
  readonly name: string;
  readonly nativePath: string;
  readonly isFile: boolean;
  readonly isFolder: boolean;
  delete(): Promise<unknown>;
}

/** A UXP file entry. */
export interface UxpFile extends UxpEntry {
  read(options: { format?: symbol }): Promise<string | ArrayBuffer>;
  write(data: string | ArrayBuffer, options: { format?: symbol; append?: boolean }): Promise<number>;
}

/** A UXP folder entry. */
export interface UxpFolder extends UxpEntry {
  getEntry(path: string): Promise<UxpEntry>;
  createFile(name: string, options: { overwrite?: boolean }): Promise<UxpFile>;
}

/** The parts of `require('uxp').storage` the panel uses. */
export interface UxpStorage {
  localFileSystem: {
    getDataFolder(): Promise<UxpFolder>;
    getPluginFolder(): Promise<UxpFolder>;
    getEntryWithUrl(url: string): Promise<UxpEntry>;
    createEntryWithUrl(url: string, options: { type?: symbol; overwrite?: boolean }): Promise<UxpEntry>;
  };
  formats: { binary: symbol; utf8: symbol };
  types: { file: symbol; folder: symbol };
  /** UXP's storage errors (`OutOfSpaceError`: the disk or quota is full). */
  errors?: { OutOfSpaceError?: abstract new (...args: never[]) => Error };
}

/** The `file:` URL UXP takes for a native path ("C:\a b\c" -> "file:/C:/a b/c", "/a/b" -> "file:/a/b"). */
export function fileUrl(path: string): string {
  const p = path.replace(/\\/g, '/');
  return p.startsWith('/') ? `file:${p}` : `file:/${p}`;
}

/** {@link HostFiles} over UXP storage. */
export function uxpFiles(storage: UxpStorage): HostFiles {
  const fs = storage.localFileSystem;
  const entry = async (path: string): Promise<UxpEntry | null> => {
    try {
      return await fs.getEntryWithUrl(fileUrl(path));
    } catch {
      return null;
    }
  };
  const makeFolder = async (path: string): Promise<void> => {
    if (!path || (await entry(path))) return;
    const parent = dirname(path);
    if (parent && parent !== path) await makeFolder(parent);
    await fs.createEntryWithUrl(fileUrl(path), { type: storage.types.folder });
  };
  return {
    dataFolder: async () => (await fs.getDataFolder()).nativePath,
    exists: async (path) => (await entry(path)) !== null,
    makeFolder,
    async writeNew(path, bytes) {
      if (await entry(path)) throw new Error(`EEXIST: ${path} exists already`);
      const folder = (await fs.getEntryWithUrl(fileUrl(dirname(path)))) as UxpFolder;
      const file = await folder.createFile(basename(path), { overwrite: false });
      try {
        const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
        await file.write(data, { format: storage.formats.binary });
      } catch (err) {
        await file.delete().catch(() => undefined);
        const full = storage.errors?.OutOfSpaceError;
        if (full && err instanceof full)
          throw Object.assign(new Error(`ENOSPC: out of space writing ${path}`), {
            code: 'ENOSPC',
            cause: err,
          });
        throw err;
      }
    },
    async remove(path) {
      await (await entry(path))?.delete();
    },
  };
}

/** Reads the plugin's bundled `assets/` folder. */
export function uxpAssets(storage: UxpStorage): AssetReader {
  return async (path) => {
    const root = await storage.localFileSystem.getPluginFolder();
    const file = (await root.getEntry(`assets/${path}`)) as UxpFile;
    const data = await file.read({ format: storage.formats.binary });
    return typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
  };
}
