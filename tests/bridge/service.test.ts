import { describe, expect, it } from 'vitest';
import {
  BridgeService,
  type BridgeEvent,
  type ManagedOutput,
  type OutputProvider,
} from '../../bridge/service';
import { startBridgeServer } from '../../bridge/server';
import type { ConnectionListener } from '../../bridge/output';
import { BridgeProtocolError } from '../../core/errors';
import { RecordingSink, TestClient, note, sequence, until } from './helpers';

class ToggleOutput extends RecordingSink implements ManagedOutput {
  listeners = new Set<ConnectionListener>();
  constructor(readonly name: string) {
    super();
  }
  onConnectionChange(l: ConnectionListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  set(connected: boolean): void {
    this.connected = connected;
    for (const l of this.listeners) l(connected);
  }
  close(): void {}
}

function provider(names: string[]) {
  const opened: ToggleOutput[] = [];
  const p: OutputProvider = {
    list: () => names.map((name) => ({ name, id: name, manufacturer: '', connected: true })),
    async open(name) {
      const out = new ToggleOutput(names.find((n) => n.toLowerCase().includes(name.toLowerCase()))!);
      opened.push(out);
      return out;
    },
  };
  return { p, opened };
}

const play = { token: 't', type: 'play', sequence: sequence([note(60, 0, 1)]), loop: false } as const;

describe('BridgeService', () => {
  it('refuses play with no-output when there is no MIDI output', async () => {
    const service = new BridgeService({ outputs: provider([]).p });
    await expect(service.handle(play)).rejects.toMatchObject({ reason: 'no-output' });
    await expect(service.handle(play)).rejects.toBeInstanceOf(BridgeProtocolError);
    service.close();
  });

  it('takes the first output when none was chosen, and panics the old one when switching', async () => {
    const { p, opened } = provider(['One', 'Two']);
    const service = new BridgeService({ outputs: p });
    expect(await service.handle(play)).toMatchObject({ type: 'playing', output: 'One' });
    expect(await service.handle({ token: 't', type: 'select-output', name: 'two' })).toMatchObject({
      output: 'Two',
    });
    expect(opened[0].sent.map((s) => s.data)).toContainEqual([0xb0, 123, 0]);
    expect(await service.handle({ token: 't', type: 'status' })).toMatchObject({
      state: 'idle',
      output: 'Two',
    });
    service.close();
  });

  it('broadcasts output-lost / output-restored to paired clients only', async () => {
    const { p, opened } = provider(['One']);
    const events: BridgeEvent[] = [];
    const service = new BridgeService({ outputs: p, onEvent: (e) => (events.push(e), server.broadcast(e)) });
    const server = await startBridgeServer({ port: 0, token: 'tok', handler: service.handle });
    await service.selectOutput('One');
    const paired = await TestClient.connect(server.url);
    const stranger = await TestClient.connect(server.url);
    await paired.request({ token: 'tok', type: 'status' });
    opened[0].set(false);
    opened[0].set(true);
    await until(() => paired.messages.length === 4, 2000, 'events');
    expect(paired.messages.slice(2)).toEqual([
      { type: 'event', event: 'output-lost', output: 'One' },
      { type: 'event', event: 'output-restored', output: 'One' },
    ]);
    expect(stranger.messages.map((m) => m.type)).toEqual(['hello']);
    expect(events).toHaveLength(2);
    paired.close();
    stranger.close();
    service.close();
    await server.close();
  });
});
