/**
 * The bridge's WebSocket server, bound to 127.0.0.1 only. Who may connect is settled at the handshake
 * (`gate.ts`: Host, Origin, connection caps, the token offered as a subprotocol) or by an `auth` first
 * frame within a short deadline; until then a connection's frames are capped at {@link LIMITS.authBytes}
 * and nothing else is parsed. A connection that sends a bad frame, sends too fast or stops answering pings
 * is closed. Every request of an authenticated client is answered (a reply or an `error` with a reason);
 * events are broadcast to authenticated clients. What a request does is the handler's business.
 */
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { AudiogenesisError, BridgeProtocolError, MidiPortError } from '../core/errors';
import {
  FrameBudget,
  hostAllowed,
  offeredProtocols,
  offeredToken,
  originAllowed,
  selectProtocol,
  tokenMatcher,
} from './gate';
import {
  BRIDGE_HOST,
  CLOSE_CODES,
  CONNECTION_LIMITS,
  DEFAULT_BRIDGE_PORT,
  LIMITS,
  PROTOCOL_VERSION,
} from '../core/bridge-protocol';
import type { ConnectionLimits, ErrorReason } from '../core/bridge-protocol';
import { parseAuth, parseObject, requestIdOf, validateClientMessage } from './protocol/parse';
import type { ClientMessage, RequestId, ServerMessage } from './protocol/schema';

export { BRIDGE_HOST, DEFAULT_BRIDGE_PORT };
export { newPairingToken, tokenMatcher } from './gate';

/** A client whose unsent replies exceed this many bytes is disconnected (it is not reading). */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** Answers one validated request. Thrown {@link BridgeProtocolError}s and {@link MidiPortError}s become error replies. */
export type RequestHandler = (message: ClientMessage) => ServerMessage | Promise<ServerMessage>;

/** Options of {@link startBridgeServer}. */
export interface BridgeServerOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one (default {@link DEFAULT_BRIDGE_PORT}). */
  port?: number;
  /** The pairing token. */
  token: string;
  handler: RequestHandler;
  /** Origins allowed besides UXP's (`--allow-origin`), e.g. a page that previews the panel. */
  allowOrigins?: readonly string[];
  /** Connection limits (default {@link CONNECTION_LIMITS}; tests shorten the timeouts). */
  limits?: Partial<ConnectionLimits>;
  /** Called with the number of authenticated clients whenever it changes. */
  onClientsChange?: (count: number) => void;
  /** Called with unexpected handler errors (they are answered with reason `internal`). */
  onError?: (err: unknown) => void;
}

/** A running server. */
export interface BridgeServer {
  readonly host: string;
  readonly port: number;
  /** `ws://127.0.0.1:PORT`. */
  readonly url: string;
  /** The socket's bound address, as the OS reports it. */
  address(): AddressInfo;
  /** Sends `message` to every authenticated client. */
  broadcast(message: ServerMessage): void;
  /** Connections open now (authenticated or not). */
  readonly clientCount: number;
  /** Authenticated connections open now. */
  readonly authenticatedCount: number;
  /** Closes every connection and the listening socket. */
  close(): Promise<void>;
}

interface Conn {
  authed: boolean;
  alive: boolean;
  closing: boolean;
  budget: FrameBudget;
  authTimer?: ReturnType<typeof setTimeout>;
}

type TokenState = 'ok' | 'bad' | 'none';

function errorReply(err: unknown, id: RequestId | undefined): ServerMessage {
  let reason: ErrorReason = 'internal';
  let message = 'Internal error.';
  if (err instanceof BridgeProtocolError) {
    reason = err.reason as ErrorReason;
    message = err.message;
  } else if (err instanceof MidiPortError) {
    reason = 'midi-port';
    message = err.message;
  } else if (err instanceof AudiogenesisError) message = err.message;
  return id === undefined ? { type: 'error', reason, message } : { type: 'error', id, reason, message };
}

/** Caps the frames a connection may send (ws's receiver reads the length in each frame's header). */
function capFrames(ws: WebSocket, bytes: number): void {
  const receiver = (ws as unknown as { _receiver?: { _maxPayload?: number } })._receiver;
  if (receiver && typeof receiver._maxPayload === 'number') receiver._maxPayload = bytes;
}

function frameText(data: RawData): Buffer {
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
}

