/**
 * The panel's client of the local bridge (`audiogenesis bridge`): {@link BridgeLink}, one persistent
 * WebSocket that authenticates in its handshake (the pairing token as a subprotocol), reconnects with a
 * growing delay while the bridge is away, follows the bridge's events (playing, ended, port lost,
 * resumed) and carries requests. Only the protocol's types and plain constants are shared with `bridge/`
 * (no Node code, no schema library). Failures are {@link HostError}s with plain messages. Its settings
 * and the states it reports are in `bridge-types.ts`.
 */
import type { ClientRequest, ServerMessage } from '../bridge/protocol/schema';
import {
  CLOSE_CODES,
  DEFAULT_BRIDGE_PORT,
  SUBPROTOCOL,
  TOKEN_PROTOCOL_PREFIX,
} from '../core/bridge-protocol';
import { HostError } from '../core/errors';
import type { NoteSequence } from '../core/sequence';
import type {
  BridgeOptions,
  DawActivity,
  DawStatus,
  LinkOptions,
  OpenSocket,
  SocketLike,
} from './bridge-types';
import { bridgeUrl, MAX_MESSAGE_BYTES } from './bridge-types';

type Reply = Exclude<ServerMessage, { type: 'hello' } | { type: 'event' } | { type: 'error' }>;
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Request = WithoutId<Exclude<ClientRequest, { type: 'auth' }>>;

const EVENT_ACTIVITY: Record<string, DawActivity> = {
  started: 'playing',
  ended: 'ended',
  stopped: 'stopped',
  'output-lost': 'output-lost',
  interrupted: 'output-lost',
  'output-restored': 'resumed',
  resumed: 'resumed',
};

function refusal(reason: string, message: string): HostError {
  if (reason === 'unauthorized')
    return new HostError(
      'The bridge refused the pairing token. Paste the token it printed when it started.',
      'bridge-refused',
    );
  if (reason === 'no-output')
    return new HostError(
      'The bridge has no MIDI output. Restart it with --output "<port name>" (audiogenesis ports lists them).',
      'bridge-refused',
    );
  return new HostError(`The bridge refused the music: ${message}`, 'bridge-refused');
}

/** A persistent, reconnecting connection to the bridge. */
export class BridgeLink {
  private options: Required<Omit<LinkOptions, 'socket'>> & { socket: OpenSocket };
  private socket: SocketLike | undefined;
  private state: DawStatus;
  private readonly listeners = new Set<(s: DawStatus) => void>();
  private readonly pending = new Map<
    string,
    { resolve(r: Reply): void; reject(e: Error): void; timer: ReturnType<typeof setTimeout> }
  >();
  private retry: ReturnType<typeof setTimeout> | undefined;
  private delay: number;
  private counter = 0;
  private generation = 0;

  constructor(options: LinkOptions) {
    this.options = {
      port: DEFAULT_BRIDGE_PORT,
      timeoutMs: 5000,
      retryMs: { min: 500, max: 5000 },
      socket: (url, protocols) => new WebSocket(url, protocols) as unknown as SocketLike,
      ...options,
      token: options.token.trim(),
    };
    this.delay = this.options.retryMs.min;
    this.state = {
      link: 'offline',
      activity: 'idle',
      output: null,
      loop: false,
      url: bridgeUrl(this.options.port),
    };
  }

  /** The current status. */
  get status(): DawStatus {
    return { ...this.state };
  }

