/**
 * The bridge as it runs (`startBridge`: MIDI on its own thread, WebMIDI through JZZ to an in-process
 * virtual port registered in that thread by a preload), playing 1,000 notes twice: once quietly, once
 * while several clients flood the socket with wrong tokens, oversized frames and page-origin handshakes.
 * Note-on lateness (receipt at the port minus the time the bridge scheduled) must stay within 2 ms mean
 * of the quiet run: a difference between two runs of this test, not a wall-clock limit. Other jobs on a
 * shared machine stall threads for tens of ms at random, in either run, so a pair is measured up to five
 * times and one pair within 2 ms passes; every pair is printed.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { startBridge, type RunningBridge } from '../../bridge/app';
import { compileTimeline } from '../../core/timeline';
import { TestClient, sleep, thousandNotes, until } from './helpers';

const PORT = 'Flood Port';
const TOKEN = 'flood-test-token-0123456789';
const PRELOAD = fileURLToPath(new URL('./fixtures/virtual-ports.mjs', import.meta.url));
const FLOODER = fileURLToPath(new URL('./fixtures/flood.mjs', import.meta.url));

interface Receipt {
  port: string;
  t: number;
  data: number[];
}

let bridge: RunningBridge;
let panel: TestClient;
/** The port's shared-memory record (fixtures/virtual-ports.mjs), written by the MIDI thread without locks. */
let shared: { count: Int32Array; times: Float64Array; bytes: Int16Array } | undefined;
const channel = new BroadcastChannel('ag-virtual-ports');

/** What the port received since `from` (an index into its record). */
function receivedSince(from: number): Receipt[] {
  const out: Receipt[] = [];
  const s = shared!;
  const n = Atomics.load(s.count, 0);
  for (let i = from; i < n; i++)
    out.push({
      port: PORT,
      t: s.times[i],
      data: [...s.bytes.subarray(i * 3, i * 3 + 3)].filter((b) => b >= 0),
    });
  return out;
}

beforeAll(async () => {
  process.env.AG_VIRTUAL_PORTS = PORT;
  channel.onmessage = (e: MessageEvent<NonNullable<typeof shared> & { port: string }>) => {
    if (e.data.port === PORT) shared = e.data;
  };
  bridge = await startBridge({ port: 0, token: TOKEN, output: PORT, midiThreadArgv: ['--import', PRELOAD] });
  panel = await TestClient.connect(bridge.server.url, { token: TOKEN });
});
afterAll(async () => {
  panel?.close();
  await bridge?.close();
  channel.close();
});

const isNoteOn = (d: number[]) => (d[0] & 0xf0) === 0x90 && d[2] > 0;

/** Plays `seq` through the panel's connection; resolves with the note-on lateness figures. */
async function playAndMeasure(seq: ReturnType<typeof thousandNotes>, id: string) {
  await until(() => shared !== undefined, 5000, 'the port record');
  const first = Atomics.load(shared!.count, 0);
  const from = panel.messages.length;
  const reply = await panel.request({ type: 'play', id, sequence: seq });
  expect(reply).toMatchObject({ type: 'playing', id, output: PORT, notes: 1000 });
  await panel.next((m) => m.type === 'event' && m.event === 'ended', from, 30_000);
  await sleep(50);
  const received = receivedSince(first);
  const startsAt = reply.startsAt as number;
  const expected = compileTimeline(seq, { restrike: true })
    .events.filter((e) => e.kind === 'on')
    .map((e) => ({ at: startsAt + e.at, key: `${e.data[0]}:${e.data[1]}` }));
  const ons = received.filter((r) => r.port === PORT && isNoteOn(r.data)).sort((a, b) => a.t - b.t);
  expect(ons).toHaveLength(1000);
  expect(ons.map((r) => `${r.data[0]}:${r.data[1]}`).sort()).toEqual(expected.map((e) => e.key).sort());
  const late = ons.map((r, i) => r.t - expected[i].at);
  const mean = late.reduce((a, b) => a + b, 0) / late.length;
  return { mean, max: Math.max(...late), min: Math.min(...late) };
}

/** Starts the hostile process (fixtures/flood.mjs); `stop()` ends it and resolves with its counts. */
async function flood(url: string, clients = 6) {
  const child = spawn(process.execPath, [FLOODER, url, String(clients)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => lines.push(...d.split('\n').filter(Boolean)));
  await until(() => lines.includes('flooding'), 10_000, 'the flood to start');
  return {
    async stop(): Promise<Record<string, number>> {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      return JSON.parse(lines[lines.length - 1]) as Record<string, number>;
    },
  };
}

describe('the bridge under a flood', () => {
  it('plays 1,000 notes as on time during a flood of bad clients as in a quiet run (mean within 2 ms)', async () => {
    const seq = thousandNotes();
    await playAndMeasure(seq, 'warm-up');
    const runs: { quiet: number; flood: number; floodMax: number }[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const quiet = await playAndMeasure(seq, `quiet-${attempt}`);
      const f = await flood(bridge.server.url);
      await sleep(300);
      const loud = await playAndMeasure(seq, `flood-${attempt}`);
      const counts = await f.stop();
      runs.push({ quiet: quiet.mean, flood: loud.mean, floodMax: loud.max });
      console.log(
        `[bridge flood] run ${attempt}: note-on lateness quiet mean ${quiet.mean.toFixed(3)} ms (max ${quiet.max.toFixed(3)}), ` +
          `flood mean ${loud.mean.toFixed(3)} ms (max ${loud.max.toFixed(3)}); flood: ${JSON.stringify(counts)}`,
      );
      // As many as the bridge lets through: its socket thread runs below the MIDI thread.
      for (const kind of ['wrongTokenFrame', 'wrongTokenHandshake', 'oversized', 'pageOrigin'])
        expect(counts[kind], kind).toBeGreaterThan(0);
      if (loud.mean - quiet.mean <= 2) break;
    }
    const best = runs.find((r) => r.flood - r.quiet <= 2) ?? runs[runs.length - 1];
    expect(best.flood - best.quiet).toBeLessThanOrEqual(2);
    // The panel's connection was never disturbed.
    expect(panel.closed).toBeUndefined();
    expect(await panel.request({ type: 'status' })).toMatchObject({
      type: 'status',
      state: 'idle',
      output: PORT,
    });
  });
});
