/**
 * The one-shot calls ({@link sendToDaw}, {@link stopDaw}) against a real bridge server on a recording
 * output: each plays or stops through a short connection, and says plainly when the bridge is not running
 * or the token is missing; and against a hostile server on the bridge's port, reads past frames no bridge
 * sends.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HostError } from '../../core/errors';
import { emptySequence } from '../../core/sequence';
import { sendToDaw, stopDaw } from '../../plugin/bridge-client';
import { note, sequence, until } from '../bridge/helpers';
import {
  bridge,
  closeOpen,
  HOSTILE,
  hostileBridge,
  open,
  socket,
  TOKEN,
  unreadableText,
} from './bridge-fixture';

afterEach(closeOpen);

describe('sendToDaw / stopDaw (one-shot)', () => {
  it('play through a short connection (the loop keeps playing after it) and stop with a panic', async () => {
    const b = await bridge();
    open.push(b.server);
    const r = await sendToDaw(sequence([note(60, 0, 4)]), ` ${TOKEN} `, true, {
      port: b.server.port,
      socket,
    });
    expect(r.output).toBe('IAC Driver Bus 1');
    await until(() => b.server.authenticatedCount === 0, 5000, 'the short connection to close');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(b.opened[0].sent.some((m) => m.data[0] === 0xb0 && m.data[1] === 123)).toBe(false);
    await stopDaw(TOKEN, { port: b.server.port, socket });
    expect(b.opened[0].sent.map((m) => m.data)).toContainEqual([0xb0, 120, 0]);
  });

  it('say plainly when the bridge is not running or the token is missing', async () => {
    const probe = await bridge();
    const port = probe.server.port;
    await probe.server.close();
    await expect(sendToDaw(emptySequence(), TOKEN, false, { port, socket })).rejects.toMatchObject({
      reason: 'bridge-offline',
    });
    await expect(sendToDaw(emptySequence(), '  ', false, { port, socket })).rejects.toBeInstanceOf(HostError);
  });

  it.each(HOSTILE)(
    'say plainly when %s comes instead of the greeting, and read past it before a reply',
    async (_, frame, detail) => {
      const h = await hostileBridge(frame);
      open.push(h);
      const options = { port: h.port, socket, timeoutMs: 300 };
      await expect(sendToDaw(sequence([note(60, 0, 1)]), TOKEN, false, options)).rejects.toMatchObject({
        reason: 'bridge-unreadable',
        message: unreadableText(h.port, detail),
      });
      h.greet = true;
      await expect(sendToDaw(sequence([note(60, 0, 1)]), TOKEN, false, options)).resolves.toEqual({
        output: 'IAC',
        notes: 1,
        durationSeconds: 0.5,
      });
      await expect(stopDaw(TOKEN, options)).resolves.toBeUndefined();
    },
  );
});
