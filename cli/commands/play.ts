/** `audiogenesis play FILE.mid --output NAME`: plays a MIDI file to a MIDI output (the bridge's player, no server). */
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { disableMidi } from '../../bridge/output';
import { raisePriority } from '../../bridge/priority';
import { playToOutput, type PlayerEvent } from '../../bridge/player';
import { loopProblem } from '../../bridge/protocol/schema';
import { onTermination } from '../../bridge/signals';
import { midiToSequence } from '../../core/codec/midi';
import { AudiogenesisError, InvalidSequenceError, UsageError } from '../../core/errors';
import type { NoteSequence } from '../../core/sequence';
import type { Command } from '../command';
import { countInOption } from './bridge';

const usage = `usage: audiogenesis play FILE.mid --output NAME [--loop] [--clock] [--count-in BARS]

Plays FILE.mid to the MIDI output NAME (exact, or a unique part of it: see \`audiogenesis ports\`), one
channel per role (melody 1, harmony 2, bass 3, drums 10). Ctrl-C, closing the terminal or \`kill\` stops
with a note-off for every sounding note and All Notes Off.

  --output NAME     the MIDI output (required)
  --loop            play again and again until stopped
  --clock           send MIDI clock (Start, 24 per quarter note, Stop) so the DAW follows
  --count-in BARS   bars of MIDI clock before the music, so the DAW can lock to it (implies --clock)`;

function clockTime(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Why a file cannot be read, in plain words. */
function fileProblem(path: string, err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (code === 'ENOENT') return `${path}: no such file`;
  if (code === 'EISDIR') return `${path} is a folder, not a .mid file`;
  if (code === 'EACCES' || code === 'EPERM') return `${path}: permission denied`;
  return `${path}: cannot be read (${err instanceof Error ? err.message : String(err)})`;
}

/**
 * Reads a .mid file. Throws a typed error with a plain message for a missing, unreadable or folder path
 * (`FILE_READ`) and for bytes that are not MIDI (`MidiParseError`).
 */
export async function readMidiFile(path: string): Promise<NoteSequence> {
  let bytes: Buffer;
  try {
    if ((await stat(path)).isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    bytes = await readFile(path);
  } catch (err) {
    throw new AudiogenesisError(fileProblem(path, err), 'FILE_READ', { cause: err });
  }
  return midiToSequence(new Uint8Array(bytes));
}

/** The `play` command. */
export const command: Command = {
  summary: 'play a .mid file to a MIDI output (a DAW through IAC Driver / loopMIDI / ALSA)',
  usage,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        output: { type: 'string', short: 'o' },
        loop: { type: 'boolean', default: false },
        clock: { type: 'boolean', default: false },
        'count-in': { type: 'string' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE.mid');
    if (!values.output) throw new UsageError('--output NAME is required (see `audiogenesis ports`)');
    const countInBars = countInOption(values['count-in']);
    const file = positionals[0];
    const seq = await readMidiFile(file);
    const problem = values.loop ? loopProblem(seq) : undefined;
    if (problem) throw new InvalidSequenceError(`${file} cannot loop: it ${problem}.`);
    raisePriority();

    const controller = new AbortController();
    const stopListening = onTermination(() => controller.abort());
    const report = (e: PlayerEvent): void => {
      if (e.type === 'opened') {
        const length = e.info.loop ? 'looping' : clockTime(e.info.passMs / 1000);
        console.log(`Playing ${file} (${seq.notes.length} notes, ${length}) on "${e.output}". Ctrl-C stops.`);
      } else if (e.type === 'output-lost')
        console.error(`Output "${e.output}" vanished; waiting for it to return...`);
      else if (e.type === 'output-restored') console.error(`Output "${e.output}" is back; playback resumes.`);
    };
    try {
      const how = await playToOutput(seq, {
        output: values.output,
        loop: values.loop,
        midiClock: values.clock || countInBars > 0,
        countInBars,
        signal: controller.signal,
        onEvent: report,
      });
      console.log(how === 'ended' ? 'Done.' : 'Stopped (all notes off).');
      return 0;
    } finally {
      stopListening();
      await disableMidi();
    }
  },
};
