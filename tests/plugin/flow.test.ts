/**
 * Generate against the fake host: files, import, the placement transaction, progress, and each failure
 * shown plainly with nothing of the user's touched. The engine composes for real and skips synthesis.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { HostError, PromptError } from '../../core/errors';
import type { ComposeRequest } from '../../core/compose';
import type { Engine } from '../../plugin/engine';
import { userMessage } from '../../plugin/errors';
import type { GenerateSettings, Progress } from '../../plugin/flow';
import type { FlowDeps } from '../../plugin/flow';
import { exportMidi, makeTake } from '../../plugin/flow';
import { placeTake } from '../../plugin/placing';

/** Generate, then Place: the panel's two steps in one. */
async function generateAndPlace(deps: FlowDeps, s: GenerateSettings) {
  const take = await makeTake(deps, s);
  const placed = await placeTake(deps.host, take, null);
  return { ...take, transaction: placed.transaction };
}
import type { FakeOptions } from '../../plugin/host/fake';
import { FakePremiereHost } from '../../plugin/host/fake';
import type { PremiereHost } from '../../plugin/host/types';
import { quickEngine } from './helpers';

let engine: Engine;
beforeAll(async () => {
  engine = await quickEngine();
});

const SCENE: FakeOptions = {
  sequence: { name: 'Spot', end: 20, inPoint: 2, outPoint: 6, zeroPoint: 0 },
  markers: [{ name: 'Open', comments: 'calm', start: 2, duration: 0 }],
  tracks: [{ items: [{ start: 0, end: 20 }] }, { items: [{ start: 5, end: 6 }] }, { items: [] }],
};
const settings = (o: Partial<GenerateSettings> = {}): GenerateSettings => ({
  sources: { script: 'bright corporate pop', clipNames: false, markers: true, transcript: false },
  seed: 3,
  ...o,
});
const run = (host: PremiereHost, s = settings(), onProgress?: (p: Progress) => void) =>
  generateAndPlace({ host, engine, onProgress, pause: async () => undefined }, s);

/** Runs and returns the plain message the panel would show. */
async function failure(host: FakePremiereHost, s = settings()) {
  const err = await run(host, s).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return { err, ...userMessage(err) };
}

describe('generate and place', () => {
  it('saves the WAV and its JSON beside the project, imports them into the bin and places in one transaction', async () => {
    const host = new FakePremiereHost(SCENE);
    const stages: string[] = [];
    const take = await run(host, settings(), (p) => stages.push(p.stage));
    expect(stages).toEqual(['embed', 'generate', 'render', 'import', 'done']);
    expect(take.wavPath).toMatch(
      /^\/Users\/editor\/Ads\/Audiogenesis\/bright-corporate-pop-open-calm-s3-[0-9a-f]{6}\.wav$/,
    );
    expect(take.span).toEqual({ start: 2, seconds: 4, source: 'in/out' });
    const doc = JSON.parse(new TextDecoder().decode(host.disk.get(take.jsonPath)));
    expect(doc).toMatchObject({
      seed: 3,
      model: engine.model,
      seconds: 4,
      panel: { sequence: 'Spot', start: 2 },
    });
    expect(doc.prompt).toContain('bright corporate pop');
    expect(host.imports).toEqual([{ path: take.wavPath, bin: 'bin-1', ok: true }]);
    expect([...host.bins.keys()]).toEqual(['Audiogenesis']);
    expect(host.transactions).toEqual([
      {
        label: 'Audiogenesis: place music',
        ok: true,
        actions: [
          { kind: 'overwrite', item: 'item-1', time: 2, audioTrack: 2 },
          { kind: 'name-track', audioTrack: 2, name: 'Music' },
        ],
      },
    ]);
    expect(host.placements).toEqual([
      {
        clip: 'clip-1',
        onTimeline: true,
        item: 'item-1',
        path: take.wavPath,
        audioTrack: 2,
        start: 2,
        end: 6,
        newTrack: false,
        overwrote: false,
      },
    ]);
  });

  it('never overwrites: a second take gets a fresh name and a new track', async () => {
    const host = new FakePremiereHost(SCENE);
    const a = await run(host);
    expect(a.base).toMatch(/^bright-corporate-pop-open-calm-s3-[0-9a-f]{6}$/);
    // The user has since saved a file under the name a second take would take next.
    const existing = `/Users/editor/Ads/Audiogenesis/${a.base}-2.wav`;
    host.disk.set(existing, new TextEncoder().encode('the user kept this'));
    const b = await run(host);
    expect(b.base).toBe(`${a.base}-3`);
    expect(new TextDecoder().decode(host.disk.get(existing))).toBe('the user kept this');
    expect(host.transactions[1].actions).toEqual([
      { kind: 'insert-new-track', item: 'item-2', time: 2, audioTrack: 3, videoTrack: 1 },
    ]);
    expect(host.placements.every((p) => !p.overwrote)).toBe(true);
  });

  it('writes into the plugin data folder for an unsaved project, and uses the whole sequence without in/out', async () => {
    const host = new FakePremiereHost({
      ...SCENE,
      project: { name: 'Untitled', path: null },
      dataFolder: '/plugin-data',
      sequence: { name: 'Spot', end: 3, inPoint: null, outPoint: null, zeroPoint: 0 },
    });
    const take = await run(host, settings({ sources: { ...settings().sources, markers: false } }));
    expect(take.wavPath).toMatch(/^\/plugin-data\/Audiogenesis\/bright-corporate-pop-s3-[0-9a-f]{6}\.wav$/);
    expect(take.span).toEqual({ start: 0, seconds: 3, source: 'sequence' });
  });

  it("reads the selected clip's transcript when asked", async () => {
    const json = JSON.stringify({
      segments: [
        { start: 0, duration: 2, text: 'Sad farewell' },
        { start: 2, duration: 2, text: 'Joyful party' },
      ],
    });
    const host = new FakePremiereHost({
      ...SCENE,
      clips: [{ id: 'c1', name: 'Toast.mov', start: 2, end: 6, sourceIn: 0, transcript: json }],
    });
    const take = await run(
      host,
      settings({ sources: { script: '', clipNames: false, markers: false, transcript: true } }),
    );
    expect(take.prompt.read).toEqual(['the transcript of Toast.mov (2 lines)']);
    expect(take.result.embedding.segments.map((s) => s.start)).toEqual([0, 2]);
  });

  it('exports MIDI beside the WAV without replacing anything', async () => {
    const host = new FakePremiereHost(SCENE);
    const take = await run(host);
    const first = await exportMidi(host, take, new Uint8Array([0x4d, 0x54, 0x68, 0x64]));
    const second = await exportMidi(host, take, new Uint8Array([1]));
    expect(first).toBe(take.wavPath.replace(/\.wav$/, '.mid'));
    expect(second).toBe(take.wavPath.replace(/\.wav$/, '-2.mid'));
  });
});

