/**
 * The running bridge: the MIDI engine on a thread of its own (WebMIDI, scheduler), a {@link BridgeService}
 * on it, and the 127.0.0.1 WebSocket server in front, its events broadcast to authenticated clients.
 * `audiogenesis bridge` runs this.
 */
import { WorkerMidiEngine } from './midi-thread';
import { lowerThisThread } from './priority';
import type { EngineEvent, MidiEngine } from './engine';
import type { ConnectionLimits } from '../core/bridge-protocol';
import type { BridgeEvent } from './protocol/schema';
import { BridgeService } from './service';
import { DEFAULT_BRIDGE_PORT, newPairingToken, startBridgeServer, type BridgeServer } from './server';

/** Options of {@link startBridge}; every field has a default. */
export interface StartBridgeOptions {
  /** TCP port on 127.0.0.1 (default 8765; 0 picks a free one). */
  port?: number;
  /** Output to select at start; without it the first output, if there is one. */
  output?: string;
  /** Send MIDI clock while playing. */
  midiClock?: boolean;
  /** Bars of MIDI clock before beat 0 (implies `midiClock`). */
  countInBars?: number;
  /** MIDI clock between playbacks too (implies `midiClock`). */
  continuousClock?: boolean;
  /** Pairing token (default: a new random one). */
  token?: string;
  /** Origins allowed besides UXP's (a page previewing the panel, for instance). */
  allowOrigins?: string[];
  /** Makes the MIDI engine (default: WebMIDI on its own thread, {@link WorkerMidiEngine}). */
  engine?: (onEvent: (e: EngineEvent) => void) => Promise<MidiEngine>;
  /** Node options of the MIDI thread (default: this process's). */
  midiThreadArgv?: string[];
  /** Connection limits (tests shorten timeouts). */
  limits?: Partial<ConnectionLimits>;
  /**
   * Run this (the socket) thread 10 nice steps below the MIDI thread, so socket work yields to the notes
   * (Linux, where priority is per thread; any user may lower a priority). Default true.
   */
  lowerSocketPriority?: boolean;
  /** Called with every event (after it is broadcast). */
  onEvent?: (event: BridgeEvent) => void;
}

/** A started bridge. */
export interface RunningBridge {
  server: BridgeServer;
  service: BridgeService;
  engine: MidiEngine;
  token: string;
  /** Panic (note-off for every sounding note, all notes off), then closes the MIDI thread and the server. */
  close(): Promise<void>;
}

/** Starts the bridge. Throws `MidiPortError` when `output` names no output or MIDI is unavailable. */
export async function startBridge(options: StartBridgeOptions = {}): Promise<RunningBridge> {
  const token = options.token ?? newPairingToken();
  let server: BridgeServer | undefined;
  let service: BridgeService | undefined;
  const relay = (e: EngineEvent): void => {
    const message = service?.event(e) ?? { type: 'event' as const, ...e };
    server?.broadcast(message);
    options.onEvent?.(message);
  };
  const midiClock = !!(options.midiClock || options.countInBars || options.continuousClock);
  const engine = await (options.engine
    ? options.engine(relay)
    : WorkerMidiEngine.start({
        midiClock,
        countInBars: options.countInBars,
        continuousClock: options.continuousClock,
        execArgv: options.midiThreadArgv,
        onEvent: relay,
      }));
  if (!options.engine && options.lowerSocketPriority !== false) lowerThisThread(10);
  try {
    const first = (await engine.listOutputs())[0];
    if (options.output !== undefined) await engine.selectOutput(options.output);
    else if (first) await engine.selectOutput(first.name);
    const svc = new BridgeService(engine);
    service = svc;
    server = await startBridgeServer({
      port: options.port ?? DEFAULT_BRIDGE_PORT,
      token,
      handler: svc.handle,
      allowOrigins: options.allowOrigins,
      limits: options.limits,
      onClientsChange: (n) => svc.clientsChanged(n),
    });
  } catch (err) {
    await engine.close();
    throw err;
  }
  const running = server;
  return {
    server: running,
    service,
    engine,
    token,
    async close() {
      try {
        await engine.close();
      } finally {
        await running.close();
      }
    },
  };
}