/** Starts the server on 127.0.0.1 and resolves once it listens. */
export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  if (!options.token) throw new BridgeProtocolError('The pairing token must not be empty.', 'invalid');
  const limits = { ...CONNECTION_LIMITS, ...options.limits };
  const tokenOk = tokenMatcher(options.token);
  const onError = options.onError ?? (() => undefined);
  const conns = new Map<WebSocket, Conn>();
  const tokens = new WeakMap<IncomingMessage, TokenState>();
  let pending = 0;
  let authedCount = 0;

  const wss = new WebSocketServer({
    host: BRIDGE_HOST,
    port: options.port ?? DEFAULT_BRIDGE_PORT,
    maxPayload: LIMITS.messageBytes,
    perMessageDeflate: false,
    clientTracking: true,
    handleProtocols: (protocols) => selectProtocol(protocols),
    verifyClient: (info: { origin?: string; req: IncomingMessage }, done) => {
      const req = info.req;
      if (!hostAllowed(req.headers.host) || !originAllowed(req.headers.origin, options.allowOrigins))
        return done(false, 403, 'Forbidden');
      if (conns.size >= limits.maxClients) return done(false, 503, 'Too many connections');
      const offered = offeredToken(offeredProtocols(req.headers['sec-websocket-protocol']));
      const state: TokenState = offered === undefined ? 'none' : tokenOk(offered) ? 'ok' : 'bad';
      if (state === 'none' && pending >= limits.maxPending) return done(false, 503, 'Too many connections');
      tokens.set(req, state);
      done(true);
    },
  });
  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error): void =>
      reject(
        new AudiogenesisError(
          `Cannot listen on ${BRIDGE_HOST}:${options.port}: ${err.message}`,
          'BRIDGE_LISTEN',
        ),
      );
    wss.once('error', fail);
    wss.once('listening', () => {
      wss.off('error', fail);
      resolve();
    });
  });
  wss.on('error', onError);

  const send = (ws: WebSocket, message: ServerMessage): void => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return void ws.terminate();
    ws.send(JSON.stringify(message));
  };
  const close = (ws: WebSocket, conn: Conn, code: number, reply?: ServerMessage): void => {
    if (conn.closing) return;
    conn.closing = true;
    if (reply) send(ws, reply);
    ws.close(code);
  };
  const authenticate = (ws: WebSocket, conn: Conn, id?: RequestId): void => {
    if (conn.authTimer) clearTimeout(conn.authTimer);
    conn.authTimer = undefined;
    conn.authed = true;
    capFrames(ws, LIMITS.messageBytes);
    authedCount++;
    send(ws, {
      type: 'hello',
      ...(id === undefined ? {} : { id }),
      protocol: PROTOCOL_VERSION,
      server: 'audiogenesis-bridge',
    });
    options.onClientsChange?.(authedCount);
  };

  const answer = async (ws: WebSocket, conn: Conn, bytes: Buffer): Promise<void> => {
    let value: Record<string, unknown> | undefined;
    let message: ClientMessage;
    try {
      value = parseObject(bytes.toString('utf8'));
      message = validateClientMessage(value);
    } catch (err) {
      // A wrong field is answered; anything else is not our protocol and ends the connection.
      const invalid = err instanceof BridgeProtocolError && err.reason === 'invalid';
      const reply = errorReply(err, invalid ? requestIdOf(value) : undefined);
      if (invalid) send(ws, reply);
      else close(ws, conn, CLOSE_CODES.badFrame, reply);
      return;
    }
    try {
      send(ws, await options.handler(message));
    } catch (err) {
      if (!(err instanceof AudiogenesisError)) onError(err);
      send(ws, errorReply(err, message.id));
    }
  };

  const onFrame = (ws: WebSocket, conn: Conn, data: RawData, isBinary: boolean): void => {
    if (conn.closing) return;
    if (!conn.budget.take()) return close(ws, conn, CLOSE_CODES.tooFast);
    const bytes = frameText(data);
    if (!conn.authed) {
      try {
        if (isBinary || bytes.length > LIMITS.authBytes) throw new BridgeProtocolError('', 'unauthorized');
        const id = parseAuth(bytes.toString('utf8'), tokenOk);
        pending--;
        return authenticate(ws, conn, id);
      } catch {
        const refused = new BridgeProtocolError('Missing or wrong pairing token.', 'unauthorized');
        return close(ws, conn, CLOSE_CODES.unauthorized, errorReply(refused, undefined));
      }
    }
    if (isBinary) {
      const err = new BridgeProtocolError('Send JSON in text frames.', 'malformed-json');
      return close(ws, conn, CLOSE_CODES.badFrame, errorReply(err, undefined));
    }
    void answer(ws, conn, bytes);
  };

  wss.on('connection', (ws, req) => {
    const state = tokens.get(req) ?? 'none';
    const conn: Conn = {
      authed: false,
      alive: true,
      closing: false,
      budget: new FrameBudget(limits.framesPerSecond, limits.frameBurst),
    };
    conns.set(ws, conn);
    capFrames(ws, LIMITS.authBytes);
    ws.on('error', () => ws.terminate());
    ws.on('pong', () => (conn.alive = true));
    ws.on('message', (data, isBinary) => {
      conn.alive = true;
      onFrame(ws, conn, data, isBinary);
    });
    ws.on('close', () => {
      conns.delete(ws);
      if (conn.authTimer) {
        clearTimeout(conn.authTimer);
        pending--;
      }
      if (conn.authed) {
        authedCount--;
        options.onClientsChange?.(authedCount);
      }
    });
    if (state === 'ok') return authenticate(ws, conn);
    if (state === 'bad') {
      const refused = new BridgeProtocolError('Wrong pairing token.', 'unauthorized');
      return close(ws, conn, CLOSE_CODES.unauthorized, errorReply(refused, undefined));
    }
    pending++;
    conn.authTimer = setTimeout(() => close(ws, conn, CLOSE_CODES.authTimeout), limits.authTimeoutMs);
  });

  const pinger = setInterval(() => {
    for (const [ws, conn] of conns) {
      if (!conn.alive) {
        ws.terminate();
        continue;
      }
      conn.alive = false;
      ws.ping();
    }
  }, limits.pingIntervalMs);
  pinger.unref();

  const address = wss.address() as AddressInfo;
  return {
    host: BRIDGE_HOST,
    port: address.port,
    url: `ws://${BRIDGE_HOST}:${address.port}`,
    address: () => wss.address() as AddressInfo,
    broadcast(message) {
      for (const [ws, conn] of conns) if (conn.authed && !conn.closing) send(ws, message);
    },
    get clientCount() {
      return conns.size;
    },
    get authenticatedCount() {
      return authedCount;
    },
    close() {
      clearInterval(pinger);
      for (const ws of conns.keys()) ws.terminate();
      return new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
