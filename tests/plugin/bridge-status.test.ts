/** What the bridge link reports (plugin/bridge-status.ts): its status, and the changes events and replies make. */
import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../bridge/protocol/schema';
import { eventPatch, statusPatch, StatusReporter } from '../../plugin/bridge-status';
import type { DawStatus, LinkReply } from '../../plugin/bridge-types';

const initial: DawStatus = {
  link: 'offline',
  activity: 'idle',
  output: null,
  loop: false,
  url: 'ws://x',
  problem: null,
};
const event = (e: Partial<BridgeEvent>) => ({ type: 'event', ...e }) as BridgeEvent;
const status = (r: object) => ({ type: 'status', ...r }) as Extract<LinkReply, { type: 'status' }>;

describe('StatusReporter', () => {
  it('tells every listener of each change, with a copy, and of nothing that changes nothing', () => {
    const report = new StatusReporter({ ...initial });
    const seen: DawStatus[] = [];
    const off = report.listen((s) => seen.push(s));
    report.set({ link: 'offline' });
    report.set({ link: 'connecting' });
    expect(seen).toEqual([{ ...initial, link: 'connecting' }]);
    seen[0].link = 'closed';
    expect(report.current.link).toBe('connecting');
    expect(report.snapshot()).not.toBe(report.snapshot());
    off();
    report.set({ link: 'ready' });
    expect(seen).toHaveLength(1);
  });
});

describe('eventPatch and statusPatch', () => {
  it("map the bridge's events to the DAW's activity, keeping it for an unknown event", () => {
    expect(eventPatch(event({ event: 'started', output: 'IAC', loop: true }), 'idle')).toEqual({
      activity: 'playing',
      output: 'IAC',
      loop: true,
    });
    expect(eventPatch(event({ event: 'interrupted' }), 'playing')).toEqual({ activity: 'output-lost' });
    expect(eventPatch(event({ event: 'output-restored' }), 'output-lost')).toEqual({ activity: 'resumed' });
    expect(eventPatch(event({ event: 'something-new' } as unknown as BridgeEvent), 'ended')).toEqual({
      activity: 'ended',
    });
  });

  it('take the output, loop and activity from a status reply (idle keeps the activity)', () => {
    expect(statusPatch(status({ state: 'playing', output: 'IAC', loop: true }), 'idle')).toEqual({
      output: 'IAC',
      activity: 'playing',
      loop: true,
    });
    expect(
      statusPatch(status({ state: 'interrupted', output: 'IAC', loop: false }), 'playing'),
    ).toMatchObject({ activity: 'output-lost' });
    expect(statusPatch(status({ state: 'idle', output: null, loop: false }), 'ended')).toMatchObject({
      activity: 'ended',
    });
  });
});
