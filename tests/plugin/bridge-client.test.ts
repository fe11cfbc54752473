import { describe, expect, it } from 'vitest';
import { HostError } from '../../core/errors';
import { emptySequence } from '../../core/sequence';
import type { SocketLike } from '../../plugin/bridge-client';
import { sendToDaw, stopDaw } from '../../plugin/bridge-client';

/** A bridge stand-in: says hello, then answers each request with `answer(request)`. */
function bridge(answer: (req: Record<string, unknown>) => object | null, o: { refuse?: boolean } = {}) {
  const sent: Record<string, unknown>[] = [];
  const open = (url: string): SocketLike => {
    const s: SocketLike = {
      onopen: null,
      onmessage: null,
      onerror: null,
      onclose: null,
      send(data) {
        const req = JSON.parse(data) as Record<string, unknown>;
        sent.push({ url, ...req });
        const reply = answer(req);
        if (reply) setTimeout(() => s.onmessage?.({ data: JSON.stringify({ id: req.id, ...reply }) }), 0);
      },
      close() {},
    };
    setTimeout(() => {
      if (o.refuse) s.onerror?.({});
      else
        s.onmessage?.({
          data: JSON.stringify({ type: 'hello', protocol: 1, server: 'audiogenesis-bridge' }),
        });
    }, 0);
    return s;
  };
  return { open, sent };
}

const seq = () => {
  const s = emptySequence(120);
  s.notes.push({ pitch: 60, start: 0, end: 1, velocity: 90, role: 'melody', program: 0, isDrum: false });
  s.totalBeats = 4;
  return s;
};

describe('Send to DAW', () => {
  it('sends the NoteSequence with the token to 127.0.0.1:8765 and reports the output', async () => {
    const b = bridge(() => ({
      type: 'playing',
      output: 'IAC Driver Bus 1',
      loop: false,
      notes: 1,
      durationSeconds: 2,
    }));
    const r = await sendToDaw(seq(), ' tok-123 ', false, { socket: b.open });
    expect(r).toEqual({ output: 'IAC Driver Bus 1', notes: 1, durationSeconds: 2 });
    expect(b.sent[0]).toMatchObject({
      url: 'ws://127.0.0.1:8765',
      type: 'play',
      token: 'tok-123',
      loop: false,
    });
    expect((b.sent[0].sequence as { notes: unknown[] }).notes).toHaveLength(1);
  });
  it('stops with a panic', async () => {
    const b = bridge(() => ({ type: 'stopped' }));
    await stopDaw('tok', { socket: b.open });
    expect(b.sent[0]).toMatchObject({ type: 'stop', panic: true });
  });
  it('says plainly when the bridge is not running, refuses the token, or does not answer', async () => {
    await expect(
      sendToDaw(seq(), 'tok', false, { socket: bridge(() => null, { refuse: true }).open }),
    ).rejects.toMatchObject({
      reason: 'bridge-offline',
      message: expect.stringMatching(
        /not running at ws:\/\/127\.0\.0\.1:8765\. Start it with "npx audiogenesis bridge"/,
      ),
    });
    const wrong = bridge(() => ({
      type: 'error',
      reason: 'unauthorized',
      message: 'Missing or wrong pairing token.',
    }));
    await expect(sendToDaw(seq(), 'bad', false, { socket: wrong.open })).rejects.toThrow(
      /refused the pairing token/,
    );
    await expect(
      sendToDaw(seq(), 'tok', false, { socket: bridge(() => null).open, timeoutMs: 30 }),
    ).rejects.toMatchObject({
      reason: 'bridge-offline',
    });
    await expect(sendToDaw(seq(), '  ', false, { socket: bridge(() => null).open })).rejects.toBeInstanceOf(
      HostError,
    );
  });
  it('refuses music too long for one bridge message', async () => {
    const big = seq();
    for (let i = 0; i < 12_000; i++) big.notes.push({ ...big.notes[0], start: i, end: i + 1 });
    await expect(sendToDaw(big, 'tok', false, { socket: bridge(() => null).open })).rejects.toThrow(
      /too long/,
    );
  });
});
