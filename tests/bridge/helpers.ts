/** Test doubles and builders shared by the bridge tests. */
import JZZ from 'jzz';
import WebSocket from 'ws';
import { emptySequence, type Note, type NoteSequence, type Role } from '../../core/sequence';
import type { MidiBytes } from '../../core/codec/messages';
import type { MidiSink, SchedulerClock, Ticker } from '../../bridge/scheduler-types';

/** A note with defaults. */
export function note(
  pitch: number,
  start: number,
  end: number,
  role: Role = 'melody',
  extra: Partial<Note> = {},
): Note {
  return { pitch, start, end, velocity: 100, role, program: 0, isDrum: role === 'drums', ...extra };
}

/** A sequence of `notes` at `bpm` (with optional extra tempo changes). */
export function sequence(
  notes: Note[],
  bpm = 120,
  tempos: { beat: number; bpm: number }[] = [],
): NoteSequence {
  const seq = emptySequence(bpm);
  seq.tempos.push(...tempos);
  seq.notes = notes;
  seq.totalBeats = notes.reduce((m, n) => Math.max(m, n.end), 0);
  return seq;
}

/** A clock the test advances by hand. */
export class ManualClock implements SchedulerClock {
  t = 1000;
  now(): number {
    return this.t;
  }
}

/** A ticker the test fires by hand. */
export class ManualTicker implements Ticker {
  fns = new Set<() => void>();
  every(_ms: number, fn: () => void): () => void {
    this.fns.add(fn);
    return () => this.fns.delete(fn);
  }
  fire(): void {
    for (const fn of [...this.fns]) fn();
  }
}

/** A sink that records what it is handed: `at` undefined means "now". */
export class RecordingSink implements MidiSink {
  connected = true;
  sent: { data: number[]; at: number | undefined }[] = [];
  cancels = 0;
  constructor(private readonly clock?: SchedulerClock) {}
  send(data: MidiBytes, at?: number): void {
    this.sent.push({ data: [...data], at: at ?? this.clock?.now() });
  }
  cancel(): void {
    this.cancels++;
  }
}

/** What a virtual port received, with `performance.now()` at receipt. */
export interface Received {
  t: number;
  data: number[];
}

/** The virtual-port half of JZZ's API, which its typings leave out. */
const jzz = JZZ as unknown as {
  Widget(impl: { _receive(msg: ArrayLike<number>): void }): unknown;
  addMidiOut(name: string, widget: unknown): boolean;
  removeMidiOut(name: string): boolean;
};

/** Registers an in-process JZZ virtual MIDI output named `name` that records what it receives. */
export function virtualOutput(name: string): { received: Received[]; remove(): boolean; add(): boolean } {
  const received: Received[] = [];
  const make = (): unknown =>
    jzz.Widget({
      _receive(msg: ArrayLike<number>) {
        received.push({ t: performance.now(), data: Array.from(msg) });
      },
    });
  const add = (): boolean => jzz.addMidiOut(name, make());
  add();
  return { received, remove: () => jzz.removeMidiOut(name), add };
}

/** Waits `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Waits until `cond()` holds (polling), or fails after `ms`. */
export async function until(cond: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** A WebSocket client that queues the JSON messages it receives. */
export class TestClient {
  readonly messages: Record<string, unknown>[] = [];
  private waiters: (() => void)[] = [];
  closed: { code: number } | undefined;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as Record<string, unknown>);
      for (const w of this.waiters.splice(0)) w();
    });
    ws.on('close', (code) => {
      this.closed = { code };
      for (const w of this.waiters.splice(0)) w();
    });
  }
  static async connect(url: string): Promise<TestClient> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await client.waitFor(1); // hello
    return client;
  }
  /** Waits until `count` messages have arrived in all. */
  async waitFor(count: number, ms = 20_000): Promise<void> {
    const end = Date.now() + ms;
    while (this.messages.length < count) {
      if (this.closed) throw new Error(`connection closed (${this.closed.code})`);
      if (Date.now() > end) throw new Error(`timed out: ${this.messages.length}/${count} messages`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }
  /** Sends `msg` (JSON-encoding objects) and resolves with the next message. */
  async request(msg: unknown): Promise<Record<string, unknown>> {
    const n = this.messages.length;
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
    await this.waitFor(n + 1);
    return this.messages[n];
  }
  close(): void {
    this.ws.close();
  }
}
