/**
 * The panel's connection to the bridge ({@link BridgeLink}) against a real bridge server on a recording
 * output: it authenticates in the handshake, follows the bridge's events (playing, ended, port lost, port
 * back), reconnects while the bridge is away or restarts, waits for a new token after a refusal, and
 * switches ports.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { emptySequence } from '../../core/sequence';
import { BridgeLink } from '../../plugin/bridge-link';
import type { DawStatus, SocketLike } from '../../plugin/bridge-types';
import { note, sequence, until } from '../bridge/helpers';
import { bridge, closeOpen, open, socket, TOKEN } from './bridge-fixture';

afterEach(closeOpen);

function link(port: number, token = TOKEN) {
  const l = new BridgeLink({ token, port, socket, retryMs: { min: 20, max: 100 }, timeoutMs: 3000 });
  const seen: DawStatus[] = [];
  l.onStatus((s) => seen.push(s));
  open.push(l);
  return {
    l,
    seen,
    until: (pred: (s: DawStatus) => boolean, what: string) => until(() => pred(l.status), 10_000, what),
  };
}

describe('BridgeLink', () => {
  it('authenticates in the handshake, plays, and shows playing, then ended', async () => {
    const b = await bridge();
    open.push(b.server);
    const { l, seen, until: wait } = link(b.server.port);
    l.start();
    await wait((s) => s.link === 'ready', 'ready');
    const r = await l.play(sequence([note(60, 0, 0.25)], 240));
    expect(r).toEqual({ output: 'IAC Driver Bus 1', notes: 1, durationSeconds: 0.0625 });
    await wait((s) => s.activity === 'ended', 'ended');
    expect(seen.map((s) => s.activity)).toContain('playing');
    expect(l.status).toMatchObject({ link: 'ready', activity: 'ended', output: 'IAC Driver Bus 1' });
  });

  it('shows output-lost when the port vanishes mid-play, and resumed when it returns', async () => {
    const b = await bridge();
    open.push(b.server);
    const { l, until: wait } = link(b.server.port);
    l.start();
    await wait((s) => s.link === 'ready', 'ready');
    await l.play(sequence([note(60, 0, 8)]), true);
    b.opened[0].set(false);
    await wait((s) => s.activity === 'output-lost', 'output-lost');
    expect(l.status.output).toBe('IAC Driver Bus 1');
    b.opened[0].set(true);
    await wait((s) => s.activity === 'resumed', 'resumed');
    await l.stop();
    await wait((s) => s.activity === 'stopped', 'stopped');
  });

  it('says the bridge is not running, keeps retrying, and connects once it starts; and again after a restart', async () => {
    const probe = await bridge();
    const port = probe.server.port;
    await probe.server.close();
    const { l, until: wait } = link(port);
    l.start();
    await wait((s) => s.link === 'offline', 'offline');
    await expect(l.play(emptySequence())).rejects.toMatchObject({
      reason: 'bridge-offline',
      message: expect.stringMatching(
        new RegExp(`not running at ws://127\\.0\\.0\\.1:${port}\\. Start it with "npx audiogenesis bridge"`),
      ),
    });
    const b = await bridge(port);
    await wait((s) => s.link === 'ready', 'ready after the bridge started');
    await b.server.close();
    await wait((s) => s.link === 'offline', 'offline after the bridge stopped');
    const again = await bridge(port);
    open.push(again.server);
    await wait((s) => s.link === 'ready', 'ready after the restart');
  });

  it('stops retrying after the bridge refuses the token, and connects with a new one', async () => {
    const b = await bridge();
    open.push(b.server);
    const { l, until: wait } = link(b.server.port, 'a-wrong-token-0000000');
    l.start();
    await wait((s) => s.link === 'refused', 'refused');
    await expect(l.play(emptySequence())).rejects.toThrow(/refused the pairing token/);
    await new Promise((r) => setTimeout(r, 200));
    expect(l.status.link).toBe('refused');
    expect(b.server.clientCount).toBe(0);
    l.setToken(TOKEN);
    await wait((s) => s.link === 'ready', 'ready with the right token');
  });

  it("pairs through the first frame when the host's WebSocket drops the subprotocols", async () => {
    const b = await bridge();
    open.push(b.server);
    const l = new BridgeLink({
      token: TOKEN,
      port: b.server.port,
      socket: (url) => new WebSocket(url) as unknown as SocketLike,
      retryMs: { min: 20, max: 100 },
    });
    open.push(l);
    l.start();
    await until(() => l.status.link === 'ready', 10_000, 'ready');
    expect(await l.request({ type: 'status' })).toMatchObject({ type: 'status', clients: 1 });
  });

  it('moves to another port', async () => {
    const a = await bridge();
    const b = await bridge();
    open.push(a.server, b.server);
    const { l, until: wait } = link(a.server.port);
    l.start();
    await wait((s) => s.link === 'ready', 'ready on a');
    l.setPort(b.server.port);
    expect(l.status.url).toBe(`ws://127.0.0.1:${b.server.port}`);
    await wait((s) => s.link === 'ready', 'ready on b');
    await until(
      () => b.server.authenticatedCount === 1 && a.server.authenticatedCount === 0,
      5000,
      'the move',
    );
  });

  it('refuses music too long for one bridge message', async () => {
    const b = await bridge();
    open.push(b.server);
    const { l, until: wait } = link(b.server.port);
    l.start();
    await wait((s) => s.link === 'ready', 'ready');
    const big = sequence(Array.from({ length: 12_000 }, (_, i) => note(60, i, i + 1)));
    await expect(l.play(big)).rejects.toThrow(/too long/);
  });
});
