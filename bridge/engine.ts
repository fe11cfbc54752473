/**
 * The MIDI side of the bridge behind one interface, {@link MidiEngine}: outputs, playback, status and
 * events. {@link LocalMidiEngine} runs a {@link Scheduler} on an output in this thread; the bridge runs it on
 * a thread of its own (`midi-thread.ts`), so that socket work cannot delay a note. Output access is
 * injected ({@link OutputProvider}) so tests run it without MIDI; the default is WebMIDI (`output.ts`).
 */
import { BridgeProtocolError } from '../core/errors';
import type { NoteSequence } from '../core/sequence';
import type { BridgeEventName } from '../core/bridge-protocol';
import type { OutputEntry, TimingEntry } from './protocol/schema';
import { Scheduler } from './scheduler';
import type { MidiSink, SchedulerEvent, SchedulerOptions } from './scheduler-types';
import { MidiOutputSink, listOutputs, type ConnectionListener } from './output';

/** An opened output the engine can play to. */
export interface ManagedOutput extends MidiSink {
  readonly name: string;
  onConnectionChange(listener: ConnectionListener): () => void;
  stats?(): TimingEntry;
  close(): void;
}

/** Where outputs come from. */
export interface OutputProvider {
  list(): OutputEntry[];
  /** Opens an output by (partial) name; throws `MidiPortError` when there is none. */
  open(name: string): Promise<ManagedOutput>;
}

/** WebMIDI outputs (WebMIDI must be enabled: see `enableMidi`). */
export const webMidiOutputs: OutputProvider = {
  list: listOutputs,
  open: (name) => MidiOutputSink.open(name),
};

/** What the engine reports (the server broadcasts it as an `event`). */
export interface EngineEvent {
  event: BridgeEventName;
  output?: string;
  loop?: boolean;
}

/** What `play` started. */
export interface PlayResult {
  output: string;
  loop: boolean;
  notes: number;
  /** One pass, ms. */
  passMs: number;
  /** When beat 0 sounds, ms since 1970 (`performance.timeOrigin + startAt`). */
  startsAt: number;
}

/** A snapshot of the engine. */
export interface EngineStatus {
  state: 'idle' | 'playing' | 'interrupted';
  output: string | null;
  outputConnected: boolean;
  loop: boolean;
  positionBeats: number;
  pass: number;
  clock: boolean;
  timing: TimingEntry | null;
}

/** The MIDI side of the bridge. Methods throw `MidiPortError` / {@link BridgeProtocolError}. */
export interface MidiEngine {
  listOutputs(): Promise<OutputEntry[]>;
  /** Selects the output matching `name` (stopping playback on the previous one); resolves with its full name. */
  selectOutput(name: string): Promise<string>;
  /** Plays `seq` on the selected output (the first there is, when none was chosen). */
  play(seq: NoteSequence, loop: boolean): Promise<PlayResult>;
  /** Stops playback; `panic` adds All Sound Off and sustain off on every channel used. */
  stop(panic: boolean): Promise<void>;
  status(): Promise<EngineStatus>;
  /** Stops playback with a panic, lets the last messages out and releases the output. */
  close(): Promise<void>;
}

/** Options of {@link LocalMidiEngine}; every field has a default. */
export interface EngineOptions {
  outputs?: OutputProvider;
  /** Send MIDI clock while playing. */
  midiClock?: boolean;
  /** Bars of clock before beat 0 (with `midiClock`). */
  countInBars?: number;
  /** Keep the clock running between playbacks (with `midiClock`). */
  continuousClock?: boolean;
  /** Scheduler settings (clock, ticker, look-ahead) for tests. */
  scheduler?: Omit<SchedulerOptions, 'sink' | 'onEvent' | 'midiClock'>;
  onEvent?: (event: EngineEvent) => void;
}

const NO_OUTPUT: MidiSink = { connected: false, send: () => undefined, cancel: () => undefined };
const SCHEDULER_EVENTS: Partial<Record<SchedulerEvent['type'], BridgeEventName>> = {
  ended: 'ended',
  stopped: 'stopped',
  interrupted: 'interrupted',
  resumed: 'resumed',
};

/** A {@link MidiEngine} in this thread. */
export class LocalMidiEngine implements MidiEngine {
  private readonly outputs: OutputProvider;
  private readonly scheduler: Scheduler;
  private readonly midiClock: boolean;
  private readonly emit: (event: EngineEvent) => void;
  private output: ManagedOutput | undefined;
  private unsubscribe: () => void = () => undefined;

  constructor(options: EngineOptions = {}) {
    this.outputs = options.outputs ?? webMidiOutputs;
    this.midiClock = options.midiClock ?? false;
    this.emit = options.onEvent ?? (() => undefined);
    this.scheduler = new Scheduler({
      ...options.scheduler,
      sink: NO_OUTPUT,
      midiClock: this.midiClock,
      countInBars: options.countInBars,
      continuousClock: options.continuousClock,
      onEvent: (e) => this.onSchedulerEvent(e),
    });
  }

  listOutputs(): Promise<OutputEntry[]> {
    return Promise.resolve(this.outputs.list());
  }

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
      this.emit({ event: connected ? 'output-restored' : 'output-lost', output: next.name }),
    );
    return next.name;
  }

  async play(seq: NoteSequence, loop: boolean): Promise<PlayResult> {
    // With none chosen yet, take the first output there is (one may have appeared since the start).
    const first = this.outputs.list()[0];
    if (!this.output && first) await this.selectOutput(first.name);
    const output = this.output;
    if (!output) throw new BridgeProtocolError('There is no MIDI output to play to.', 'no-output');
    const info = this.scheduler.play(seq, { loop });
    this.emit({ event: 'started', output: output.name, loop: info.loop });
    return {
      output: output.name,
      loop: info.loop,
      notes: seq.notes.length,
      passMs: info.passMs,
      startsAt: performance.timeOrigin + info.startAt,
    };
  }

  stop(panic: boolean): Promise<void> {
    if (panic) this.scheduler.panic();
    else this.scheduler.stop();
    return Promise.resolve();
  }

  status(): Promise<EngineStatus> {
    const s = this.scheduler.status();
    return Promise.resolve({
      state: s.state,
      output: this.output?.name ?? null,
      outputConnected: this.output?.connected ?? false,
      loop: s.loop,
      positionBeats: s.positionBeats,
      pass: s.pass,
      clock: this.midiClock,
      timing: this.output?.stats?.() ?? null,
    });
  }

  async close(): Promise<void> {
    this.scheduler.dispose();
    // Let the note-offs out before the output goes.
    const out = this.output as (ManagedOutput & { pending?: number }) | undefined;
    for (let i = 0; i < 100 && (out?.pending ?? 0) > 0; i++) await new Promise((r) => setTimeout(r, 5));
    this.unsubscribe();
    out?.close();
    this.output = undefined;
  }

  private onSchedulerEvent(e: SchedulerEvent): void {
    const event = SCHEDULER_EVENTS[e.type];
    if (event) this.emit({ event, ...(this.output ? { output: this.output.name } : {}) });
  }
}
