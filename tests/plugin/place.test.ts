import { describe, expect, it } from 'vitest';
import { HostError } from '../../core/errors';
import type { AudioTracks, VideoTrackInfo } from '../../plugin/host/types';
import { layoutFor, musicTrack, overlaps, placementFor, quietVideoTrack } from '../../plugin/place';

const tracks = (
  list: [string, [number, number][]][],
  o: { canAddTrack?: boolean; canNameTrack?: boolean } = {},
): AudioTracks => ({
  tracks: list.map(([name, spans], index) => ({
    index,
    name,
    items: spans.map(([start, end]) => ({ start, end })),
  })),
  canAddTrack: o.canAddTrack ?? true,
  canNameTrack: o.canNameTrack ?? true,
});
const picture: VideoTrackInfo[] = [
  { index: 0, items: [{ start: 0, end: 40 }] },
  { index: 1, items: [{ start: 2, end: 4 }] },
];

describe('the music track', () => {
  it('is a track named Music free over the span, else an empty track no one else owns', () => {
    expect(overlaps([{ start: 0, end: 5 }], { start: 5, end: 10 })).toBe(false);
    expect(overlaps([{ start: 9.99, end: 20 }], { start: 5, end: 10 })).toBe(true);
    const span = { start: 5, end: 35 };
    expect(
      musicTrack(
        tracks([
          ['Dialogue', [[0, 40]]],
          ['Audio 2', []],
          ['MX', [[36, 50]]],
        ]),
        span,
      ),
    ).toBe(2);
    // A track free over the span but holding dialogue elsewhere is never taken.
    expect(
      musicTrack(
        tracks([
          ['A1', [[0, 4]]],
          ['SFX', []],
          ['Audio 3', []],
        ]),
        span,
      ),
    ).toBe(2);
    expect(
      musicTrack(
        tracks([
          ['VO', []],
          ['Dialogue 2', []],
        ]),
        span,
      ),
    ).toBeNull();
  });
  it('gets a new track on a video track with nothing after the insert point', () => {
    expect(quietVideoTrack(picture, 5)).toBe(1);
    expect(quietVideoTrack(picture, 3)).toBe(2);
  });
});

describe('the placement transaction', () => {
  it('overwrites on the Music track at the in-point, as one undoable step', () => {
    expect(
      placementFor(
        tracks([
          ['Dialogue', [[0, 40]]],
          ['Music', []],
        ]),
        picture,
        'item-7',
        5,
        30,
      ),
    ).toEqual({
      label: 'Audiogenesis: place music',
      actions: [{ kind: 'overwrite', item: 'item-7', time: 5, audioTrack: 1 }],
    });
  });
  it('names an empty track it takes "Music" in the same step (26.3+), not on 25.6', () => {
    const list: [string, [number, number][]][] = [
      ['Dialogue', [[0, 40]]],
      ['Audio 2', []],
    ];
    expect(placementFor(tracks(list), picture, 'i', 5, 30).actions).toEqual([
      { kind: 'overwrite', item: 'i', time: 5, audioTrack: 1 },
      { kind: 'name-track', audioTrack: 1, name: 'Music' },
    ]);
    expect(placementFor(tracks(list, { canNameTrack: false }), picture, 'i', 5, 30).actions).toHaveLength(1);
  });
  it('inserts on a new track aimed at a quiet video track when no track can take it', () => {
    expect(
      placementFor(
        tracks([
          ['Dialogue', [[0, 40]]],
          ['SFX', [[20, 21]]],
        ]),
        picture,
        'i',
        5,
        30,
      ).actions,
    ).toEqual([{ kind: 'insert-new-track', item: 'i', time: 5, audioTrack: 2, videoTrack: 1 }]);
  });
  it('replaces the placed take on its track, both edits in one step', () => {
    const t = tracks([
      ['Dialogue', [[0, 40]]],
      ['Music', [[5, 35]]],
    ]);
    expect(
      placementFor(t, picture, 'new', 5, 30, { clip: 'c1', audioTrack: 1, span: { start: 5, end: 35 } }),
    ).toEqual({
      label: 'Audiogenesis: replace music',
      actions: [
        { kind: 'remove', clip: 'c1' },
        { kind: 'overwrite', item: 'new', time: 5, audioTrack: 1 },
      ],
    });
  });
  it('fails plainly when no track can take the music and none can be added', () => {
    const t = () =>
      placementFor(tracks([['Dialogue', [[0, 40]]]], { canAddTrack: false }), picture, 'i', 5, 30);
    expect(t).toThrow(HostError);
    expect(t).toThrow(/No audio track can take the music from 0:05 to 0:35/);
  });
});

