/**
 * The WebSocket bridge with a recording output (no MIDI): listening address, and 10,000 hostile messages
 * each answered with an error while the bridge keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BridgeService, type ManagedOutput, type OutputProvider } from '../../bridge/service';
import { BRIDGE_HOST, startBridgeServer, type BridgeServer } from '../../bridge/server';
import { LIMITS } from '../../bridge/schema';
import { MidiPortError } from '../../core/errors';
import { RecordingSink, TestClient, note, sequence } from './helpers';

const TOKEN = 'pairing-token-for-tests-0123';

class FakeOutput extends RecordingSink implements ManagedOutput {
  constructor(readonly name: string) {
    super();
  }
  onConnectionChange(): () => void {
    return () => undefined;
  }
  close(): void {}
}

const provider: OutputProvider = {
  list: () => [{ name: 'Fake Out', id: 'f1', manufacturer: 'test', connected: true }],
  async open(name) {
    if (!'fake out'.includes(name.toLowerCase())) throw new MidiPortError(`No MIDI output matches "${name}"`);
    return new FakeOutput('Fake Out');
  },
};

let server: BridgeServer;
let service: BridgeService;

beforeAll(async () => {
  service = new BridgeService({ outputs: provider });
  await service.selectOutput('Fake Out');
  server = await startBridgeServer({ port: 0, token: TOKEN, handler: service.handle });
});
afterAll(async () => {
  service.close();
  await server.close();
});

const good = (o: Record<string, unknown>) => ({ token: TOKEN, ...o });
const goodNote = note(60, 0, 1);

/** 10,000 hostile frames and the error reason each must get. */
function hostileMessages(): { frame: string | Buffer; reason: string }[] {
  const out: { frame: string | Buffer; reason: string }[] = [];
  const seq = sequence([goodNote]);
  const kinds: (() => { frame: string | Buffer; reason: string })[] = [
    () => ({ frame: '{"type":"status","token":', reason: 'malformed-json' }),
    () => ({ frame: 'not json at all', reason: 'malformed-json' }),
    () => ({ frame: '\u0000\u0001\uffff', reason: 'malformed-json' }),
    () => ({ frame: '', reason: 'malformed-json' }),
    () => ({ frame: Buffer.from([0xff, 0x00, 0x7b]), reason: 'malformed-json' }), // binary frame
    () => ({ frame: '[1,2,3]', reason: 'not-an-object' }),
    () => ({ frame: '42', reason: 'not-an-object' }),
    () => ({ frame: 'null', reason: 'not-an-object' }),
    () => ({ frame: JSON.stringify({ type: 'status' }), reason: 'unauthorized' }),
    () => ({ frame: JSON.stringify({ type: 'status', token: 'wrong' }), reason: 'unauthorized' }),
    () => ({
      frame: JSON.stringify({ type: 'status', token: TOKEN.slice(0, -1) + 'X' }),
      reason: 'unauthorized',
    }),
    () => ({ frame: JSON.stringify({ type: 'play', token: 12345, sequence: seq }), reason: 'unauthorized' }),
    () => ({ frame: JSON.stringify(good({ type: 'launch-missiles' })), reason: 'unknown-type' }),
    () => ({ frame: JSON.stringify(good({})), reason: 'unknown-type' }),
    () => ({ frame: JSON.stringify(good({ type: '__proto__' })), reason: 'unknown-type' }),
    () => ({
      frame: '{"token":"' + TOKEN + '","type":"status","__proto__":{"polluted":true},"id":{"x":1}}',
      reason: 'invalid',
    }),
    () => ({
      frame: JSON.stringify(
        good({ type: 'play', sequence: { ...seq, notes: [{ ...goodNote, pitch: 128 }] } }),
      ),
      reason: 'invalid',
    }),
    () => ({
      frame: JSON.stringify(
        good({ type: 'play', sequence: { ...seq, notes: [{ ...goodNote, pitch: -5 }] } }),
      ),
      reason: 'invalid',
    }),
    () => ({
      frame: JSON.stringify(
        good({ type: 'play', sequence: { ...seq, notes: [{ ...goodNote, velocity: 200 }] } }),
      ),
      reason: 'invalid',
    }),
    () => ({
      frame: JSON.stringify(
        good({ type: 'play', sequence: { ...seq, notes: [{ ...goodNote, start: -1 }] } }),
      ),
      reason: 'invalid',
    }),
    () => ({
      frame: JSON.stringify(
        good({ type: 'play', sequence: { ...seq, notes: [{ ...goodNote, end: -0.5 }] } }),
      ),
      reason: 'invalid',
    }),
    () => ({
      frame: JSON.stringify(good({ type: 'play', sequence: { ...seq, tempos: [{ beat: -4, bpm: 120 }] } })),
      reason: 'invalid',
    }),
    () => ({
      frame: JSON.stringify(good({ type: 'play', sequence: { ...seq, totalBeats: -1 } })),
      reason: 'invalid',
    }),
    () => ({
      frame: JSON.stringify(good({ type: 'play', sequence: { ...seq, notes: 'lots' } })),
      reason: 'invalid',
    }),
    () => ({ frame: JSON.stringify(good({ type: 'play' })), reason: 'invalid' }),
    () => ({ frame: JSON.stringify(good({ type: 'play', sequence: seq, loop: 'yes' })), reason: 'invalid' }),
    () => ({ frame: JSON.stringify(good({ type: 'select-output', name: 42 })), reason: 'invalid' }),
    () => ({
      frame: JSON.stringify(good({ type: 'select-output', name: 'x'.repeat(1000) })),
      reason: 'invalid',
    }),
    () => ({
      frame: JSON.stringify(good({ type: 'select-output', name: 'no such port' })),
      reason: 'output-not-found',
    }),
    () => ({ frame: '['.repeat(100_000), reason: 'malformed-json' }),
    () => ({
      frame: JSON.stringify(
        good({
          type: 'play',
          sequence: { ...seq, meta: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i])) },
        }),
      ),
      reason: 'invalid',
    }),
  ];
  for (let i = 0; out.length < 10_000; i++) {
    // Every 500th message is oversize (1 MiB + 1 byte of otherwise valid JSON).
    if (i % 500 === 499) {
      const pad = 'x'.repeat(LIMITS.messageBytes);
      out.push({ frame: JSON.stringify(good({ type: 'status', pad })), reason: 'oversize' });
      continue;
    }
    out.push(kinds[i % kinds.length]());
  }
  return out;
}

