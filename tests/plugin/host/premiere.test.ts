/**
 * The real host adapter against a stand-in of the `premierepro` module (shaped after @adobe/premierepro's
 * types): TickTimes to seconds, in/out normalisation, linked clips, the bin, import-then-find-by-path, and
 * edits created inside `lockedAccess` within one `executeTransaction`.
 */
import { describe, expect, it } from 'vitest';
import type { Project, TickTime } from '@adobe/premierepro';
import type { PremiereApi } from '../../../plugin/host/premiere';
import { createPremiereHost } from '../../../plugin/host/premiere';
import { pathMatch } from '../../../plugin/host/premiere-paths';
import { sequencePoints } from '../../../plugin/host/premiere-read';
import { FakePremiereHost } from '../../../plugin/host/fake';

const TYPE_BIN = 2;
const TYPE_CLIP = 1;
const tick = (seconds: number) => ({ seconds, ticks: String(seconds * 254016000000) }) as unknown as TickTime;

interface Item {
  type: number;
  name: string;
  media?: string;
  items?: Item[];
  getId(): string;
}
const item = (type: number, name: string, extra: Partial<Item> = {}): Item => {
  const id = `${name}#${Math.random().toString(36).slice(2, 7)}`;
  return { type, name, getId: () => id, ...extra };
};
const trackItem = (name: string, start: number, end: number, inPoint = 0, transcript?: string) => ({
  getName: async () => name,
  getStartTime: async () => tick(start),
  getEndTime: async () => tick(end),
  getInPoint: async () => tick(inPoint),
  getProjectItem: async () => ({ name, transcript }),
});

function stage(
  o: { path?: string; inPoint?: number; outPoint?: number; importOk?: boolean; premiere25?: boolean } = {},
) {
  const log: { label?: string; actions: unknown[] }[] = [];
  let locked = false;
  const mustLock = <T>(x: T): T => {
    if (!locked) throw new Error('action created outside lockedAccess');
    return x;
  };
  const root = item(TYPE_BIN, 'root', {
    items: [item(TYPE_CLIP, 'footage.mp4', { media: '/media/footage.mp4' })],
  });
  const binApi = (b: Item) =>
    Object.assign(b, {
      getItems: async () => b.items ?? [],
      createBinAction: (name: string, unique: boolean) =>
        mustLock({ op: 'createBin', name, unique, parent: b }),
    });
  binApi(root);
  const video = trackItem('Hero.mov', 0, 10, 2, '{"segments":[]}');
  const audio = trackItem('Hero.mov', 0, 10, 2);
  const sequence = {
    name: 'Spot',
    getEndTime: async () => tick(40),
    getInPoint: async () => tick(o.inPoint ?? 0),
    getOutPoint: async () => tick(o.outPoint ?? 40),
    getSelection: async () => ({ getTrackItems: async () => [video, audio, trackItem('Logo.png', 30, 35)] }),
    getAudioTrackCount: async () => 2,
    getAudioTrack: async (i: number) => ({
      name: `A${i + 1}`,
      getTrackItems: (type: number) => (type === TYPE_CLIP && i === 0 ? [trackItem('VO', 0, 40)] : []),
    }),
  };
  const project = {
    name: 'Spot',
    path: o.path ?? '/Ads/Spot.prproj',
    getActiveSequence: async () => sequence,
    getRootItem: async () => root,
    importFiles: async (paths: string[], suppressUI: boolean, bin: Item) => {
      log.push({ label: 'importFiles', actions: [paths, suppressUI, bin.name] });
      if (o.importOk === false) return false;
      bin.items!.push(
        item(TYPE_CLIP, 'x.wav', {
          media: paths[0].toUpperCase().startsWith('C:') ? paths[0].toUpperCase() : paths[0],
        }),
      );
      return true;
    },
    lockedAccess(cb: () => void) {
      locked = true;
      try {
        cb();
      } finally {
        locked = false;
      }
    },
    executeTransaction(cb: (c: { addAction(a: unknown): boolean }) => void, label: string) {
      const actions: unknown[] = [];
      cb({ addAction: (a) => actions.push(a) > 0 });
      log.push({ label, actions });
      for (const a of actions as { op: string; name: string; parent: Item }[])
        if (a.op === 'createBin') a.parent.items!.push(binApi(item(TYPE_BIN, a.name, { items: [] })));
      return true;
    },
  } as unknown as Project;
  const editor = {
    createOverwriteItemAction: (it: Item, t: TickTime, v: number, a: number) =>
      mustLock({ op: 'overwrite', item: it.name, time: t.seconds, video: v, audio: a }),
    createInsertProjectItemAction: (it: Item, t: TickTime, v: number, a: number, limitShift: boolean) =>
      mustLock({ op: 'insert', item: it.name, time: t.seconds, video: v, audio: a, limitShift }),
  };
  const ppro = {
    Project: { getActiveProject: async () => project },
    TickTime: { createWithSeconds: tick },
    SequenceEditor: { getEditor: () => editor },
    Markers: {
      getMarkers: async () => ({
        getMarkers: () => [
          {
            getName: () => 'Drop',
            getComments: () => 'big',
            getStart: () => tick(12),
            getDuration: () => tick(0),
          },
        ],
      }),
    },
    // Premiere 25.6 has no hasTranscript; say its exportToJSON rejects for a clip without one.
    Transcript: o.premiere25
      ? {
          exportToJSON: async (c: { transcript?: string }) => {
            if (c.transcript === undefined) throw new Error('no transcript');
            return c.transcript;
          },
        }
      : {
          hasTranscript: (c: { transcript?: string }) => c.transcript !== undefined,
          exportToJSON: async (c: { transcript?: string }) => c.transcript ?? '',
        },
    ClipProjectItem: { cast: (i: Item) => ({ ...i, getMediaFilePath: async () => i.media ?? '' }) },
    FolderItem: { cast: (i: Item) => i },
    ProjectItem: { cast: (i: Item) => i, TYPE_BIN, TYPE_CLIP },
    Constants: { TrackItemType: { CLIP: TYPE_CLIP } },
  } as unknown as PremiereApi;
  return { host: createPremiereHost(ppro, new FakePremiereHost().files), log };
}

