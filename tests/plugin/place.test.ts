import { describe, expect, it } from 'vitest';
import { HostError } from '../../core/errors';
import type { AudioTracks } from '../../plugin/host/types';
import { freeTrack, overlaps, placementFor } from '../../plugin/place';

const tracks = (items: [number, number][][], canAddTrack = true): AudioTracks => ({
  tracks: items.map((spans, index) => ({
    index,
    name: `A${index + 1}`,
    items: spans.map(([start, end]) => ({ start, end })),
  })),
  canAddTrack,
});

describe('free tracks', () => {
  it('are those with nothing over the span; touching edges are free', () => {
    expect(overlaps([{ start: 0, end: 5 }], { start: 5, end: 10 })).toBe(false);
    expect(overlaps([{ start: 9.99, end: 20 }], { start: 5, end: 10 })).toBe(true);
    expect(freeTrack(tracks([[[0, 40]], [[10, 12]], [[36, 50]], []]), { start: 5, end: 35 })).toBe(2);
    expect(freeTrack(tracks([[[0, 40]]]), { start: 5, end: 35 })).toBeNull();
  });
});

describe("the placement transaction's actions", () => {
  it('overwrite on the first free track, at the in-point, as one undoable step', () => {
    expect(placementFor(tracks([[[0, 40]], [], []]), 'item-7', 5, 30)).toEqual({
      label: 'Audiogenesis: place music',
      actions: [{ kind: 'overwrite', item: 'item-7', time: 5, audioTrack: 1 }],
    });
  });
  it('insert on a new track after the last when every track is busy (nothing else moves)', () => {
    expect(placementFor(tracks([[[0, 40]], [[20, 21]]]), 'i', 5, 30).actions).toEqual([
      { kind: 'insert-new-track', item: 'i', time: 5, audioTrack: 2 },
    ]);
    expect(placementFor(tracks([]), 'i', 0, 30).actions[0]).toMatchObject({
      kind: 'insert-new-track',
      audioTrack: 0,
    });
  });
  it('fail plainly when no track is free and none can be added', () => {
    const t = () => placementFor(tracks([[[0, 40]]], false), 'i', 5, 30);
    expect(t).toThrow(HostError);
    expect(t).toThrow(/Every audio track has something on it from 0:05 to 0:35/);
  });
});
