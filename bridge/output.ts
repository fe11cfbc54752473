/**
 * The WebMIDI side of the bridge, and the only module that touches `webmidi`: enabling MIDI (through JZZ
 * in Node), listing outputs, and {@link MidiOutputSink}, a named output that follows its port through
 * disconnects and reconnects and delivers timestamped messages through a {@link TimedQueue}.
 */
import { WebMidi, type Output } from 'webmidi';
import { MidiPortError } from '../core/errors';
import { TimedQueue, type DispatchStats, type TimedQueueOptions } from './dispatch';
import type { MidiBytes } from '../core/codec/messages';
import type { MidiSink } from './scheduler-types';

/** One MIDI output as the bridge reports it. */
export interface OutputInfo {
  name: string;
  id: string;
  manufacturer: string;
  connected: boolean;
}

let enabling: Promise<void> | undefined;

/** Enables WebMIDI once (later calls share it). Throws {@link MidiPortError} when MIDI is unavailable. */
export function enableMidi(): Promise<void> {
  if (WebMidi.enabled) return Promise.resolve();
  enabling ??= WebMidi.enable().then(
    () => undefined,
    (err: unknown) => {
      enabling = undefined;
      throw new MidiPortError(`MIDI is not available: ${err instanceof Error ? err.message : String(err)}`);
    },
  );
  return enabling;
}

/** Disables WebMIDI (closing its ports) so the process can exit. */
export async function disableMidi(): Promise<void> {
  enabling = undefined;
  if (WebMidi.enabled) await WebMidi.disable();
}

/** The MIDI outputs present now (call {@link enableMidi} first). */
export function listOutputs(): OutputInfo[] {
  if (!WebMidi.enabled) return [];
  return WebMidi.outputs.map((o) => ({
    name: o.name,
    id: o.id,
    manufacturer: o.manufacturer,
    connected: o.state === 'connected',
  }));
}

/**
 * Finds an output by name: an exact match, else a case-insensitive one, else the only output whose name
 * contains `name` (so `--output iac` finds "IAC Driver Bus 1"). Throws {@link MidiPortError} listing the
 * outputs when there is no such output or the name is ambiguous.
 */
export function resolveOutputName(name: string): string {
  const names = listOutputs().map((o) => o.name);
  const lower = name.toLowerCase();
  const found =
    names.find((n) => n === name) ??
    names.find((n) => n.toLowerCase() === lower) ??
    (names.filter((n) => n.toLowerCase().includes(lower)).length === 1
      ? names.find((n) => n.toLowerCase().includes(lower))
      : undefined);
  if (found !== undefined) return found;
  const available = names.length ? names.map((n) => `"${n}"`).join(', ') : 'none';
  throw new MidiPortError(`No MIDI output matches "${name}" (outputs: ${available}).`);
}

/** A listener of a sink's port going away (`false`) and coming back (`true`). */
export type ConnectionListener = (connected: boolean) => void;

/**
 * A named MIDI output as a {@link MidiSink}. When the port vanishes, sends are dropped and listeners hear
 * `false`; when a port of the same name appears again, sending resumes on it and they hear `true`.
 */
export class MidiOutputSink implements MidiSink {
  private port: Output | undefined;
  private readonly queue: TimedQueue;
  private readonly listeners = new Set<ConnectionListener>();
  private closed = false;
  private dropped = 0;

  private constructor(
    readonly name: string,
    queue: Pick<TimedQueueOptions, 'spinMs'> = {},
  ) {
    this.port = WebMidi.getOutputByName(name) || undefined;
    this.queue = new TimedQueue((data) => this.deliver(data), queue);
    WebMidi.addListener('connected', this.onConnected);
    WebMidi.addListener('disconnected', this.onDisconnected);
  }

  /**
   * Opens the output `name` (resolved by {@link resolveOutputName}), enabling WebMIDI if needed.
   * @param queue the timed queue's settings (`spinMs: 0` times with timers alone, for comparison)
   */
  static async open(name: string, queue: Pick<TimedQueueOptions, 'spinMs'> = {}): Promise<MidiOutputSink> {
    await enableMidi();
    return new MidiOutputSink(resolveOutputName(name), queue);
  }

  /** Opens the first output, or throws {@link MidiPortError} when there is none. */
  static async openFirst(): Promise<MidiOutputSink> {
    await enableMidi();
    const first = listOutputs()[0];
    if (!first) throw new MidiPortError('There is no MIDI output (see `audiogenesis ports`).');
    return new MidiOutputSink(first.name);
  }

  /** True while the port is present. */
  get connected(): boolean {
    return !this.closed && this.port !== undefined && this.port.state === 'connected';
  }

  /** Queues `data` for `at` (ms, `performance.now()` clock), or sends it now. */
  send(data: MidiBytes, at?: number): void {
    if (this.closed) return;
    this.queue.push(data, at ?? performance.now());
  }

  /** Messages queued and not yet sent. */
  get pending(): number {
    return this.queue.size;
  }

  /** Drops queued messages. */
  cancel(): void {
    this.queue.clear();
  }

  /** Calls `listener` when the port goes away or comes back; returns the unsubscribe function. */
  onConnectionChange(listener: ConnectionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivery lateness so far, and messages dropped while the port was gone. */
  stats(): DispatchStats & { dropped: number } {
    return { ...this.queue.stats(), dropped: this.dropped };
  }

  /** Stops listening to WebMIDI and drops the queue (it does not disable WebMIDI). */
  close(): void {
    this.closed = true;
    this.queue.clear();
    this.listeners.clear();
    WebMidi.removeListener('connected', this.onConnected);
    WebMidi.removeListener('disconnected', this.onDisconnected);
  }

  private deliver(data: MidiBytes): void {
    const port = this.port;
    if (!port || port.state !== 'connected') {
      this.dropped++;
      return;
    }
    try {
      port.send(data as number[]);
    } catch {
      // The port went away between the check and the send; its `disconnected` event follows.
      this.dropped++;
    }
  }

  private notify(connected: boolean): void {
    for (const listener of [...this.listeners]) listener(connected);
  }

  private readonly onConnected = (e: { port?: { type?: string; name?: string } }): void => {
    if (this.closed || e.port?.type !== 'output' || e.port.name !== this.name) return;
    const was = this.connected;
    this.port = WebMidi.getOutputByName(this.name) || undefined;
    if (!was && this.connected) this.notify(true);
  };

  private readonly onDisconnected = (e: { port?: { type?: string; name?: string } }): void => {
    if (this.closed || e.port?.type !== 'output' || e.port.name !== this.name) return;
    const was = this.port !== undefined;
    this.port = undefined;
    if (was) this.notify(false);
  };
}