describe('the Premiere Pro host', () => {
  it('reads project, sequence (no in/out when Premiere reports 0 and the end), markers and selection', async () => {
    const { host } = stage();
    expect(await host.project()).toEqual({ name: 'Spot', path: '/Ads/Spot.prproj' });
    expect(await host.activeSequence()).toEqual({
      name: 'Spot',
      end: 40,
      inPoint: null,
      outPoint: null,
      zeroPoint: 0,
    });
    expect(await stage({ inPoint: 5, outPoint: 35 }).host.activeSequence()).toMatchObject({
      inPoint: 5,
      outPoint: 35,
    });
    expect(await stage({ path: '' }).host.project()).toMatchObject({ path: null });
    expect(await host.markers()).toEqual([{ name: 'Drop', comments: 'big', start: 12, duration: 0 }]);
    const clips = await host.selectedClips();
    expect(clips.map((c) => [c.name, c.start, c.end, c.sourceIn])).toEqual([
      ['Hero.mov', 0, 10, 2],
      ['Logo.png', 30, 35, 0],
    ]);
    expect(await host.transcript(clips[0].id)).toBe('{"segments":[]}');
    expect(await host.transcript(clips[1].id)).toBeNull();
    // Premiere 25.6 (no Transcript.hasTranscript): the same answers.
    const old = stage({ premiere25: true }).host;
    const oldClips = await old.selectedClips();
    expect(await old.transcript(oldClips[0].id)).toBe('{"segments":[]}');
    expect(await old.transcript(oldClips[1].id)).toBeNull();
    expect(await host.audioTracks()).toEqual({
      tracks: [
        { index: 0, name: 'A1', items: [{ start: 0, end: 40 }] },
        { index: 1, name: 'A2', items: [] },
      ],
      canAddTrack: true,
      canNameTrack: false,
    });
  });

  it('makes the bin once, imports into it and finds the new item by its path', async () => {
    const { host, log } = stage();
    const bin = await host.ensureBin('Audiogenesis');
    expect(await host.ensureBin('Audiogenesis')).toBe(bin);
    expect(log.filter((l) => l.label?.includes('bin'))).toHaveLength(1);
    expect(await host.importFile('/Ads/Audiogenesis/a.wav', bin)).toBe(true);
    expect(log.at(-1)).toEqual({
      label: 'importFiles',
      actions: [['/Ads/Audiogenesis/a.wav'], true, 'Audiogenesis'],
    });
    expect(await host.findItem('/Ads/Audiogenesis/a.wav', bin)).toMatch(/^x\.wav#/);
    expect(await host.findItem('/Ads/Audiogenesis/other.wav', bin)).toBeNull();
    const refusing = stage({ importOk: false }).host;
    expect(await refusing.importFile('/a.wav', await refusing.ensureBin('Audiogenesis'))).toBe(false);
  });

  it('matches Windows paths regardless of case and separator', async () => {
    const { host } = stage();
    const bin = await host.ensureBin('Audiogenesis');
    await host.importFile('C:\\Ads\\Audiogenesis\\a.wav', bin);
    expect(await host.findItem('c:/ads/audiogenesis/A.wav', bin)).not.toBeNull();
  });

  it('runs the placement as one transaction with its actions made inside the lock', async () => {
    const { host, log } = stage();
    const bin = await host.ensureBin('Audiogenesis');
    await host.importFile('/Ads/Audiogenesis/a.wav', bin);
    const id = (await host.findItem('/Ads/Audiogenesis/a.wav', bin))!;
    expect(
      await host.transact({
        label: 'Audiogenesis: place music',
        actions: [
          { kind: 'overwrite', item: id, time: 5, audioTrack: 1 },
          { kind: 'insert-new-track', item: id, time: 5, audioTrack: 2, videoTrack: 1 },
        ],
      }),
    ).toBe(true);
    expect(log.at(-1)).toEqual({
      label: 'Audiogenesis: place music',
      actions: [
        { op: 'overwrite', item: 'x.wav', time: 5, video: 0, audio: 1 },
        { op: 'insert', item: 'x.wav', time: 5, video: 1, audio: 2, limitShift: true },
      ],
    });
    expect(
      await host.transact({
        label: 'x',
        actions: [{ kind: 'overwrite', item: 'unknown', time: 0, audioTrack: 0 }],
      }),
    ).toBe(false);
  });
});

describe('reading Premiere defensively', () => {
  it('treats in/out points Premiere may answer for "none" as unset, and moves timecode by the zero point', () => {
    const end = 40;
    expect(sequencePoints({ inAt: 0, outAt: 40 }, end, 0)).toEqual({ inPoint: null, outPoint: null });
    expect(sequencePoints({ inAt: null, outAt: null }, end, 0)).toEqual({ inPoint: null, outPoint: null });
    expect(sequencePoints({ inAt: -1, outAt: 1e9 }, end, 0)).toEqual({ inPoint: null, outPoint: null });
    expect(sequencePoints({ inAt: 50, outAt: 60 }, end, 0)).toEqual({ inPoint: null, outPoint: null });
    expect(sequencePoints({ inAt: 5, outAt: 35 }, end, 3600)).toEqual({ inPoint: 5, outPoint: 35 });
    // A sequence starting at 01:00:00:00 (or 00:59:50:00) that answers timecode.
    expect(sequencePoints({ inAt: 3605, outAt: 3635 }, end, 3600)).toEqual({ inPoint: 5, outPoint: 35 });
    expect(sequencePoints({ inAt: 3595, outAt: 3625 }, end, 3590)).toEqual({ inPoint: 5, outPoint: 35 });
    expect(sequencePoints({ inAt: 20, outAt: 10 }, end, 0)).toEqual({ inPoint: 20, outPoint: null });
  });

  it('matches the imported file through Unicode normalisation, separators, case, UNC and by name', () => {
    expect(pathMatch('/Users/Édith/Ads/a.wav', '/Users/E\u0301dith/Ads/a.wav')).toBe(2);
    expect(pathMatch('C:\\Ads\\A.WAV', 'c:/ads/a.wav')).toBe(2);
    expect(pathMatch('\\\\server\\share\\Ads\\a.wav', '//server/share/Ads/a.wav')).toBe(2);
    expect(pathMatch('/Volumes/Work/Ads/a.wav', '/Users/editor/Work/Ads/a.wav')).toBe(1); // a symlinked folder
    expect(pathMatch('/Ads/b.wav', '/Ads/a.wav')).toBe(0);
    expect(pathMatch('', '/Ads/a.wav')).toBe(0);
  });
});
