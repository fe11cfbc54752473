/**
 * What the bridge does with a validated request, on a {@link MidiEngine}: play, stop, outputs, status.
 * It also follows the authenticated clients: when the last one leaves, a loop stops, unless it was
 * played with `keepPlaying` (a one-shot script that starts a loop and goes).
 */
import { MidiPortError, BridgeProtocolError } from '../core/errors';
import { PROTOCOL_VERSION } from '../core/bridge-protocol';
import type { EngineEvent, MidiEngine } from './engine';
import type { BridgeEvent, ClientMessage, ServerMessage } from './protocol/schema';

/** Options of {@link BridgeService}. */
export interface BridgeServiceOptions {
  /** Called when a loop is stopped because its last client left. */
  onAbandoned?: () => void;
}

/** The bridge's behaviour behind the WebSocket server. */
export class BridgeService {
  private clients = 0;
  /** The current playback is a loop that must stop when every client has left. */
  private loopNeedsClient = false;

  constructor(
    readonly engine: MidiEngine,
    private readonly options: BridgeServiceOptions = {},
  ) {}

  /** Turns an engine event into the broadcast message (and follows playback). */
  event(e: EngineEvent): BridgeEvent {
    if (e.event === 'ended' || e.event === 'stopped') this.loopNeedsClient = false;
    return { type: 'event', ...e };
  }

  /** Tells the service how many authenticated clients there are now. */
  clientsChanged(count: number): void {
    this.clients = count;
    if (count === 0 && this.loopNeedsClient) {
      this.loopNeedsClient = false;
      this.engine.stop(false).then(
        () => this.options.onAbandoned?.(),
        () => undefined,
      );
    }
  }

  /** Answers one request. Throws {@link BridgeProtocolError} / {@link MidiPortError} for error replies. */
  handle = async (message: ClientMessage): Promise<ServerMessage> => {
    const id = message.id === undefined ? {} : { id: message.id };
    switch (message.type) {
      case 'auth':
        return { type: 'hello', ...id, protocol: PROTOCOL_VERSION, server: 'audiogenesis-bridge' };
      case 'play': {
        const r = await this.engine.play(message.sequence, message.loop);
        this.loopNeedsClient = r.loop && !message.keepPlaying;
        return {
          type: 'playing',
          ...id,
          output: r.output,
          loop: r.loop,
          notes: r.notes,
          durationSeconds: r.passMs / 1000,
          startsAt: r.startsAt,
        };
      }
      case 'stop':
        await this.engine.stop(message.panic);
        return { type: 'stopped', ...id };
      case 'list-outputs': {
        const [outputs, status] = await Promise.all([this.engine.listOutputs(), this.engine.status()]);
        return { type: 'outputs', ...id, outputs, selected: status.output };
      }
      case 'select-output':
        try {
          return { type: 'output-selected', ...id, output: await this.engine.selectOutput(message.name) };
        } catch (err) {
          if (err instanceof MidiPortError) throw new BridgeProtocolError(err.message, 'output-not-found');
          throw err;
        }
      case 'status':
        return { type: 'status', ...id, ...(await this.engine.status()), clients: this.clients };
    }
  };
}
