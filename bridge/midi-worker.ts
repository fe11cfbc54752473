/**
 * The bridge's MIDI thread (a worker_threads entry): WebMIDI, the scheduler and the timed queue run here,
 * away from the WebSocket server, so a flood on the socket cannot delay a note. It answers the calls of
 * {@link WorkerMidiEngine} (`midi-thread.ts`) and posts the engine's events.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AudiogenesisError, BridgeProtocolError } from '../core/errors';
import { LocalMidiEngine, type EngineOptions } from './engine';
import { disableMidi, enableMidi } from './output';
import { raiseThisThread } from './priority';
import type { EngineCall, EngineReply, WorkerMessage } from './midi-thread';

type Port = NonNullable<typeof parentPort>;

function failure(err: unknown): Extract<EngineReply, { ok: false }>['error'] {
  if (err instanceof AudiogenesisError)
    return {
      name: err.name,
      message: err.message,
      reason: err instanceof BridgeProtocolError ? err.reason : undefined,
    };
  return { name: 'Error', message: err instanceof Error ? err.message : String(err) };
}

async function main(port: Port): Promise<void> {
  const post = (m: WorkerMessage): void => port.postMessage(m);
  let engine: LocalMidiEngine;
  raiseThisThread(); // where the OS allows it; the socket thread lowers itself (app.ts)
  try {
    await enableMidi();
    engine = new LocalMidiEngine({
      ...(workerData as Omit<EngineOptions, 'outputs' | 'onEvent' | 'scheduler'>),
      onEvent: (event) => post({ kind: 'event', event }),
    });
  } catch (err) {
    post({ kind: 'ready', error: failure(err) });
    return;
  }
  const methods: Record<EngineCall['method'], (args: unknown[]) => Promise<unknown>> = {
    listOutputs: () => engine.listOutputs(),
    selectOutput: ([name]) => engine.selectOutput(name as string),
    play: ([seq, loop]) => engine.play(seq as Parameters<LocalMidiEngine['play']>[0], loop as boolean),
    stop: ([panic]) => engine.stop(panic as boolean),
    status: () => engine.status(),
    close: async () => {
      await engine.close();
      await disableMidi();
    },
  };
  port.on('message', (call: EngineCall) => {
    methods[call.method](call.args).then(
      (value) => post({ kind: 'reply', id: call.id, ok: true, value }),
      (err: unknown) => post({ kind: 'reply', id: call.id, ok: false, error: failure(err) }),
    );
  });
  post({ kind: 'ready' });
}

if (!parentPort) throw new Error('bridge/midi-worker.ts runs as a worker thread only');
void main(parentPort);
