/**
 * The panel's persistent connection to the local bridge (`audiogenesis bridge`): {@link BridgeLink}, one
 * WebSocket that authenticates in its handshake (the pairing token as a subprotocol), reconnects with a
 * growing delay while the bridge is away (`bridge-retry.ts`), follows the bridge's events (playing, ended,
 * port lost, resumed) into the status it reports (`bridge-status.ts`) and carries requests
 * (`bridge-requests.ts`). Only the protocol's types, plain constants and its check of frames are shared
 * with `bridge/` (no Node code, no schema library). Every frame goes through that check
 * (`parseServerMessage`): one that fails it is ignored (requests in flight keep waiting for their reply)
 * and its status says so (`problem`). Failures are `HostError`s with plain messages (`bridge-errors.ts`).
 * Its settings and the states it reports are in `bridge-types.ts`.
 */
import type { ServerMessage } from '../bridge/protocol/schema';
import {
  CLOSE_CODES,
  DEFAULT_BRIDGE_PORT,
  parseServerMessage,
  SUBPROTOCOL,
  TOKEN_PROTOCOL_PREFIX,
} from '../core/bridge-protocol';
import type { HostError } from '../core/errors';
import type { NoteSequence } from '../core/sequence';
import {
  missingToken,
  noAnswer,
  notRunning,
  refusal,
  tooLong,
  unexpectedReply,
  unreadable,
} from './bridge-errors';
import { PendingRequests } from './bridge-requests';
import { Backoff } from './bridge-retry';
import { eventPatch, statusPatch, StatusReporter } from './bridge-status';
import type { DawStatus, LinkOptions, LinkReply, LinkRequest, OpenSocket, SocketLike } from './bridge-types';
import { bridgeUrl, MAX_MESSAGE_BYTES } from './bridge-types';

/** A persistent, reconnecting connection to the bridge. */
export class BridgeLink {
  private readonly options: Required<Omit<LinkOptions, 'socket'>> & { socket: OpenSocket };
  private readonly backoff: Backoff;
  private readonly report: StatusReporter;
  private readonly requests: PendingRequests;
  private socket: SocketLike | undefined;
  private generation = 0;
  /** The last frame of this connection that failed the check (its status's `problem`). */
  private unread: HostError | undefined;

  constructor(options: LinkOptions) {
    this.options = {
      port: DEFAULT_BRIDGE_PORT,
      timeoutMs: 5000,
      retryMs: { min: 500, max: 5000 },
      socket: (url, protocols) => new WebSocket(url, protocols) as unknown as SocketLike,
      ...options,
      token: options.token.trim(),
    };
    this.backoff = new Backoff(this.options.retryMs);
    this.report = new StatusReporter({
      link: 'offline',
      activity: 'idle',
      output: null,
      loop: false,
      url: bridgeUrl(this.options.port),
      problem: null,
    });
    this.requests = new PendingRequests(this.options.timeoutMs);
  }

  /** The current status. */
  get status(): DawStatus {
    return this.report.snapshot();
  }

  /** Calls `listener` on every change of status; returns the unsubscribe function. */
  onStatus(listener: (s: DawStatus) => void): () => void {
    return this.report.listen(listener);
  }

  /** Connects (and keeps reconnecting until {@link close}). */
  start(): void {
    if (this.report.current.link === 'closed') this.report.set({ link: 'offline' });
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
    this.report.set({ url: bridgeUrl(port) });
    this.restart();
  }

  /** Closes the connection for good. */
  close(): void {
    this.generation++;
    this.backoff.cancel();
    this.drop();
    this.report.set({ link: 'closed' });
  }

  /** Sends one request and resolves with the bridge's reply. */
  request(req: LinkRequest): Promise<LinkReply> {
    const socket = this.socket;
    if (!socket || this.report.current.link !== 'ready') return Promise.reject(this.problem());
    const id = this.requests.nextId();
    const text = JSON.stringify({ ...req, id });
    if (new TextEncoder().encode(text).length > MAX_MESSAGE_BYTES) return Promise.reject(tooLong());
    const timedOut = () => noAnswer(this.report.current.url);
    return this.requests.wait(id, () => socket.send(text), timedOut);
  }

