import { describe, expect, it } from 'vitest';
import { HostError } from '../../core/errors';
import { FakePremiereHost } from '../../plugin/host/fake';
import type { ClipInfo, SequenceInfo } from '../../plugin/host/types';
import { clock, cutsInSpan, readTimeline, spanOf } from '../../plugin/timeline';

const seq = (o: Partial<SequenceInfo> = {}): SequenceInfo => ({
  name: 'Spot',
  end: 40,
  inPoint: null,
  zeroPoint: 0,
  outPoint: null,
  ...o,
});
const clip = (start: number, end: number): ClipInfo => ({
  id: `c${start}`,
  name: 'clip',
  start,
  end,
  sourceIn: 0,
});

describe('spanOf: in/out to length', () => {
  it('takes the in/out span by default', () => {
    expect(spanOf(seq({ inPoint: 5, outPoint: 35 }), [clip(0, 2)])).toEqual({
      start: 5,
      seconds: 30,
      source: 'in/out',
    });
  });
  it('runs an in point alone to the end, and an out point alone from 0', () => {
    expect(spanOf(seq({ inPoint: 12.5 }), [])).toEqual({ start: 12.5, seconds: 27.5, source: 'in/out' });
    expect(spanOf(seq({ outPoint: 15 }), [])).toEqual({ start: 0, seconds: 15, source: 'in/out' });
  });
  it('else the selected clips, else the sequence, else 30 s', () => {
    expect(spanOf(seq(), [clip(8, 14), clip(10, 20)])).toEqual({
      start: 8,
      seconds: 12,
      source: 'selection',
    });
    expect(spanOf(seq(), [])).toEqual({ start: 0, seconds: 40, source: 'sequence' });
    expect(spanOf(seq({ end: 0 }), [])).toEqual({ start: 0, seconds: 30, source: 'default' });
  });
  it('ignores an inverted in/out and clamps the length to 1..600 s', () => {
    expect(spanOf(seq({ inPoint: 30, outPoint: 10 }), []).source).toBe('sequence');
    expect(spanOf(seq({ end: 3600 }), []).seconds).toBe(600);
    expect(spanOf(seq({ inPoint: 5, outPoint: 5.2 }), []).seconds).toBe(1);
  });
});

describe('readTimeline', () => {
  it('reads the project, sequence, markers and selection', async () => {
    const host = new FakePremiereHost({
      sequence: seq({ inPoint: 2, outPoint: 32 }),
      markers: [{ name: 'Drop', comments: '', start: 10, duration: 0 }],
      clips: [clip(0, 5)],
    });
    const t = await readTimeline(host);
    expect(t.project.path).toMatch(/Spot\.prproj$/);
    expect(t.span).toEqual({ start: 2, seconds: 30, source: 'in/out' });
    expect(t.markers).toHaveLength(1);
    expect(t.clips).toHaveLength(1);
    expect(t.cuts).toEqual([28]); // the default picture's one clip ends at 30 s, inside 2..32
  });
  it("reads the picture's edit points inside the span", async () => {
    const host = new FakePremiereHost({
      sequence: seq({ inPoint: 5, outPoint: 35 }),
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
    });
    expect((await readTimeline(host)).cuts).toEqual([7.5, 15, 25]);
  });
  it('scores without cuts when the host cannot list its video tracks', async () => {
    const host = new FakePremiereHost({ sequence: seq({ inPoint: 5, outPoint: 35 }) });
    host.videoTracks = () => Promise.reject(new Error('no video tracks here'));
    const t = await readTimeline(host);
    expect(t.cuts).toEqual([]);
    expect(t.span).toEqual({ start: 5, seconds: 30, source: 'in/out' });
  });
  it('fails plainly without a project or an active sequence', async () => {
    const noProject = readTimeline(new FakePremiereHost({ project: null }));
    await expect(noProject).rejects.toBeInstanceOf(HostError);
    await expect(noProject).rejects.toMatchObject({ reason: 'no-project', message: /No project is open/ });
    await expect(readTimeline(new FakePremiereHost({ sequence: null }))).rejects.toMatchObject({
      reason: 'no-sequence',
      message: /No sequence is active\. Open the sequence/,
    });
  });
});

describe('cutsInSpan', () => {
  const span = { start: 10, seconds: 20, source: 'in/out' as const };
  it('gives clip starts and ends on every video track, from the in point, in order, once each', () => {
    const video = [
      {
        index: 0,
        items: [
          { start: 0, end: 14 },
          { start: 14, end: 21.04 },
          { start: 21.04, end: 40 },
        ],
      },
      {
        index: 1,
        items: [
          { start: 18, end: 21.045 },
          { start: 27.5, end: 29.999 },
        ],
      },
      { index: 2, items: [{ start: 9, end: 16 }] },
    ];
    expect(cutsInSpan(video, span)).toEqual([4, 6, 8, 11.04, 17.5]);
  });
  it("leaves out the span's own ends and edits outside it", () => {
    const video = [
      {
        index: 0,
        items: [
          { start: 0, end: 10 },
          { start: 10, end: 30 },
          { start: 30, end: 50 },
        ],
      },
    ];
    expect(cutsInSpan(video, span)).toEqual([]);
    expect(cutsInSpan([], span)).toEqual([]);
  });
});

describe('clock', () => {
  it('writes m:ss', () => {
    expect([clock(5), clock(65.5), clock(600)]).toEqual(['0:05', '1:05.5', '10:00']);
  });
});
