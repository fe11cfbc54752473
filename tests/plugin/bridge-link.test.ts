/**
 * The panel's connection to the bridge ({@link BridgeLink}) against a real bridge server on a recording
 * output: it authenticates in the handshake, follows the bridge's events (playing, ended, port lost, port
 * back), reconnects while the bridge is away or restarts, waits for a new token after a refusal, and
 * switches ports; and, on a socket driven by hand, reads past frames no bridge sends.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { emptySequence } from '../../core/sequence';
import { BridgeLink } from '../../plugin/bridge-link';
import type { DawStatus, SocketLike } from '../../plugin/bridge-types';
import { note, sequence, until } from '../bridge/helpers';
import {
  bridge,
  closeOpen,
  HandSocket,
  HELLO,
  HOSTILE,
  open,
  REPLIES,
  replyTo,
  socket,
  TOKEN,
  unreadableText,
} from './bridge-fixture';

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

/** A link on sockets the test drives, retrying at once; `sockets` are the ones it opened, in order. */
function handLink(timeoutMs = 3000) {
  const sockets: HandSocket[] = [];
  const l = new BridgeLink({
    token: TOKEN,
    socket: () => {
      const s = new HandSocket();
      sockets.push(s);
      return s;
    },
    retryMs: { min: 10, max: 10 },
    timeoutMs,
  });
  open.push(l);
  return { l, sockets };
}

/** A {@link handLink} that paired and had its status request answered (output `IAC`). */
async function pairedLink(timeoutMs?: number) {
  const { l, sockets } = handLink(timeoutMs);
  l.start();
  const s = sockets[0];
  s.onopen?.({});
  s.deliver(HELLO);
  s.deliver(replyTo(s.last));
  await until(() => l.status.output === 'IAC', 1000, 'the status reply');
  return { l, s };
}

/** Whether `p` has settled, after the pending callbacks ran. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  return done;
}

describe('BridgeLink and frames no bridge sends', () => {
  it.each(HOSTILE)(
    'ignores %s without throwing, says so, keeps the request waiting and reads the next frames',
    async (_, frame, detail) => {
      const { l, s } = await pairedLink();
      const before = l.status;
      expect(before).toMatchObject({ link: 'ready', activity: 'idle', output: 'IAC', problem: null });
      const played = l.play(sequence([note(60, 0, 1)]));
      const id = (JSON.parse(s.last) as { id: string }).id;
      expect(() => s.deliver(frame.replaceAll('$ID', id))).not.toThrow();
      const problem = unreadableText(8765, detail);
      expect(l.status).toEqual({ ...before, problem });
      expect(await settled(played)).toBe(false);
      s.deliver(replyTo(s.last));
      await expect(played).resolves.toEqual({ output: 'IAC', notes: 1, durationSeconds: 0.5 });
      s.deliver('{"type":"event","event":"ended"}');
      expect(l.status).toEqual({ ...before, activity: 'ended', problem });
    },
  );

  it('lets a request its reply never came to time out as before ("did not answer")', async () => {
    const { l, s } = await pairedLink(100);
    const stopped = l.stop();
    s.deliver(JSON.stringify({ ...REPLIES.stop, id: { id: (JSON.parse(s.last) as { id: string }).id } }));
    await expect(stopped).rejects.toMatchObject({
      reason: 'bridge-offline',
      message: 'The bridge at ws://127.0.0.1:8765 did not answer.',
    });
    expect(l.status.problem).toBe(unreadableText(8765, 'stopped.id must be a string or a number'));
  });

  it('names an unreadable greeting while it connects, and forgets it when it connects anew', async () => {
    const { l, sockets } = handLink();
    l.start();
    sockets[0].onopen?.({});
    expect(() =>
      sockets[0].deliver('{"type":"hello","protocol":3,"server":"audiogenesis-bridge"}'),
    ).not.toThrow();
    const problem = unreadableText(8765, 'hello.protocol must be 2');
    expect(l.status).toMatchObject({ link: 'connecting', problem });
    await expect(l.request({ type: 'status' })).rejects.toMatchObject({
      reason: 'bridge-unreadable',
      message: problem,
    });
    sockets[0].deliver(HELLO);
    expect(l.status).toMatchObject({ link: 'ready', problem });
    sockets[0].onclose?.({ code: 1006 });
    await until(() => sockets.length === 2, 1000, 'the reconnection');
    expect(l.status).toMatchObject({ link: 'connecting', problem: null });
  });
});