describe('scoring to the picture', () => {
  /** In/out 5..35 s; V1 cut at 12.5 and 20 s, a title on V2 over 30..35 s (its end is the out point). */
  const PICTURE: FakeOptions = {
    sequence: { name: 'Spot', end: 40, inPoint: 5, outPoint: 35, zeroPoint: 0 },
    video: [
      {
        items: [
          { start: 0, end: 12.5 },
          { start: 12.5, end: 20 },
          { start: 20, end: 40 },
        ],
      },
      { items: [{ start: 30, end: 35 }] },
    ],
  };
  /** The engine, recording every request it composes. */
  const spy = (requests: ComposeRequest[]): Engine => ({
    ...engine,
    compose: (request, job) => {
      requests.push(request);
      return engine.compose(request, job);
    },
  });
  const make = (host: PremiereHost, requests: ComposeRequest[], s: GenerateSettings) =>
    makeTake({ host, engine: spy(requests), pause: async () => undefined }, s);

  it('passes the cuts inside the in/out span, from the in point, and the piece lands a hit on each', async () => {
    const requests: ComposeRequest[] = [];
    const host = new FakePremiereHost(PICTURE);
    const take = await make(host, requests, settings());
    expect(requests).toHaveLength(1);
    expect(requests[0].cuts).toEqual([7.5, 15, 25]);
    expect(requests[0].speech).toBeUndefined();
    expect(take.cuts).toEqual([7.5, 15, 25]);
    expect(take.result.plan.hits!.flatMap((h) => h.cuts)).toEqual([7.5, 15, 25]);
    const doc = JSON.parse(new TextDecoder().decode(host.disk.get(take.jsonPath)));
    expect(doc.panel.cuts).toBe(3);
  });

  it('passes no cuts when "Hit the cuts" is off, and only those within a shorter length', async () => {
    const requests: ComposeRequest[] = [];
    await make(new FakePremiereHost(PICTURE), requests, settings({ hitCuts: false }));
    await make(new FakePremiereHost(PICTURE), requests, settings({ seconds: 10 }));
    expect(requests.map((r) => r.cuts)).toEqual([undefined, [7.5]]);
  });

  it("makes room for the transcript's lines as speech when the transcript is read", async () => {
    const json = JSON.stringify({
      segments: [
        { start: 0, duration: 4, text: 'Mornings used to be hard.' },
        { start: 10, duration: 5, text: 'Then you found Sunrise Roast.' },
      ],
    });
    const host = new FakePremiereHost({
      ...PICTURE,
      clips: [{ id: 'c1', name: 'VO.wav', start: 6, end: 30, sourceIn: 0, transcript: json }],
    });
    const requests: ComposeRequest[] = [];
    const sources = { script: '', clipNames: false, markers: false, transcript: true };
    const take = await make(host, requests, settings({ sources, hitCuts: false }));
    expect(requests[0].speech).toEqual([
      { start: 1, end: 5 },
      { start: 11, end: 16 },
    ]);
    expect(take.result.plan.speech!.length).toBe(2);
    await make(
      host,
      requests,
      settings({ sources: { ...sources, script: 'warm acoustic', transcript: false }, hitCuts: false }),
    );
    expect(requests[1].speech).toBeUndefined();
  });
});

