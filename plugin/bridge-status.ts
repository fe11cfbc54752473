/**
 * What the bridge link reports: its {@link DawStatus}, which reaches the listeners on every change (and
 * only on a change), and how the bridge's events and its status reply move the DAW's activity.
 */
import type { BridgeEvent } from '../bridge/protocol/schema';
import type { DawActivity, DawStatus, LinkReply } from './bridge-types';

const EVENT_ACTIVITY: Record<string, DawActivity> = {
  started: 'playing',
  ended: 'ended',
  stopped: 'stopped',
  'output-lost': 'output-lost',
  interrupted: 'output-lost',
  'output-restored': 'resumed',
  resumed: 'resumed',
};

/** The link's status and its listeners. */
export class StatusReporter {
  private state: DawStatus;
  private readonly listeners = new Set<(s: DawStatus) => void>();

  constructor(initial: DawStatus) {
    this.state = initial;
  }

  /** The current status, not copied: read it, never keep it. */
  get current(): Readonly<DawStatus> {
    return this.state;
  }

  /** A copy of the current status. */
  snapshot(): DawStatus {
    return { ...this.state };
  }

  /** Calls `listener` (with a copy) on every change of status; returns the unsubscribe function. */
  listen(listener: (s: DawStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies `patch`; when that changes anything, every listener hears of it. */
  set(patch: Partial<DawStatus>): void {
    const next = { ...this.state, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.state)) return;
    this.state = next;
    for (const l of [...this.listeners]) l(this.snapshot());
  }
}

/** What a bridge event changes: the activity (an unknown event keeps `activity`), and output and loop when given. */
export function eventPatch(msg: BridgeEvent, activity: DawActivity): Partial<DawStatus> {
  return {
    activity: EVENT_ACTIVITY[msg.event] ?? activity,
    ...(msg.output ? { output: msg.output } : {}),
    ...(msg.loop !== undefined ? { loop: msg.loop } : {}),
  };
}

/** What the bridge's status reply changes (playing and interrupted set the activity; idle keeps `activity`). */
export function statusPatch(
  r: Extract<LinkReply, { type: 'status' }>,
  activity: DawActivity,
): Partial<DawStatus> {
  const next: DawActivity =
    r.state === 'playing' ? 'playing' : r.state === 'interrupted' ? 'output-lost' : activity;
  return { output: r.output, activity: next, loop: r.loop };
}