describe('bridge server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(BRIDGE_HOST).toBe('127.0.0.1');
    expect(server.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    expect(server.url).toBe(`ws://127.0.0.1:${server.port}`);
  });

  it('answers 10,000 hostile messages each with an error, and keeps serving', async () => {
    const client = await TestClient.connect(server.url);
    const hostile = hostileMessages();
    expect(hostile).toHaveLength(10_000);
    const base = client.messages.length;
    const t0 = performance.now();
    for (const h of hostile) client.ws.send(h.frame, { binary: Buffer.isBuffer(h.frame) });
    await client.waitFor(base + hostile.length, 300_000);
    const replies = client.messages.slice(base);
    expect(replies).toHaveLength(10_000);
    const counts: Record<string, number> = {};
    replies.forEach((r, i) => {
      expect(r.type, `reply ${i}`).toBe('error');
      expect(r.reason, `reply ${i} to ${String(hostile[i].frame).slice(0, 80)}`).toBe(hostile[i].reason);
      expect(typeof r.message).toBe('string');
      counts[String(r.reason)] = (counts[String(r.reason)] ?? 0) + 1;
    });
    console.log(
      `[bridge hostile] ${replies.length} error replies in ${(performance.now() - t0).toFixed(0)} ms: ${JSON.stringify(counts)}`,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // Still serving, on the same connection and on a new one.
    expect(await client.request(good({ type: 'status', id: 's1' }))).toMatchObject({
      type: 'status',
      id: 's1',
      state: 'idle',
    });
    const play = await client.request(good({ type: 'play', id: 'p1', sequence: sequence([goodNote]) }));
    expect(play).toMatchObject({ type: 'playing', id: 'p1', output: 'Fake Out', notes: 1 });
    expect(await client.request(good({ type: 'stop', id: 'x' }))).toEqual({ type: 'stopped', id: 'x' });
    const other = await TestClient.connect(server.url);
    expect(await other.request(good({ type: 'list-outputs' }))).toMatchObject({
      type: 'outputs',
      selected: 'Fake Out',
    });
    other.close();
    client.close();
  });

  it('closes a connection that sends a frame beyond the hard cap, and keeps serving others', async () => {
    const client = await TestClient.connect(server.url);
    client.ws.send(Buffer.alloc(LIMITS.frameBytes + 1, 0x20));
    await expect(client.waitFor(100, 10_000)).rejects.toThrow(/closed \(1009\)/);
    const other = await TestClient.connect(server.url);
    expect(await other.request(good({ type: 'status' }))).toMatchObject({ type: 'status' });
    other.close();
  });

  it('refuses a WebSocket handshake whose Host is not the loopback address (DNS rebinding)', async () => {
    const ws = new WebSocket(server.url, { headers: { Host: `attacker.example:${server.port}` } });
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(401);
    ws.terminate();
  });

  it('echoes ids, selects outputs, and refuses play without the token', async () => {
    const client = await TestClient.connect(server.url);
    expect(await client.request(good({ type: 'select-output', id: 1, name: 'fake' }))).toEqual({
      type: 'output-selected',
      id: 1,
      output: 'Fake Out',
    });
    expect(await client.request({ type: 'play', id: 2, sequence: sequence([goodNote]) })).toMatchObject({
      type: 'error',
      id: 2,
      reason: 'unauthorized',
    });
    client.close();
  });
});
