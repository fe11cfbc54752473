/**
 * The panel's view of the local bridge: where it listens, the socket the client needs, the requests it
 * sends and the replies it waits for, the link's and the DAW's states the panel shows, and the client's
 * settings ({@link BridgeLink} in `bridge-link.ts`).
 */
import type { ClientRequest, ServerMessage } from '../bridge/protocol/schema';
import { DEFAULT_BRIDGE_PORT, LIMITS } from '../core/bridge-protocol';

/** The bridge's URL on `port` (127.0.0.1, as the manifest's network permission names it). */
export function bridgeUrl(port: number = DEFAULT_BRIDGE_PORT): string {
  return `ws://127.0.0.1:${port}`;
}

/** Largest request the bridge reads, bytes of UTF-8. */
export const MAX_MESSAGE_BYTES = LIMITS.messageBytes;

/** The parts of a WebSocket the client uses (UXP's and the browser's both fit). */
export interface SocketLike {
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onclose: ((ev: { code?: number }) => void) | null;
}

/** Opens a socket offering `protocols`. */
export type OpenSocket = (url: string, protocols: string[]) => SocketLike;

/** A reply to one request (not the greeting, an event or an error). */
export type LinkReply = Exclude<ServerMessage, { type: 'hello' } | { type: 'event' } | { type: 'error' }>;
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
/** A request as the panel hands it to the link, which adds its id (auth is the link's own). */
export type LinkRequest = WithoutId<Exclude<ClientRequest, { type: 'auth' }>>;

/** Settings of the one-shot calls (`sendToDaw`, `stopDaw` in `bridge-client.ts`). */
export type BridgeOptions = Omit<LinkOptions, 'token'>;

/** The connection: `refused` means a wrong token (the link waits for another one). */
export type LinkState = 'connecting' | 'ready' | 'offline' | 'refused' | 'closed';
/** What the DAW side is doing, as the bridge last said. */
export type DawActivity = 'idle' | 'playing' | 'ended' | 'stopped' | 'output-lost' | 'resumed';

/** What the panel shows. */
export interface DawStatus {
  link: LinkState;
  activity: DawActivity;
  /** The MIDI output, once known. */
  output: string | null;
  loop: boolean;
  url: string;
  /**
   * The last frame of this connection that the panel could not read (it was ignored), in plain words
   * (`unreadable` in `bridge-errors.ts`); `null` when none. Cleared when the link connects anew.
   */
  problem: string | null;
}

/** Settings of a `BridgeLink` (`bridge-link.ts`); every field but `token` has a default. */
export interface LinkOptions {
  token: string;
  /** Default 8765. */
  port?: number;
  /** How long a request waits for its reply, ms. Default 5000. */
  timeoutMs?: number;
  /** First and longest delay between reconnection attempts, ms. Default 500 and 5000. */
  retryMs?: { min: number; max: number };
  /** Opens a socket. Default: the global `WebSocket`. */
  socket?: OpenSocket;
}