describe('stems on adjacent tracks', () => {
  const stems = ['melody', 'harmony', 'bass', 'drums'].map((r) => ({
    item: `i-${r}`,
    trackName: `Music ${r}`,
  }));
  it('take a run of free tracks, a Music track first, each laid by an overwrite and named, in one step', () => {
    const t = tracks([
      ['Dialogue', [[0, 40]]],
      ['Audio 2', []],
      ['SFX', []],
      ['Music', [[40, 50]]],
      ['Audio 5', []],
      ['Audio 6', []],
      ['Audio 7', []],
    ]);
    expect(layoutFor(t, picture, stems, 5, 30)).toEqual({
      label: 'Audiogenesis: place music',
      actions: [
        { kind: 'overwrite', item: 'i-melody', time: 5, audioTrack: 3 },
        { kind: 'overwrite', item: 'i-harmony', time: 5, audioTrack: 4 },
        { kind: 'name-track', audioTrack: 4, name: 'Music harmony' },
        { kind: 'overwrite', item: 'i-bass', time: 5, audioTrack: 5 },
        { kind: 'name-track', audioTrack: 5, name: 'Music bass' },
        { kind: 'overwrite', item: 'i-drums', time: 5, audioTrack: 6 },
        { kind: 'name-track', audioTrack: 6, name: 'Music drums' },
      ],
    });
  });
  it('use the free tracks at the end and add the rest after them, never a dialogue or effects track', () => {
    const t = tracks([
      ['Dialogue', [[0, 40]]],
      ['SFX', []],
      ['Audio 3', []],
    ]);
    expect(layoutFor(t, picture, stems, 5, 30).actions).toEqual([
      { kind: 'overwrite', item: 'i-melody', time: 5, audioTrack: 2 },
      { kind: 'name-track', audioTrack: 2, name: 'Music melody' },
      { kind: 'insert-new-track', item: 'i-harmony', time: 5, audioTrack: 3, videoTrack: 1 },
      { kind: 'insert-new-track', item: 'i-bass', time: 5, audioTrack: 4, videoTrack: 1 },
      { kind: 'insert-new-track', item: 'i-drums', time: 5, audioTrack: 5, videoTrack: 1 },
    ]);
    const full = () =>
      layoutFor(
        tracks(
          [
            ['Dialogue', [[0, 40]]],
            ['Audio 2', []],
          ],
          { canAddTrack: false },
        ),
        picture,
        stems,
        5,
        30,
      );
    expect(full).toThrow(HostError);
    expect(full).toThrow(/No audio track can take the music from 0:05 to 0:35/);
  });
  it('replace the placed take on its own tracks in the same step', () => {
    const t = tracks([
      ['Dialogue', [[0, 40]]],
      ['Music', []],
      ['Music melody', [[5, 35]]],
      ['Music harmony', [[5, 35]]],
    ]);
    const previous = [2, 3].map((audioTrack) => ({
      clip: `c${audioTrack}`,
      audioTrack,
      span: { start: 5, end: 35 },
    }));
    expect(layoutFor(t, picture, stems.slice(0, 2), 5, 30, previous)).toEqual({
      label: 'Audiogenesis: replace music',
      actions: [
        { kind: 'remove', clip: 'c2' },
        { kind: 'remove', clip: 'c3' },
        { kind: 'overwrite', item: 'i-melody', time: 5, audioTrack: 2 },
        { kind: 'overwrite', item: 'i-harmony', time: 5, audioTrack: 3 },
      ],
    });
  });
});