  /** Plays `sequence` into the DAW; resolves with the output's name. */
  async play(
    sequence: NoteSequence,
    loop = false,
    keepPlaying = false,
  ): Promise<{ output: string; notes: number; durationSeconds: number }> {
    const reply = await this.request({ type: 'play', sequence, loop, keepPlaying });
    if (reply.type !== 'playing') throw unexpectedReply(reply.type);
    this.report.set({ activity: 'playing', output: reply.output, loop: reply.loop });
    return { output: reply.output, notes: reply.notes, durationSeconds: reply.durationSeconds };
  }

  /** Stops what the bridge plays (with a panic: all notes off). */
  async stop(): Promise<void> {
    await this.request({ type: 'stop', panic: true });
  }

  /**
   * Why the bridge cannot take a request now, as the panel says it: while it connects, the frame it could
   * not read if there was one (e.g. a `hello` of another protocol version).
   */
  problem(): HostError {
    const { link, url } = this.report.current;
    if (!this.options.token) return missingToken();
    if (link === 'refused') return refusal('unauthorized', '');
    if (link === 'connecting' && this.unread) return this.unread;
    return notRunning(url);
  }

  private restart(): void {
    if (this.report.current.link === 'closed') return;
    this.generation++;
    this.backoff.cancel();
    this.drop();
    this.backoff.reset();
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
    this.requests.rejectAll(() => this.problem());
  }

  private connect(): void {
    this.unread = undefined;
    if (!this.options.token) return this.report.set({ link: 'offline', problem: null });
    const generation = this.generation;
    const protocols = [SUBPROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${this.options.token}`];
    this.report.set({ link: 'connecting', problem: null });
    let s: SocketLike;
    try {
      s = this.options.socket(this.report.current.url, protocols);
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
    if (code === CLOSE_CODES.unauthorized || this.report.current.link === 'refused') {
      this.report.set({ link: 'refused' });
      return; // no retry with a token the bridge refused: wait for another one
    }
    this.report.set({ link: 'offline' });
    this.backoff.schedule(() => this.connect());
  }

  /** One frame: checked, then the greeting, an event, or a reply; one that fails the check is ignored. */
  private receive(data: unknown): void {
    let msg: ServerMessage;
    try {
      // parseServerMessage checks against the schemas generated from SERVER_MESSAGES, ServerMessage's own.
      msg = parseServerMessage(data) as ServerMessage;
    } catch (err) {
      this.unread = unreadable(this.report.current.url, err instanceof Error ? err.message : String(err));
      return this.report.set({ problem: this.unread.message });
    }
    if (msg.type === 'hello') return this.ready();
    if (msg.type === 'event') return this.report.set(eventPatch(msg, this.report.current.activity));
    this.answer(msg);
  }

  /** A reply or an error: an unauthorized error means a refused token; one with a waiting id settles it. */
  private answer(msg: Exclude<ServerMessage, { type: 'hello' } | { type: 'event' }>): void {
    const id = 'id' in msg && typeof msg.id === 'string' ? msg.id : undefined;
    const waiting = id !== undefined && this.requests.has(id);
    if (msg.type === 'error' && msg.reason === 'unauthorized') this.report.set({ link: 'refused' });
    if (!waiting) return;
    if (msg.type === 'error') this.requests.reject(id, refusal(msg.reason, msg.message));
    else this.requests.resolve(id, msg);
  }

  private ready(): void {
    if (this.report.current.link === 'ready') return; // the second hello (handshake and auth frame both paired)
    this.backoff.reset();
    this.report.set({ link: 'ready' });
    this.request({ type: 'status' }).then(
      (r) => {
        if (r.type === 'status') this.report.set(statusPatch(r, this.report.current.activity));
      },
      () => undefined,
    );
  }
}