  /** Calls `listener` on every change of status; returns the unsubscribe function. */
  onStatus(listener: (s: DawStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Connects (and keeps reconnecting until {@link close}). */
  start(): void {
    if (this.state.link === 'closed') this.set({ link: 'offline' });
    this.connect();
  }

  /** Uses another pairing token (reconnects). */
  setToken(token: string): void {
    this.options.token = token.trim();
    this.restart();
  }

  /** Uses another port (reconnects). */
  setPort(port: number): void {
    this.options.port = port;
    this.set({ url: bridgeUrl(port) });
    this.restart();
  }

  /** Closes the connection for good. */
  close(): void {
    this.generation++;
    clearTimeout(this.retry);
    this.drop();
    this.set({ link: 'closed' });
  }

  /** Sends one request and resolves with the bridge's reply. */
  request(req: Request): Promise<Reply> {
    const socket = this.socket;
    if (!socket || this.state.link !== 'ready') return Promise.reject(this.problem());
    const id = `panel-${++this.counter}`;
    const text = JSON.stringify({ ...req, id });
    if (new TextEncoder().encode(text).length > MAX_MESSAGE_BYTES)
      return Promise.reject(
        new HostError(
          'The music is too long to send to the bridge in one go: export the MIDI instead.',
          'bridge-refused',
        ),
      );
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new HostError(`The bridge at ${this.state.url} did not answer.`, 'bridge-offline'));
      }, this.options.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      socket.send(text);
    });
  }

  /** Plays `sequence` into the DAW; resolves with the output's name. */
  async play(
    sequence: NoteSequence,
    loop = false,
    keepPlaying = false,
  ): Promise<{ output: string; notes: number; durationSeconds: number }> {
    const reply = await this.request({ type: 'play', sequence, loop, keepPlaying });
    if (reply.type !== 'playing') throw new HostError(`The bridge answered ${reply.type}.`, 'bridge-refused');
    this.set({ activity: 'playing', output: reply.output, loop: reply.loop });
    return { output: reply.output, notes: reply.notes, durationSeconds: reply.durationSeconds };
  }

  /** Stops what the bridge plays (with a panic: all notes off). */
  async stop(): Promise<void> {
    await this.request({ type: 'stop', panic: true });
  }

  /** Why the bridge cannot take a request now, as the panel says it. */
  problem(): HostError {
    if (!this.options.token)
      return new HostError('Paste the pairing token the bridge printed when it started.', 'bridge-refused');
    if (this.state.link === 'refused') return refusal('unauthorized', '');
    return new HostError(
      `The bridge is not running at ${this.state.url}. Start it with "npx audiogenesis bridge" (see docs/daw.md) and try again.`,
      'bridge-offline',
    );
  }

  private set(patch: Partial<DawStatus>): void {
    const next = { ...this.state, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.state)) return;
    this.state = next;
    for (const l of [...this.listeners]) l(this.status);
  }

  private restart(): void {
    if (this.state.link === 'closed') return;
    this.generation++;
    clearTimeout(this.retry);
    this.drop();
    this.delay = this.options.retryMs.min;
    this.connect();
  }

  private drop(): void {
    const s = this.socket;
    this.socket = undefined;
    if (s) {
      s.onopen = s.onmessage = s.onerror = s.onclose = null;
      try {
        s.close();
      } catch {
        // already closed
      }
    }
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(this.problem());
    }
    this.pending.clear();
  }

  private connect(): void {
    if (!this.options.token) return this.set({ link: 'offline' });
    const generation = this.generation;
    const protocols = [SUBPROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${this.options.token}`];
    this.set({ link: 'connecting' });
    let s: SocketLike;
    try {
      s = this.options.socket(this.state.url, protocols);
    } catch {
      return this.lost(generation, undefined);
    }
    this.socket = s;
    // The token also goes in a first frame: a host whose WebSocket drops the subprotocols still pairs.
    const token = this.options.token;
    s.onopen = () => s.send(JSON.stringify({ type: 'auth', token }));
    s.onmessage = (ev) => this.receive(ev.data);
    s.onerror = () => undefined;
    s.onclose = (ev) => this.lost(generation, ev?.code);
  }

  private lost(generation: number, code: number | undefined): void {
    if (generation !== this.generation) return;
    this.drop();
    if (code === CLOSE_CODES.unauthorized || this.state.link === 'refused') {
      this.set({ link: 'refused' });
      return; // no retry with a token the bridge refused: wait for another one
    }
    this.set({ link: 'offline' });
    this.retry = setTimeout(() => this.connect(), this.delay);
    this.delay = Math.min(this.options.retryMs.max, this.delay * 2);
  }

  private receive(data: unknown): void {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(String(data)) as ServerMessage;
    } catch {
      return;
    }
    if (msg.type === 'hello') return this.ready();
    if (msg.type === 'event') {
      const activity = EVENT_ACTIVITY[msg.event] ?? this.state.activity;
      return this.set({
        activity,
        ...(msg.output ? { output: msg.output } : {}),
        ...(msg.loop !== undefined ? { loop: msg.loop } : {}),
      });
    }
    const id = 'id' in msg && typeof msg.id === 'string' ? msg.id : undefined;
    const p = id === undefined ? undefined : this.pending.get(id);
    if (msg.type === 'error' && msg.reason === 'unauthorized') this.set({ link: 'refused' });
    if (!p || id === undefined) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (msg.type === 'error') p.reject(refusal(msg.reason, msg.message));
    else p.resolve(msg as Reply);
  }

  private ready(): void {
    if (this.state.link === 'ready') return; // the second hello (handshake and auth frame both paired)
    this.delay = this.options.retryMs.min;
    this.set({ link: 'ready' });
    this.request({ type: 'status' }).then(
      (r) => {
        if (r.type !== 'status') return;
        const activity: DawActivity =
          r.state === 'playing' ? 'playing' : r.state === 'interrupted' ? 'output-lost' : this.state.activity;
        this.set({ output: r.output, activity, loop: r.loop });
      },
      () => undefined,
    );
  }
}

/**
 * Plays `sequence` through a short-lived connection (the loop keeps playing after it closes); resolves
 * with the output's name. The panel uses a {@link BridgeLink}; this is for one-shot callers.
 */
export async function sendToDaw(
  sequence: NoteSequence,
  token: string,
  loop = false,
  options: BridgeOptions = {},
): Promise<{ output: string; notes: number; durationSeconds: number }> {
  return once(token, options, (link) => link.play(sequence, loop, true));
}

/** Stops what the bridge plays (with a panic), through a short-lived connection. */
export async function stopDaw(token: string, options: BridgeOptions = {}): Promise<void> {
  return once(token, options, (link) => link.stop());
}

async function once<T>(
  token: string,
  options: BridgeOptions,
  job: (link: BridgeLink) => Promise<T>,
): Promise<T> {
  if (!token.trim())
    throw new HostError('Paste the pairing token the bridge printed when it started.', 'bridge-refused');
  const link = new BridgeLink({ ...options, token });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(link.problem()), options.timeoutMs ?? 5000);
      const off = link.onStatus((s) => {
        if (s.link === 'connecting') return;
        clearTimeout(timer);
        off();
        if (s.link === 'ready') resolve();
        else reject(s.link === 'refused' ? refusal('unauthorized', '') : link.problem());
      });
      link.start();
    });
    return await job(link);
  } finally {
    link.close();
  }
}
