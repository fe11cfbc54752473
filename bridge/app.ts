/**
 * The running bridge: WebMIDI enabled, a {@link BridgeService} on the chosen output, and the 127.0.0.1
 * WebSocket server in front of it, its events broadcast to paired clients. `audiogenesis bridge` runs this.
 */
import { disableMidi, enableMidi, listOutputs } from './output';
import { BridgeService, type BridgeEvent, type OutputProvider } from './service';
import { DEFAULT_BRIDGE_PORT, newPairingToken, startBridgeServer, type BridgeServer } from './server';

/** Options of {@link startBridge}. */
export interface StartBridgeOptions {
  /** TCP port on 127.0.0.1 (default 8765; 0 picks a free one). */
  port?: number;
  /** Output to select at start; without it the first output, if there is one. */
  output?: string;
  /** Send MIDI clock while playing. */
  midiClock?: boolean;
  /** Pairing token (default: a new random one). */
  token?: string;
  /** Outputs (default WebMIDI). */
  outputs?: OutputProvider;
  /** Called with every event (after it is broadcast). */
  onEvent?: (event: BridgeEvent) => void;
}

/** A started bridge. */
export interface RunningBridge {
  server: BridgeServer;
  service: BridgeService;
  token: string;
  /** Stops playback (panic), closes the server and disables WebMIDI. */
  close(): Promise<void>;
}

/** Starts the bridge. Throws `MidiPortError` when `output` names no output. */
export async function startBridge(options: StartBridgeOptions = {}): Promise<RunningBridge> {
  await enableMidi();
  const token = options.token ?? newPairingToken();
  let server: BridgeServer | undefined;
  const service = new BridgeService({
    outputs: options.outputs,
    midiClock: options.midiClock,
    onEvent: (event) => {
      server?.broadcast(event);
      options.onEvent?.(event);
    },
  });
  try {
    if (options.output !== undefined) await service.selectOutput(options.output);
    else if (listOutputs().length > 0) await service.selectOutput(listOutputs()[0].name);
    server = await startBridgeServer({
      port: options.port ?? DEFAULT_BRIDGE_PORT,
      token,
      handler: service.handle,
    });
  } catch (err) {
    service.close();
    await disableMidi();
    throw err;
  }
  const running = server;
  return {
    server: running,
    service,
    token,
    async close() {
      service.close();
      await running.close();
      await disableMidi();
    },
  };
}
