/**
 * Shared pieces of the panel's bridge-client tests (`bridge-link.test.ts`, `bridge-client.test.ts`): a real
 * bridge server on a recording output, Node's WebSocket as the link's socket, what a test opened, to close
 * after it; and for frames no bridge sends, a table of them, a hand-driven socket and a hostile server.
 */
import WebSocket, { WebSocketServer } from 'ws';
import { LocalMidiEngine } from '../../bridge/engine';
import { startBridgeServer, type BridgeServer } from '../../bridge/server';
import { BridgeService } from '../../bridge/service';
import { SERVER_MESSAGE_TYPES, SUBPROTOCOL } from '../../core/bridge-protocol';
import type { SocketLike } from '../../plugin/bridge-types';
import { fakeOutputs } from '../bridge/helpers';

/** The pairing token of {@link bridge}. */
export const TOKEN = 'panel-test-token-0123456789';

/** Opens Node's WebSocket offering `protocols`. */
export const socket = (url: string, protocols: string[]) =>
  new WebSocket(url, protocols) as unknown as SocketLike;

/** A bridge server on `port` (0: any free one) playing into one fake output, `IAC Driver Bus 1`. */
export async function bridge(port = 0) {
  const { provider, opened } = fakeOutputs(['IAC Driver Bus 1']);
  const hub: { server?: BridgeServer } = {};
  const service = new BridgeService(
    new LocalMidiEngine({ outputs: provider, onEvent: (e) => hub.server?.broadcast(service.event(e)) }),
  );
  const server = await startBridgeServer({
    port,
    token: TOKEN,
    handler: service.handle,
    onClientsChange: (n) => service.clientsChanged(n),
  });
  hub.server = server;
  return { server, opened };
}

/** What the current test opened (servers, links); {@link closeOpen} closes it. */
export const open: { close(): unknown }[] = [];

/** Closes (and forgets) everything in {@link open}; call it after each test. */
export async function closeOpen(): Promise<void> {
  for (const x of open.splice(0)) await x.close();
}

/** The bridge's greeting. */
export const HELLO = '{"type":"hello","protocol":2,"server":"audiogenesis-bridge"}';

/** Well-formed replies, by the request `type` they answer (without their id). */
export const REPLIES = {
  play: { type: 'playing', output: 'IAC', loop: false, notes: 1, durationSeconds: 0.5, startsAt: 1 },
  stop: { type: 'stopped' },
  status: {
    type: 'status',
    state: 'idle',
    output: 'IAC',
    outputConnected: true,
    loop: false,
    positionBeats: 0,
    pass: 0,
    clock: false,
    clients: 1,
    timing: null,
  },
} as const;

/** The reply to the request `sent` (a frame the link sent), echoing its id. */
export function replyTo(sent: string): string {
  const req = JSON.parse(sent) as { type: keyof typeof REPLIES; id: string };
  return JSON.stringify({ ...REPLIES[req.type], id: req.id });
}

const playing = (extra: string) => JSON.stringify(REPLIES.play).replace(/}$/, `,${extra}}`);

/**
 * Frames no bridge sends: `[what, frame, what the panel says of it]`; `$ID` in a frame stands for the id of
 * the request in flight (the frame claims to be its reply).
 */
export const HOSTILE: [string, string, string][] = [
  ['42', '42', 'not a JSON object'],
  ['null', 'null', 'not a JSON object'],
  ['a string', '"str"', 'not a JSON object'],
  ['an array', '[]', 'not a JSON object'],
  ['an object with no type', '{}', `type must be one of ${SERVER_MESSAGE_TYPES.join(', ')}`],
  ['not JSON', '{"type":"playing",', 'not valid JSON'],
  [
    'a status reply whose state is a number',
    JSON.stringify({ ...REPLIES.status, id: '$ID', state: 5 }),
    'status.state must be one of idle, playing, interrupted',
  ],
  [
    'a playing reply whose output is a number',
    playing('"id":"$ID","output":5'),
    'playing.output must be a string',
  ],
  ['a reply whose id is an array', playing('"id":["$ID"]'), 'playing.id must be a string or a number'],
  [
    'an event whose output is a number',
    '{"type":"event","event":"started","output":7}',
    'event.output must be a string',
  ],
];

/** What the panel says of a frame it cannot read from the bridge on `port`. */
export const unreadableText = (port: number, detail: string) =>
  `The bridge at ws://127.0.0.1:${port} sent a message the panel cannot read (${detail}); the panel ignored it.`;

/** A socket the test drives by hand: it records what the link sends and delivers what the test says. */
export class HandSocket implements SocketLike {
  sent: string[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onerror: SocketLike['onerror'] = null;
  onclose: SocketLike['onclose'] = null;
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {}
  /** Hands `data` to the link as a frame from the bridge. */
  deliver(data: unknown): void {
    this.onmessage?.({ data });
  }
  /** The last frame the link sent. */
  get last(): string {
    return this.sent[this.sent.length - 1];
  }
}

/**
 * A stand-in for the bridge on a free port, pairing any token: while `greet` is false it sends `frame`
 * instead of `hello`; once it is true, it greets and sends `frame` (`$ID`: the request's id) before each
 * real reply.
 */
export async function hostileBridge(frame: string) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => SUBPROTOCOL });
  await new Promise((resolve) => wss.once('listening', resolve));
  const h = {
    greet: false,
    port: (wss.address() as { port: number }).port,
    close: () => {
      for (const c of wss.clients) c.terminate();
      return new Promise((resolve) => wss.close(resolve));
    },
  };
  wss.on('connection', (ws) => {
    ws.send(h.greet ? HELLO : frame.replaceAll('$ID', 'panel-1'));
    ws.on('message', (data) => {
      const text = String(data);
      if (!h.greet || text.includes('"auth"')) return;
      ws.send(frame.replaceAll('$ID', (JSON.parse(text) as { id: string }).id));
      ws.send(replyTo(text));
    });
  });
  return h;
}
