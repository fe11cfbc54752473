import { describe, expect, it } from 'vitest';
import { isDiskFull } from '../../../plugin/errors';
import type { UxpEntry, UxpFile, UxpStorage } from '../../../plugin/host/uxp-files';
import { fileUrl, uxpAssets, uxpFiles } from '../../../plugin/host/uxp-files';

/** A UXP storage stand-in over a map of file: URLs. */
function storage(o: { failWrite?: Error } = {}) {
  const disk = new Map<string, Uint8Array | 'folder'>([['file:/Ads', 'folder']]);
  const binary = Symbol('binary');
  const folderSym = Symbol('folder');
  const entry = (url: string): UxpEntry & UxpFile => ({
    name: url.replace(/.*\//, ''),
    nativePath: url.slice(5),
    isFile: disk.get(url) !== 'folder',
    isFolder: disk.get(url) === 'folder',
    delete: async () => disk.delete(url),
    read: async () => (disk.get(url) as Uint8Array).slice().buffer,
    write: async (data) => {
      if (o.failWrite) {
        disk.set(url, new Uint8Array(1));
        throw o.failWrite;
      }
      disk.set(url, new Uint8Array(data as ArrayBuffer));
      return (data as ArrayBuffer).byteLength;
    },
  });
  const s: UxpStorage = {
    localFileSystem: {
      getDataFolder: async () => ({ ...entry('file:/data'), nativePath: '/data' }) as never,
      getPluginFolder: async () => ({ getEntry: async (p: string) => entry(`file:/plugin/${p}`) }) as never,
      getEntryWithUrl: async (url) => {
        if (!disk.has(url)) throw new Error(`no such entry ${url}`);
        return { ...entry(url), createFile: async (name: string) => entry(`${url}/${name}`) } as never;
      },
      createEntryWithUrl: async (url, opts) => {
        if (opts.type === folderSym) disk.set(url, 'folder');
        return entry(url);
      },
    },
    formats: { binary, utf8: Symbol('utf8') },
    types: { file: Symbol('file'), folder: folderSym },
  };
  return { s, disk };
}

describe('files through UXP storage', () => {
  it('turn native paths into file: URLs', () => {
    expect(fileUrl('/Users/ed/Ads')).toBe('file:/Users/ed/Ads');
    expect(fileUrl('C:\\Users\\ed\\My Ads')).toBe('file:/C:/Users/ed/My Ads');
  });
  it('make folders with their parents, write new files and never replace one', async () => {
    const { s, disk } = storage();
    const files = uxpFiles(s);
    await files.makeFolder('/Ads/Audiogenesis/takes');
    expect(disk.get('file:/Ads/Audiogenesis')).toBe('folder');
    await files.writeNew('/Ads/Audiogenesis/a.wav', new Uint8Array([82, 73, 70, 70]));
    expect(await files.exists('/Ads/Audiogenesis/a.wav')).toBe(true);
    await expect(files.writeNew('/Ads/Audiogenesis/a.wav', new Uint8Array([0]))).rejects.toThrow(/exists/);
    expect(disk.get('file:/Ads/Audiogenesis/a.wav')).toEqual(new Uint8Array([82, 73, 70, 70]));
    expect(await files.dataFolder()).toBe('/data');
  });
  it('delete the file a failed write had created', async () => {
    const { s, disk } = storage({ failWrite: Object.assign(new Error('out of space'), { code: 'ENOSPC' }) });
    await expect(uxpFiles(s).writeNew('/Ads/b.wav', new Uint8Array(8))).rejects.toThrow('out of space');
    expect(disk.has('file:/Ads/b.wav')).toBe(false);
  });
  it("turn UXP's OutOfSpaceError into an ENOSPC error the panel reads as a full disk", async () => {
    class OutOfSpaceError extends Error {}
    const { s, disk } = storage({ failWrite: new OutOfSpaceError('') });
    s.errors = { OutOfSpaceError };
    const err = await uxpFiles(s)
      .writeNew('/Ads/c.wav', new Uint8Array(8))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ENOSPC' });
    expect(isDiskFull(err)).toBe(true);
    expect(disk.has('file:/Ads/c.wav')).toBe(false);
  });
  it('read the bundled assets from the plugin folder', async () => {
    const { s, disk } = storage();
    disk.set('file:/plugin/assets/model/config.json', new Uint8Array([123, 125]));
    expect(await uxpAssets(s)('model/config.json')).toEqual(new Uint8Array([123, 125]));
  });
});
