/**
 * What the bridge does with a validated request: one {@link Scheduler} playing to the chosen output, the
 * output list, output selection and status. Output access is injected ({@link OutputProvider}) so tests can
 * run it without MIDI; the default is WebMIDI (`output.ts`).
 */
import { BridgeProtocolError, MidiPortError } from '../core/errors';
import type { ClientMessage, OutputEntry, ServerMessage, TimingEntry } from './schema';
import { Scheduler } from './scheduler';
import type { MidiSink, SchedulerEvent, SchedulerOptions } from './scheduler-types';
import { MidiOutputSink, listOutputs, type ConnectionListener } from './output';

/** An opened output the service can play to. */
export interface ManagedOutput extends MidiSink {
  readonly name: string;
  onConnectionChange(listener: ConnectionListener): () => void;
  stats?(): TimingEntry;
  close(): void;
}

/** Where outputs come from. */
export interface OutputProvider {
  list(): OutputEntry[];
  /** Opens an output by (partial) name; throws {@link MidiPortError} when there is none. */
  open(name: string): Promise<ManagedOutput>;
}

/** WebMIDI outputs (WebMIDI must be enabled: see `enableMidi`). */
export const webMidiOutputs: OutputProvider = {
  list: listOutputs,
  open: (name) => MidiOutputSink.open(name),
};

/** An event the service reports (the server broadcasts them). */
export type BridgeEvent = Extract<ServerMessage, { type: 'event' }>;

/** Options of {@link BridgeService}. */
export interface BridgeServiceOptions {
  outputs?: OutputProvider;
  /** Send MIDI clock while playing. */
  midiClock?: boolean;
  /** Scheduler settings (clock, ticker, look-ahead) for tests. */
  scheduler?: Omit<SchedulerOptions, 'sink' | 'onEvent' | 'midiClock'>;
  onEvent?: (event: BridgeEvent) => void;
}

const NO_OUTPUT: MidiSink = { connected: false, send: () => undefined, cancel: () => undefined };

/** The bridge's behaviour behind the WebSocket server. */
export class BridgeService {
  private readonly outputs: OutputProvider;
  private readonly scheduler: Scheduler;
  private readonly midiClock: boolean;
  private readonly emit: (event: BridgeEvent) => void;
  private output: ManagedOutput | undefined;
  private unsubscribe: () => void = () => undefined;

  constructor(options: BridgeServiceOptions = {}) {
    this.outputs = options.outputs ?? webMidiOutputs;
    this.midiClock = options.midiClock ?? false;
    this.emit = options.onEvent ?? (() => undefined);
    this.scheduler = new Scheduler({
      ...options.scheduler,
      sink: NO_OUTPUT,
      midiClock: this.midiClock,
      onEvent: (e) => this.onSchedulerEvent(e),
    });
  }

  /** The selected output's name, if any. */
  get outputName(): string | null {
    return this.output?.name ?? null;
  }

  /** Selects the output matching `name` (stopping playback on the previous one); returns its full name. */
  async selectOutput(name: string): Promise<string> {
    const next = await this.outputs.open(name);
    if (this.output && next.name === this.output.name) {
      next.close();
      return this.output.name;
    }
    this.scheduler.panic();
    this.unsubscribe();
    this.output?.close();
    this.output = next;
    this.scheduler.setSink(next);
    this.unsubscribe = next.onConnectionChange((connected) =>
      this.emit({ type: 'event', event: connected ? 'output-restored' : 'output-lost', output: next.name }),
    );
    return next.name;
  }

  /** Answers one request. Throws {@link BridgeProtocolError} / {@link MidiPortError} for error replies. */
  handle = async (message: ClientMessage): Promise<ServerMessage> => {
    const id = message.id === undefined ? {} : { id: message.id };
    switch (message.type) {
      case 'play': {
        // With none chosen yet, take the first output there is (one may have appeared since the start).
        const first = this.outputs.list()[0];
        if (!this.output && first) await this.selectOutput(first.name);
        if (!this.output) throw new BridgeProtocolError('There is no MIDI output to play to.', 'no-output');
        const info = this.scheduler.play(message.sequence, { loop: message.loop });
        return {
          type: 'playing',
          ...id,
          output: this.output.name,
          loop: info.loop,
          notes: message.sequence.notes.length,
          durationSeconds: info.passMs / 1000,
        };
      }
      case 'stop':
        if (message.panic) this.scheduler.panic();
        else this.scheduler.stop();
        return { type: 'stopped', ...id };
      case 'list-outputs':
        return { type: 'outputs', ...id, outputs: this.outputs.list(), selected: this.outputName };
      case 'select-output':
        try {
          return { type: 'output-selected', ...id, output: await this.selectOutput(message.name) };
        } catch (err) {
          if (err instanceof MidiPortError) throw new BridgeProtocolError(err.message, 'output-not-found');
          throw err;
        }
      case 'status': {
        const s = this.scheduler.status();
        return {
          type: 'status',
          ...id,
          state: s.state,
          output: this.outputName,
          outputConnected: this.output?.connected ?? false,
          loop: s.loop,
          positionBeats: s.positionBeats,
          pass: s.pass,
          clock: this.midiClock,
          timing: this.output?.stats?.() ?? null,
        };
      }
    }
  };

  /** Stops playback with a panic and closes the output. */
  close(): void {
    this.scheduler.panic();
    this.unsubscribe();
    this.output?.close();
    this.output = undefined;
  }

  private onSchedulerEvent(e: SchedulerEvent): void {
    if (e.type === 'ended' || e.type === 'interrupted' || e.type === 'resumed') {
      this.emit({ type: 'event', event: e.type, ...(this.output ? { output: this.output.name } : {}) });
    }
  }
}
