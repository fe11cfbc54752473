/**
 * The WebSocket bridge with recording outputs (no MIDI): who may connect (Host, Origin, token at the
 * handshake or in a first frame within a deadline), caps (connections, pending, frame size and rate),
 * closing on the first bad frame, pings, and hostile frames each refused with their reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LocalMidiEngine } from '../../bridge/engine';
import {
  BRIDGE_HOST,
  startBridgeServer,
  type BridgeServer,
  type BridgeServerOptions,
} from '../../bridge/server';
import { BridgeService } from '../../bridge/service';
import { CLOSE_CODES, LIMITS, SUBPROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../core/bridge-protocol';
import { TestClient, fakeOutputs, handshakeStatus, note, sequence, sleep, until } from './helpers';

const TOKEN = 'pairing-token-for-tests-0123';

async function start(o: Partial<BridgeServerOptions> = {}) {
  const { provider, opened } = fakeOutputs(['Fake Out']);
  const hub: { server?: BridgeServer } = {};
  const engine = new LocalMidiEngine({
    outputs: provider,
    onEvent: (e) => hub.server?.broadcast(service.event(e)),
  });
  const service = new BridgeService(engine);
  const server = await startBridgeServer({
    port: 0,
    token: TOKEN,
    handler: service.handle,
    onClientsChange: (n) => service.clientsChanged(n),
    ...o,
  });
  hub.server = server;
  return { server, service, opened, close: () => server.close() };
}

let main: Awaited<ReturnType<typeof start>>;
let server: BridgeServer;
beforeAll(async () => {
  main = await start({ allowOrigins: ['http://localhost:5173'] });
  server = main.server;
});
afterAll(() => main.close());

const goodNote = note(60, 0, 1);
const authed = () => TestClient.connect(server.url, { token: TOKEN });

describe('who may connect', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(BRIDGE_HOST).toBe('127.0.0.1');
    expect(server.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    expect(server.url).toBe(`ws://127.0.0.1:${server.port}`);
  });

  it("refuses web pages' origins at the handshake and lets UXP, local programs and allowed origins in", async () => {
    for (const origin of [
      'http://evil.example',
      'https://evil.example',
      'null',
      `http://127.0.0.1:${server.port}`,
    ])
      expect(await handshakeStatus(server.url, { Origin: origin }), origin).toBe(403);
    for (const origin of ['file://', 'uxp://com.audiogenesis.premiere', 'http://localhost:5173'])
      expect(await handshakeStatus(server.url, { Origin: origin }), origin).toBe(101);
    expect(await handshakeStatus(server.url)).toBe(101);
  });

  it('refuses a handshake whose Host is not the loopback address (DNS rebinding)', async () => {
    expect(await handshakeStatus(server.url, { Host: `attacker.example:${server.port}` })).toBe(403);
  });

  it('authenticates at the handshake with the token as a subprotocol', async () => {
    const c = await authed();
    expect(c.ws.protocol).toBe(SUBPROTOCOL);
    expect(c.messages[0]).toEqual({ type: 'hello', protocol: 2, server: 'audiogenesis-bridge' });
    expect(await c.request({ type: 'status', id: 's' })).toMatchObject({
      type: 'status',
      id: 's',
      state: 'idle',
    });
    c.close();
  });

  it('closes a connection offering a wrong token with unauthorized (4401)', async () => {
    const c = await TestClient.connect(server.url, { token: 'wrong-token-wrong-token' });
    expect(await c.waitClosed()).toBe(CLOSE_CODES.unauthorized);
    expect(c.messages).toEqual([{ type: 'error', reason: 'unauthorized', message: 'Wrong pairing token.' }]);
  });

  it('takes the token in a first auth frame, and refuses anything else first', async () => {
    const ok = await TestClient.connect(server.url);
    expect(await ok.request({ type: 'auth', token: TOKEN, id: 7 })).toEqual({
      type: 'hello',
      id: 7,
      protocol: 2,
      server: 'audiogenesis-bridge',
    });
    ok.close();
    for (const first of [
      JSON.stringify({ type: 'auth', token: 'nope' }),
      JSON.stringify({ type: 'status', token: TOKEN }),
      'not json',
      '[1]',
    ]) {
      const c = await TestClient.connect(server.url);
      c.ws.send(first);
      expect(await c.waitClosed(), first).toBe(CLOSE_CODES.unauthorized);
      expect(c.messages.map((m) => m.reason)).toEqual(['unauthorized']);
    }
  });

  it('reads at most 512 bytes before authentication: a longer first frame closes at its header (1009)', async () => {
    for (const size of [LIMITS.authBytes + 1, 100_000]) {
      const c = await TestClient.connect(server.url);
      c.ws.send('['.repeat(size));
      expect(await c.waitClosed()).toBe(1009);
      expect(c.messages).toEqual([]);
    }
  });

  it('closes a connection that does not authenticate within the deadline (4408)', async () => {
    const s = await start({ limits: { authTimeoutMs: 150 } });
    const c = await TestClient.connect(s.server.url);
    expect(await c.waitClosed()).toBe(CLOSE_CODES.authTimeout);
    expect(c.messages).toEqual([]);
    await s.close();
  });

  it('caps connections (503), and connections waiting for auth separately', async () => {
    const s = await start({ limits: { maxClients: 3, maxPending: 1 } });
    const a = await TestClient.connect(s.server.url, { token: TOKEN });
    const pendingOne = await TestClient.connect(s.server.url);
    expect(await handshakeStatus(s.server.url)).toBe(503); // a second one waiting for auth
    const b = await TestClient.connect(s.server.url, { token: TOKEN });
    expect(await handshakeStatus(s.server.url, {}, [SUBPROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${TOKEN}`])).toBe(
      503,
    );
    a.close();
    await until(() => s.server.clientCount === 2, 2000, 'a to leave');
    const c = await TestClient.connect(s.server.url, { token: TOKEN });
    for (const x of [pendingOne, b, c]) x.close();
    await s.close();
  });
});

describe('an authenticated connection', () => {
  it('is closed on the first frame that is not a protocol message, after an error saying why', async () => {
    const cases: [string | Buffer, string][] = [
      ['{"type":"status",', 'malformed-json'],
      ['', 'malformed-json'],
      [Buffer.from([0xff, 0x00, 0x7b]), 'malformed-json'],
      ['[1,2,3]', 'not-an-object'],
      ['null', 'not-an-object'],
      [JSON.stringify({ type: 'launch-missiles' }), 'unknown-type'],
      [JSON.stringify({ type: '__proto__' }), 'unknown-type'],
      [JSON.stringify({}), 'unknown-type'],
    ];
    for (const [frame, reason] of cases) {
      const c = await authed();
      c.ws.send(frame, { binary: Buffer.isBuffer(frame) });
      expect(await c.waitClosed(), String(frame)).toBe(CLOSE_CODES.badFrame);
      expect(
        c.messages.slice(1).map((m) => m.reason),
        String(frame),
      ).toEqual([reason]);
    }
  });

  it('answers a request with a wrong field with invalid (naming the field) and stays open', async () => {
    const c = await authed();
    const seq = sequence([goodNote]);
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { type: 'play', id: 1, sequence: { ...seq, notes: [{ ...goodNote, pitch: 128 }] } },
        /notes\[0\]\.pitch must be an integer 0\.\.127/,
      ],
      [{ type: 'play', id: 2, sequence: { ...seq, notes: [{ ...goodNote, velocity: 0 }] } }, /velocity/],
      [{ type: 'play', id: 3, sequence: { ...seq, notes: [{ ...goodNote, end: -1 }] } }, /notes\[0\]\.end/],
      [
        { type: 'play', id: 4, sequence: { ...seq, notes: [{ ...goodNote, start: 2, end: 1 }] } },
        /end must be after start/,
      ],
      [{ type: 'play', id: 5, sequence: { ...seq, tempos: [{ beat: 0, bpm: 0 }] } }, /tempos\[0\]\.bpm/],
      [{ type: 'play', id: 6, sequence: { ...seq, notes: 'lots' } }, /sequence\.notes must be an array/],
      [{ type: 'play', id: 7 }, /sequence/],
      [{ type: 'play', id: 8, sequence: seq, loop: 'yes' }, /loop must be true or false/],
      [{ type: 'select-output', id: 9, name: 42 }, /name/],
      [{ type: 'play', id: 10, sequence: { ...seq, notes: [{ ...goodNote, track: 3 }] } }, /track/],
      [
        {
          type: 'play',
          id: 11,
          sequence: { ...seq, meta: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i])) },
        },
        /meta/,
      ],
      [{ type: 'status', id: { x: 1 } }, /id must be/],
    ];
    for (const [req, why] of cases) {
      const r = await c.request(req);
      expect(r, JSON.stringify(req).slice(0, 80)).toMatchObject({
        type: 'error',
        reason: 'invalid',
        message: expect.stringMatching(why),
      });
      if (typeof req.id === 'number') expect(r.id).toBe(req.id);
    }
    expect(await c.request({ type: 'status' })).toMatchObject({ type: 'status' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    c.close();
  });

  it('refuses the 1e-9-beat loop (and any loop too short or too dense for a tick) and keeps serving', async () => {
    const c = await authed();
    const tiny = sequence([note(60, 0, 1e-9)]);
    const r = await c.request({ type: 'play', id: 'tiny', loop: true, sequence: tiny });
    expect(r).toMatchObject({ type: 'error', id: 'tiny', reason: 'invalid' });
    expect(r.message).toMatch(/^loop needs a pass of at least 1 beat and 0.5 s; this one lasts 1e-9 beats/);
    const dense = sequence(Array.from({ length: 3000 }, (_, i) => note(40 + (i % 40), 0, 2)));
    expect(await c.request({ type: 'play', loop: true, sequence: dense })).toMatchObject({
      reason: 'invalid',
      message: expect.stringMatching(/at most 2000 notes per second/),
    });
    expect(await c.request({ type: 'play', loop: false, sequence: tiny })).toMatchObject({ type: 'playing' });
    expect(await c.request({ type: 'stop' })).toEqual({ type: 'stopped' });
    c.close();
  });

  it('closes a connection sending a frame beyond 1 MiB (1009) and keeps serving others', async () => {
    const c = await authed();
    c.ws.send(JSON.stringify({ type: 'status', pad: 'x'.repeat(LIMITS.messageBytes) }));
    expect(await c.waitClosed()).toBe(1009);
    const other = await authed();
    expect(await other.request({ type: 'status' })).toMatchObject({ type: 'status' });
    other.close();
  });

  it('closes a connection that sends faster than the frame rate allows (4429)', async () => {
    const s = await start({ limits: { framesPerSecond: 5, frameBurst: 5 } });
    const c = await TestClient.connect(s.server.url, { token: TOKEN });
    for (let i = 0; i < 20; i++) c.ws.send(JSON.stringify({ type: 'status' }));
    expect(await c.waitClosed()).toBe(CLOSE_CODES.tooFast);
    expect(c.messages.length).toBeLessThanOrEqual(6);
    await s.close();
  });

  it('drops a connection that stops answering pings', async () => {
    const s = await start({ limits: { pingIntervalMs: 100 } });
    const mute = new WebSocket(s.server.url, [SUBPROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${TOKEN}`], {
      autoPong: false,
    });
    const live = await TestClient.connect(s.server.url, { token: TOKEN });
    const code = await new Promise<number>((resolve) => mute.on('close', (c) => resolve(c)));
    expect(code).toBe(1006); // terminated
    expect(live.closed).toBeUndefined();
    await until(() => s.server.clientCount === 1, 2000, 'the mute client to be dropped');
    live.close();
    await s.close();
  });

  it('sends events to authenticated clients only', async () => {
    const stranger = await TestClient.connect(server.url);
    const c = await authed();
    await c.request({ type: 'play', sequence: sequence([note(60, 0, 0.1)], 240) });
    await c.next((m) => m.type === 'event' && m.event === 'ended');
    expect(stranger.messages).toEqual([]);
    stranger.close();
    c.close();
  });
});

describe('clients leaving', () => {
  it('stops a loop when its last client leaves, unless it was played with keepPlaying', async () => {
    const s = await start();
    const a = await TestClient.connect(s.server.url, { token: TOKEN });
    const b = await TestClient.connect(s.server.url, { token: TOKEN });
    await a.request({ type: 'play', loop: true, sequence: sequence([note(60, 0, 4)]) });
    a.close();
    await sleep(100);
    expect((await b.request({ type: 'status' })).state).toBe('playing');
    b.close();
    await until(
      () => s.opened[0].sent.some((m) => m.data[0] === 0xb0 && m.data[1] === 123),
      2000,
      'all notes off',
    );
    const c = await TestClient.connect(s.server.url, { token: TOKEN });
    expect(await c.request({ type: 'status' })).toMatchObject({ state: 'idle', clients: 1 });
    await c.request({ type: 'play', loop: true, keepPlaying: true, sequence: sequence([note(60, 0, 4)]) });
    c.close();
    await until(() => s.server.authenticatedCount === 0, 2000, 'c to leave');
    await sleep(100);
    const d = await TestClient.connect(s.server.url, { token: TOKEN });
    expect(await d.request({ type: 'status' })).toMatchObject({ state: 'playing', loop: true });
    await d.request({ type: 'stop' });
    d.close();
    await s.close();
  });
});
