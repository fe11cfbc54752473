/**
 * Plays one `NoteSequence` to a named MIDI output without a server: what `audiogenesis play` runs.
 */
import type { NoteSequence } from '../core/sequence';
import { MidiOutputSink } from './output';
import { Scheduler } from './scheduler';
import type { PlaybackInfo, SchedulerEvent } from './scheduler-types';

/** What the player reports while it plays. */
export type PlayerEvent =
  | SchedulerEvent
  | { type: 'opened'; output: string; info: PlaybackInfo }
  | { type: 'output-lost'; output: string }
  | { type: 'output-restored'; output: string };

/** Options of {@link playToOutput}. */
export interface PlayToOutputOptions {
  /** Output name (exact, case-insensitive, or a unique part). */
  output: string;
  loop?: boolean;
  /** Send MIDI clock. */
  midiClock?: boolean;
  /** Bars of MIDI clock before beat 0 (with `midiClock`). */
  countInBars?: number;
  /** Aborting stops playback (all notes off) and resolves with `stopped`. */
  signal?: AbortSignal;
  onEvent?: (event: PlayerEvent) => void;
}

/**
 * Plays `seq` on the output and resolves when it ends (`ended`) or is aborted (`stopped`). WebMIDI is
 * enabled if needed and left enabled (call `disableMidi()` to let the process exit).
 */
export async function playToOutput(
  seq: NoteSequence,
  options: PlayToOutputOptions,
): Promise<'ended' | 'stopped'> {
  const sink = await MidiOutputSink.open(options.output);
  const report = options.onEvent ?? (() => undefined);
  const unsubscribe = sink.onConnectionChange((connected) =>
    report({ type: connected ? 'output-restored' : 'output-lost', output: sink.name }),
  );
  try {
    return await new Promise<'ended' | 'stopped'>((resolve) => {
      const scheduler = new Scheduler({
        sink,
        midiClock: options.midiClock,
        countInBars: options.countInBars,
        onEvent: (e) => {
          report(e);
          if (e.type === 'ended') resolve('ended');
        },
      });
      const abort = (): void => {
        scheduler.stop();
        resolve('stopped');
      };
      if (options.signal?.aborted) return abort();
      options.signal?.addEventListener('abort', abort, { once: true });
      const info = scheduler.play(seq, { loop: options.loop });
      report({ type: 'opened', output: sink.name, info });
    });
  } finally {
    // Let the last timestamped messages (note-offs, clock stop) go out before closing.
    for (let i = 0; i < 100 && sink.pending > 0; i++) await new Promise((r) => setTimeout(r, 5));
    unsubscribe();
    sink.close();
  }
}
