/**
 * The bridge's WebSocket server: bound to 127.0.0.1 only, one JSON message per text frame, every frame
 * answered (a reply or an `error` with a reason), events broadcast to clients that have shown the token.
 * It knows transport and the pairing token; what a request does is the handler's business (`service.ts`).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { AudiogenesisError, BridgeProtocolError, MidiPortError } from '../core/errors';
import {
  LIMITS,
  PROTOCOL_VERSION,
  type ClientMessage,
  type ErrorReason,
  type RequestId,
  type ServerMessage,
} from './schema';
import { requestIdOf, validateClientMessage } from './validate';

/** The only address the bridge listens on. */
export const BRIDGE_HOST = '127.0.0.1';
/** The default port. */
export const DEFAULT_BRIDGE_PORT = 8765;
/** A client whose unsent replies exceed this many bytes is disconnected (it is not reading). */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** Answers one validated request. Thrown {@link BridgeProtocolError}s and {@link MidiPortError}s become error replies. */
export type RequestHandler = (message: ClientMessage) => ServerMessage | Promise<ServerMessage>;

/** Options of {@link startBridgeServer}. */
export interface BridgeServerOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one (default {@link DEFAULT_BRIDGE_PORT}). */
  port?: number;
  /** The pairing token clients must send in every message. */
  token: string;
  handler: RequestHandler;
  /** Called with unexpected handler errors (they are answered with reason `internal`). */
  onError?: (err: unknown) => void;
}

/** A running server. */
export interface BridgeServer {
  /** Always {@link BRIDGE_HOST}. */
  readonly host: string;
  readonly port: number;
  /** `ws://127.0.0.1:PORT`. */
  readonly url: string;
  /** The socket's bound address, as the OS reports it. */
  address(): AddressInfo;
  /** Sends `message` to every connected client that has sent the right token. */
  broadcast(message: ServerMessage): void;
  /** Clients connected now. */
  readonly clientCount: number;
  /** Closes every connection and the listening socket. */
  close(): Promise<void>;
}

/** A new pairing token: 128 random bits, base64url (22 characters). */
export function newPairingToken(): string {
  return randomBytes(16).toString('base64url');
}

/** A constant-time comparison of `candidate` with `token`. */
export function tokenMatcher(token: string): (candidate: unknown) => boolean {
  const expected = Buffer.from(token, 'utf8');
  return (candidate) => {
    if (typeof candidate !== 'string') return false;
    const got = Buffer.from(candidate, 'utf8');
    return got.length === expected.length && timingSafeEqual(got, expected);
  };
}

/** Refuses browsers' cross-site tricks: the Host header must name the loopback address (DNS rebinding). */
function hostAllowed(host: string | undefined): boolean {
  if (!host) return true;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return name === BRIDGE_HOST || name === 'localhost';
}

function errorReply(err: unknown, id: RequestId | undefined): ServerMessage {
  let reason: ErrorReason = 'internal';
  let message = 'Internal error.';
  if (err instanceof BridgeProtocolError) {
    reason = err.reason as ErrorReason;
    message = err.message;
  } else if (err instanceof MidiPortError) {
    reason = 'midi-port';
    message = err.message;
  } else if (err instanceof AudiogenesisError) {
    message = err.message;
  }
  return id === undefined ? { type: 'error', reason, message } : { type: 'error', id, reason, message };
}

/** Starts the server on 127.0.0.1 and resolves once it listens. */
export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  if (!options.token) throw new BridgeProtocolError('The pairing token must not be empty.', 'invalid');
  const tokenOk = tokenMatcher(options.token);
  const onError = options.onError ?? (() => undefined);
  const authed = new WeakSet<WebSocket>();
  const wss = new WebSocketServer({
    host: BRIDGE_HOST,
    port: options.port ?? DEFAULT_BRIDGE_PORT,
    maxPayload: LIMITS.frameBytes,
    perMessageDeflate: false,
    clientTracking: true,
    verifyClient: (info: { req: { headers: { host?: string } } }) => hostAllowed(info.req.headers.host),
  });
  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error): void => {
      reject(
        new AudiogenesisError(
          `Cannot listen on ${BRIDGE_HOST}:${options.port}: ${err.message}`,
          'BRIDGE_LISTEN',
        ),
      );
    };
    wss.once('error', fail);
    wss.once('listening', () => {
      wss.off('error', fail);
      resolve();
    });
  });
  wss.on('error', onError);

  const send = (ws: WebSocket, message: ServerMessage): void => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify(message));
  };

  const answer = async (ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> => {
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
    let id: RequestId | undefined;
    try {
      if (size > LIMITS.messageBytes) {
        throw new BridgeProtocolError(`Messages are limited to ${LIMITS.messageBytes} bytes.`, 'oversize');
      }
      if (isBinary) throw new BridgeProtocolError('Send JSON in text frames.', 'malformed-json');
      const bytes = Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.isBuffer(data)
          ? data
          : Buffer.from(data);
      const frame = bytes.toString('utf8');
      let value: unknown;
      try {
        value = JSON.parse(frame);
      } catch {
        throw new BridgeProtocolError('The message is not valid JSON.', 'malformed-json');
      }
      id = requestIdOf(value);
      const message = validateClientMessage(value, tokenOk);
      id = message.id;
      authed.add(ws);
      send(ws, await options.handler(message));
    } catch (err) {
      if (!(err instanceof AudiogenesisError)) onError(err);
      send(ws, errorReply(err, id));
    }
  };

  wss.on('connection', (ws) => {
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      void answer(ws, data, isBinary);
    });
    send(ws, { type: 'hello', protocol: PROTOCOL_VERSION, server: 'audiogenesis-bridge' });
  });

  const address = wss.address() as AddressInfo;
  return {
    host: BRIDGE_HOST,
    port: address.port,
    url: `ws://${BRIDGE_HOST}:${address.port}`,
    address: () => wss.address() as AddressInfo,
    broadcast(message) {
      for (const ws of wss.clients) if (authed.has(ws)) send(ws, message);
    },
    get clientCount() {
      return wss.clients.size;
    },
    close() {
      for (const ws of wss.clients) ws.terminate();
      return new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
