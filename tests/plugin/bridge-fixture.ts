/**
 * Shared pieces of the panel's bridge-client tests (`bridge-link.test.ts`, `bridge-client.test.ts`): a real
 * bridge server on a recording output, Node's WebSocket as the link's socket, and what a test opened, to
 * close after it.
 */
import WebSocket from 'ws';
import { LocalMidiEngine } from '../../bridge/engine';
import { startBridgeServer, type BridgeServer } from '../../bridge/server';
import { BridgeService } from '../../bridge/service';
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