describe('each failure, shown plainly', () => {
  it('no open project', async () => {
    const f = await failure(new FakePremiereHost({ project: null }));
    expect(f).toMatchObject({ title: 'No project open', code: 'HOST:no-project' });
    expect(f.text).toMatch(/^No project is open\. Open or create a project/);
  });

  it('no active sequence', async () => {
    const f = await failure(new FakePremiereHost({ sequence: null }));
    expect(f).toMatchObject({ title: 'No active sequence', code: 'HOST:no-sequence' });
  });

  it('nothing to read', async () => {
    const f = await failure(
      new FakePremiereHost(SCENE),
      settings({ sources: { script: '', clipNames: true, markers: false, transcript: true } }),
    );
    expect(f.err).toBeInstanceOf(PromptError);
    expect(f.title).toBe('Nothing to read');
  });

  it('import returns false: the files stay, nothing is placed', async () => {
    const host = new FakePremiereHost({ ...SCENE, fail: { import: true } });
    const f = await failure(host);
    expect(f).toMatchObject({ title: 'Import failed', code: 'HOST:import-failed' });
    expect(f.text).toMatch(
      /did not import bright-corporate-pop-open-calm-s3-[0-9a-f]{6}\.wav\. It is saved in \/Users\/editor\/Ads\/Audiogenesis: import it with File > Import\./,
    );
    expect(host.disk.size).toBe(2);
    expect(host.transactions).toEqual([]);
  });

  it('the imported item cannot be found by its path', async () => {
    const host = new FakePremiereHost({ ...SCENE, fail: { findItem: true } });
    expect(await failure(host)).toMatchObject({ code: 'HOST:import-failed' });
    expect(host.transactions).toEqual([]);
  });

  it('no free track and no room for another', async () => {
    const host = new FakePremiereHost({
      ...SCENE,
      tracks: [{ items: [{ start: 0, end: 20 }] }],
      maxAudioTracks: 1,
    });
    const f = await failure(host);
    expect(f).toMatchObject({ title: 'No free audio track', code: 'HOST:no-free-track' });
    expect(f.text).toMatch(/from 0:02 to 0:06.*The music is in the Audiogenesis bin/);
    expect(host.transactions).toEqual([]);
  });

  it('disk full: nothing saved, nothing imported', async () => {
    const host = new FakePremiereHost({ ...SCENE, fail: { diskFull: true } });
    const f = await failure(host);
    expect(f).toMatchObject({ title: 'Disk full', code: 'HOST:disk-full' });
    expect(f.text).toBe(
      'The disk is full: the music could not be saved in /Users/editor/Ads/Audiogenesis. Free some space and try again. Nothing was imported.',
    );
    expect(host.disk.size).toBe(0);
    expect(host.imports).toEqual([]);
  });

  it('a failed second file removes the first, which this run wrote', async () => {
    const host = new FakePremiereHost(SCENE);
    const write = host.files.writeNew;
    host.files.writeNew = async (path, bytes) => {
      if (path.endsWith('.json')) throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
      return write(path, bytes);
    };
    expect(await failure(host)).toMatchObject({ code: 'HOST:disk-full' });
    expect(host.disk.size).toBe(0);
  });

  it('Premiere refuses the transaction', async () => {
    const host = new FakePremiereHost({ ...SCENE, fail: { transaction: true } });
    const f = await failure(host);
    expect(f.err).toBeInstanceOf(HostError);
    expect(f).toMatchObject({ title: 'Could not place the music', code: 'HOST:transaction-failed' });
    expect(host.placements).toEqual([]);
  });
});
