import { describe, expect, it } from 'vitest';
import { HostError } from '../../core/errors';
import { FakePremiereHost } from '../../plugin/host/fake';
import type { ClipInfo, SequenceInfo } from '../../plugin/host/types';
import { clock, readTimeline, spanOf } from '../../plugin/timeline';

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

describe('clock', () => {
  it('writes m:ss', () => {
    expect([clock(5), clock(65.5), clock(600)]).toEqual(['0:05', '1:05.5', '10:00']);
  });
});
