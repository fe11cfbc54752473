import { describe, expect, it } from 'vitest';
import { HostError } from '../../core/errors';
import { FakePremiereHost } from '../../plugin/host/fake';
import { basename, dirname, joinPath, outputFolder, uniqueBase } from '../../plugin/naming';

describe('native paths', () => {
  it('splits and joins POSIX and Windows paths with their own separator', () => {
    expect(dirname('/Users/ed/Ads/Spot.prproj')).toBe('/Users/ed/Ads');
    expect(dirname('C:\\Ads\\Spot.prproj')).toBe('C:\\Ads');
    expect(dirname('/Spot.prproj')).toBe('/');
    expect(basename('C:\\Ads\\a b.wav')).toBe('a b.wav');
    expect(joinPath('C:\\Ads', 'Audiogenesis')).toBe('C:\\Ads\\Audiogenesis');
    expect(joinPath('/Users/ed/', 'x.wav')).toBe('/Users/ed/x.wav');
  });
});

describe('where results go', () => {
  it('beside the saved project, else in the plugin data folder', async () => {
    const saved = new FakePremiereHost();
    expect(await outputFolder((await saved.project())!, saved.files)).toBe('/Users/editor/Ads/Audiogenesis');
    const unsaved = new FakePremiereHost({ project: { name: 'Untitled', path: null }, dataFolder: '/data' });
    expect(await outputFolder((await unsaved.project())!, unsaved.files)).toBe('/data/Audiogenesis');
  });
  it('under a name no existing file has, for every extension of the result', async () => {
    const host = new FakePremiereHost({
      files: { '/out/spot-s1.wav': 'user file', '/out/spot-s1-2.json': 'user file', '/out/other.wav': '' },
    });
    expect(await uniqueBase(host.files, '/out', 'spot-s1', ['.wav', '.json'])).toBe('spot-s1-3');
    expect(await uniqueBase(host.files, '/out', 'spot-s1', ['.mid'])).toBe('spot-s1');
    await expect(uniqueBase(host.files, '/out', 'spot-s1', ['.wav'], { maxTries: 1 })).rejects.toBeInstanceOf(
      HostError,
    );
  });
});
