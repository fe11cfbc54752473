/** Test doubles and builders shared by the bridge tests. */
import JZZ from 'jzz';
import WebSocket from 'ws';
import { ROLES, emptySequence, type Note, type NoteSequence, type Role } from '../../core/sequence';
import type { MidiBytes } from '../../core/codec/messages';
import type { MidiSink, SchedulerClock, Ticker } from '../../bridge/scheduler-types';
import { SUBPROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../core/bridge-protocol';
import type { ManagedOutput, OutputProvider } from '../../bridge/engine';
import type { ConnectionListener } from '../../bridge/output';
import { MidiPortError } from '../../core/errors';

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

/** How {@link TestClient.connect} opens its connection. */
export interface ConnectOptions {
  /** The pairing token, offered as a subprotocol (authenticated at the handshake). */
  token?: string;
  /** Subprotocols to offer instead. */
  protocols?: string[];
  /** An `Origin` header (browsers send one; Node programs do not). */
  origin?: string;
  /** Wait for `hello` (default: when a token is given). */
  hello?: boolean;
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
  static async connect(url: string, o: ConnectOptions = {}): Promise<TestClient> {
    const protocols = o.protocols ?? (o.token ? [SUBPROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${o.token}`] : []);
    const ws = new WebSocket(url, protocols, {
      perMessageDeflate: false,
      ...(o.origin ? { headers: { Origin: o.origin } } : {}),
    });
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    if (o.hello ?? o.token !== undefined) await client.waitFor(1); // hello
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
  /** Waits until the connection is closed; resolves with its close code. */
  async waitClosed(ms = 10_000): Promise<number> {
    const end = Date.now() + ms;
    while (!this.closed) {
      if (Date.now() > end) throw new Error('timed out waiting for the close');
      await sleep(5);
    }
    return this.closed.code;
  }
  /** Waits for a message matching `pred` (among those received after `from`). */
  async next(
    pred: (m: Record<string, unknown>) => boolean,
    from = 0,
    ms = 20_000,
  ): Promise<Record<string, unknown>> {
    const end = Date.now() + ms;
    for (;;) {
      const m = this.messages.slice(from).find(pred);
      if (m) return m;
      if (this.closed) throw new Error(`connection closed (${this.closed.code})`);
      if (Date.now() > end) throw new Error('timed out waiting for a message');
      await sleep(5);
    }
  }
  /** Sends `msg` (JSON-encoding objects) and resolves with the next message that is not an event. */
  async request(msg: unknown): Promise<Record<string, unknown>> {
    const n = this.messages.length;
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
    return this.next((m) => m.type !== 'event', n);
  }
  close(): void {
    this.ws.close();
  }
}

/** The status code of a handshake the server refuses (101 when it is accepted). */
export function handshakeStatus(
  url: string,
  headers: Record<string, string> = {},
  protocols: string[] = [],
): Promise<number> {
  const ws = new WebSocket(url, protocols, { headers });
  return new Promise<number>((resolve) => {
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.terminate();
    });
    ws.on('error', () => resolve(0));
  });
}

/** A recording output whose port can vanish and return. */
export class ToggleOutput extends RecordingSink implements ManagedOutput {
  listeners = new Set<ConnectionListener>();
  constructor(readonly name: string) {
    super();
  }
  onConnectionChange(l: ConnectionListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  set(connected: boolean): void {
    this.connected = connected;
    for (const l of this.listeners) l(connected);
  }
  close(): void {}
}

/** Outputs named `names` (opened by a unique part of the name, case-insensitively), and those opened. */
export function fakeOutputs(names: string[]): { provider: OutputProvider; opened: ToggleOutput[] } {
  const opened: ToggleOutput[] = [];
  const provider: OutputProvider = {
    list: () => names.map((name) => ({ name, id: name, manufacturer: 'test', connected: true })),
    async open(name) {
      const found = names.find((n) => n.toLowerCase().includes(name.toLowerCase()));
      if (!found) throw new MidiPortError(`No MIDI output matches "${name}"`);
      const out = new ToggleOutput(found);
      opened.push(out);
      return out;
    },
  };
  return { provider, opened };
}

/** 1,000 notes: 500 onsets, two notes each (4 roles, drums on 10), a 32nd apart; the tempo changes at beat 8. */
export function thousandNotes(): NoteSequence {
  const notes: Note[] = [];
  for (let j = 0; j < 500; j++) {
    const start = j / 32;
    for (const k of [0, 1]) {
      const role = ROLES[(j % 2) * 2 + k];
      notes.push(
        note(role === 'drums' ? 36 + (j % 10) : 40 + ((j * 7 + k * 12) % 48), start, start + 1 / 64, role),
      );
    }
  }
  return sequence(notes, 240, [{ beat: 8, bpm: 300 }]);
}
