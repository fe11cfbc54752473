/**
 * "Send to DAW": the panel's client of the local bridge (`audiogenesis bridge`, ws://127.0.0.1:8765). One
 * short-lived WebSocket per request: wait for the bridge's hello, send the request with the pairing token
 * and an id, resolve on the matching reply. Only the protocol's types are shared with `bridge/` (no Node
 * code). Failures are {@link HostError}s with plain messages.
 */
import type { ClientMessage, ServerMessage } from '../bridge/schema';
import { HostError } from '../core/errors';
import type { NoteSequence } from '../core/sequence';

/** Where the bridge listens (127.0.0.1, as the manifest's network permission names it). */
export const BRIDGE_URL = 'ws://127.0.0.1:8765';

/** The parts of a WebSocket the client uses (UXP's and the browser's both fit). */
export interface SocketLike {
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
}

/** Settings of the bridge calls; every field has a default. */
export interface BridgeOptions {
  /** Default {@link BRIDGE_URL}. */
  url?: string;
  /** How long to wait for the reply, ms. Default 5000. */
  timeoutMs?: number;
  /** Opens a socket. Default: the global `WebSocket`. */
  socket?: (url: string) => SocketLike;
}

type Reply = Exclude<ServerMessage, { type: 'hello' } | { type: 'event' } | { type: 'error' }>;
type Request = Extract<ClientMessage, { type: 'play' } | { type: 'stop' }>;
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Largest request the bridge answers (its `LIMITS.messageBytes`), bytes of UTF-8. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

let counter = 0;

const offline = (url: string): HostError =>
  new HostError(
    `The bridge is not running at ${url}. Start it with "npx audiogenesis bridge" (see docs/daw.md) and try again.`,
    'bridge-offline',
  );

function refused(reason: string, message: string): HostError {
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

/** Sends one request and resolves with the bridge's matching reply. */
export function request(req: WithoutId<Request>, options: BridgeOptions = {}): Promise<Reply> {
  const url = options.url ?? BRIDGE_URL;
  const open = options.socket ?? ((u: string) => new WebSocket(u) as unknown as SocketLike);
  const id = `panel-${++counter}`;
  const text = JSON.stringify({ ...req, id });
  if (new TextEncoder().encode(text).length > MAX_MESSAGE_BYTES)
    return Promise.reject(
      new HostError(
        'The music is too long to send to the bridge in one go: export the MIDI instead.',
        'bridge-refused',
      ),
    );
  return new Promise<Reply>((resolve, reject) => {
    let done = false;
    let socket: SocketLike | undefined;
    const finish = (fn: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      fn();
      try {
        socket?.close();
      } catch {
        // already closed
      }
    };
    const timer = setTimeout(() => finish(() => reject(offline(url))), options.timeoutMs ?? 5000);
    try {
      socket = open(url);
    } catch {
      finish(() => reject(offline(url)));
      return;
    }
    const ws = socket;
    ws.onerror = () => finish(() => reject(offline(url)));
    ws.onclose = () => finish(() => reject(offline(url)));
    ws.onmessage = (ev) => {
      let msg: ServerMessage;
      try {
        msg = JSON.parse(String(ev.data)) as ServerMessage;
      } catch {
        return;
      }
      if (msg.type === 'hello') ws.send(text);
      else if (msg.type === 'error' && (msg.id === id || msg.id === undefined))
        finish(() => reject(refused(msg.reason, msg.message)));
      else if (msg.type !== 'event' && 'id' in msg && msg.id === id) finish(() => resolve(msg as Reply));
    };
  });
}

/** Plays `sequence` through the bridge into the DAW; resolves with the output's name. */
export async function sendToDaw(
  sequence: NoteSequence,
  token: string,
  loop = false,
  options: BridgeOptions = {},
): Promise<{ output: string; notes: number; durationSeconds: number }> {
  if (!token.trim())
    throw new HostError('Paste the pairing token the bridge printed when it started.', 'bridge-refused');
  const reply = await request({ type: 'play', token: token.trim(), sequence, loop }, options);
  if (reply.type !== 'playing') throw new HostError(`The bridge answered ${reply.type}.`, 'bridge-refused');
  return { output: reply.output, notes: reply.notes, durationSeconds: reply.durationSeconds };
}

/** Stops what the bridge plays (with a panic: all notes off). */
export async function stopDaw(token: string, options: BridgeOptions = {}): Promise<void> {
  await request({ type: 'stop', token: token.trim(), panic: true }, options);
}
