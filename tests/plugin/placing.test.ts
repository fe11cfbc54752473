/**
 * Placing against the fake host: a take's stems saved beside the mix under its name, imported, and laid on
 * adjacent tracks in one transaction; replaced in one; the picture untouched; a full disk keeps nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../core/sequence';
import type { Engine } from '../../plugin/engine';
import { userMessage } from '../../plugin/errors';
import type { GenerateSettings } from '../../plugin/flow';
import { makeTake } from '../../plugin/flow';
import type { FakeOptions } from '../../plugin/host/fake';
import { FakePremiereHost, wavSeconds } from '../../plugin/host/fake';
import { placeTake, tracksOf } from '../../plugin/placing';
import { quickEngine } from './helpers';

let engine: Engine;
beforeAll(async () => {
  engine = await quickEngine();
});

/** In/out 2..6 s; dialogue on A1, a "Music" track and two empty ones after it. */
const SCENE: FakeOptions = {
  sequence: { name: 'Spot', end: 20, inPoint: 2, outPoint: 6, zeroPoint: 0 },
  tracks: [
    { name: 'Dialogue', items: [{ start: 0, end: 20 }] },
    { name: 'Music', items: [] },
    { items: [] },
    { items: [] },
    { items: [] },
  ],
};
const settings = (o: Partial<GenerateSettings> = {}): GenerateSettings => ({
  sources: { script: 'bright corporate pop with drums', clipNames: false, markers: false, transcript: false },
  seed: 3,
  stems: true,
  ...o,
});
const make = (host: FakePremiereHost, s = settings()) =>
  makeTake({ host, engine, pause: async () => undefined }, s);

describe('stems', () => {
  it('are saved as <name>-<role>.wav beside the mix, imported, and laid on adjacent tracks in one step', async () => {
    const host = new FakePremiereHost(SCENE);
    const take = await make(host);
    const roles = ROLES.filter((r) => take.result.roles.includes(r));
    expect(roles).toEqual(['melody', 'harmony', 'bass', 'drums']);
    const dir = '/Users/editor/Ads/Audiogenesis/';
    expect(take.base).toMatch(/^bright-corporate-pop-with-drums-s3-[0-9a-f]{6}$/);
    expect(take.stems).toEqual(
      roles.map((role, i) => ({ role, wavPath: `${dir}${take.base}-${role}.wav`, item: `item-${i + 2}` })),
    );
    expect([...host.disk.keys()]).toEqual([
      take.wavPath,
      take.jsonPath,
      ...roles.map((r) => `${dir}${take.base}-${r}.wav`),
    ]);
    for (const s of take.stems!) expect(wavSeconds(host.disk.get(s.wavPath)!)).toBe(4);
    const doc = JSON.parse(new TextDecoder().decode(host.disk.get(take.jsonPath)));
    expect(doc.panel.stems).toEqual(Object.fromEntries(roles.map((r) => [r, `${take.base}-${r}.wav`])));
    expect(host.imports.map((i) => i.path)).toEqual([take.wavPath, ...take.stems!.map((s) => s.wavPath)]);

    const placed = await placeTake(host, take, null);
    expect(host.transactions).toEqual([
      {
        label: 'Audiogenesis: place music',
        ok: true,
        actions: [
          { kind: 'overwrite', item: 'item-2', time: 2, audioTrack: 1 },
          { kind: 'overwrite', item: 'item-3', time: 2, audioTrack: 2 },
          { kind: 'name-track', audioTrack: 2, name: 'Music Chords' },
          { kind: 'overwrite', item: 'item-4', time: 2, audioTrack: 3 },
          { kind: 'name-track', audioTrack: 3, name: 'Music Bass' },
          { kind: 'overwrite', item: 'item-5', time: 2, audioTrack: 4 },
          { kind: 'name-track', audioTrack: 4, name: 'Music Drums' },
        ],
      },
    ]);
    expect(host.placements.map((p) => [p.path, p.audioTrack, p.start, p.end, p.overwrote])).toEqual(
      take.stems!.map((s, i) => [s.wavPath, i + 1, 2, 6, false]),
    );
    expect(host.tracks.map((t) => t.name)).toEqual([
      'Dialogue',
      'Music',
      'Music Chords',
      'Music Bass',
      'Music Drums',
    ]);
    expect(placed.clips.map((c) => [c.clip, c.audioTrack])).toEqual([
      ['clip-1', 1],
      ['clip-2', 2],
      ['clip-3', 3],
      ['clip-4', 4],
    ]);
    expect(tracksOf(placed)).toBe('A2–A5');
    expect(host.video).toEqual([{ index: 0, items: [{ start: 0, end: 30 }] }]);
  });

  it('replace the stems on the timeline in one step, and a mix replaces them too', async () => {
    const host = new FakePremiereHost(SCENE);
    const first = await placeTake(host, await make(host), null);
    const second = await placeTake(host, await make(host, settings({ seed: 4 })), first);
    expect(host.transactions.map((t) => [t.label, t.ok])).toEqual([
      ['Audiogenesis: place music', true],
      ['Audiogenesis: replace music', true],
    ]);
    expect(host.transactions[1].actions.slice(0, 4)).toEqual(
      first.clips.map((c) => ({ kind: 'remove', clip: c.clip })),
    );
    expect(second.clips.map((c) => c.audioTrack)).toEqual([1, 2, 3, 4]);
    await placeTake(host, await make(host, settings({ seed: 5, stems: false })), second);
    const on = host.placements.filter((p) => p.onTimeline);
    expect(on.map((p) => p.audioTrack)).toEqual([1]);
    expect(on[0].path).toMatch(/-s5-[0-9a-f]{6}\.wav$/);
    expect(host.placements.every((p) => !p.overwrote)).toBe(true);
  });

  it('need new tracks after the last free one: laid in one step, named in a second', async () => {
    const host = new FakePremiereHost({
      ...SCENE,
      tracks: [{ name: 'Dialogue', items: [{ start: 0, end: 20 }] }, { items: [] }],
    });
    const placed = await placeTake(host, await make(host), null);
    expect(host.transactions.map((t) => [t.label, t.actions.map((a) => a.kind)])).toEqual([
      [
        'Audiogenesis: place music',
        ['overwrite', 'name-track', 'insert-new-track', 'insert-new-track', 'insert-new-track'],
      ],
      ['Audiogenesis: name the Music tracks', ['name-track', 'name-track', 'name-track']],
    ]);
    expect(host.tracks.map((t) => t.name)).toEqual([
      'Dialogue',
      'Music Melody',
      'Music Chords',
      'Music Bass',
      'Music Drums',
    ]);
    expect(placed.newTrack).toBe(true);
    expect(host.video).toEqual([{ index: 0, items: [{ start: 0, end: 30 }] }]);
  });

  it('on a full disk: nothing kept, nothing imported', async () => {
    const host = new FakePremiereHost(SCENE);
    const write = host.files.writeNew;
    host.files.writeNew = async (path, bytes) => {
      if (path.endsWith('-bass.wav')) throw Object.assign(new Error('out of space'), { code: 'ENOSPC' });
      return write(path, bytes);
    };
    const err = await make(host).catch((e: unknown) => e);
    expect(userMessage(err)).toMatchObject({ title: 'Disk full', code: 'HOST:disk-full' });
    expect(host.disk.size).toBe(0);
    expect(host.imports).toEqual([]);
  });
});
