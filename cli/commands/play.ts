/** `audiogenesis play FILE.mid --output NAME`: plays a MIDI file to a MIDI output (the bridge's player, no server). */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { disableMidi } from '../../bridge/output';
import { raisePriority } from '../../bridge/priority';
import { playToOutput, type PlayerEvent } from '../../bridge/player';
import { midiToSequence } from '../../core/codec/midi';
import { UsageError } from '../../core/errors';
import type { Command } from '../command';

const usage = `usage: audiogenesis play FILE.mid --output NAME [--loop] [--clock]

Plays FILE.mid to the MIDI output NAME (exact, or a unique part of it: see \`audiogenesis ports\`), one
channel per role (melody 1, harmony 2, bass 3, drums 10). Ctrl-C stops with all notes off.

  --output NAME   the MIDI output (required)
  --loop          play again and again until Ctrl-C
  --clock         send MIDI clock (Start, 24 per quarter note, Stop) so the DAW follows`;

function clockTime(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The `play` command. */
export const command: Command = {
  summary: 'play a .mid file to a MIDI output (a DAW through IAC Driver / loopMIDI)',
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
      },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE.mid');
    if (!values.output) throw new UsageError('--output NAME is required (see `audiogenesis ports`)');
    const seq = midiToSequence(new Uint8Array(await readFile(positionals[0])));
    raisePriority();

    const controller = new AbortController();
    const stop = (): void => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const report = (e: PlayerEvent): void => {
      if (e.type === 'opened') {
        const length = e.info.loop ? 'looping' : clockTime(e.info.passMs / 1000);
        console.log(
          `Playing ${positionals[0]} (${seq.notes.length} notes, ${length}) on "${e.output}". Ctrl-C stops.`,
        );
      } else if (e.type === 'output-lost')
        console.error(`Output "${e.output}" vanished; waiting for it to return...`);
      else if (e.type === 'output-restored') console.error(`Output "${e.output}" is back; playback resumes.`);
    };
    try {
      const how = await playToOutput(seq, {
        output: values.output,
        loop: values.loop,
        midiClock: values.clock,
        signal: controller.signal,
        onEvent: report,
      });
      console.log(how === 'ended' ? 'Done.' : 'Stopped (all notes off).');
      return 0;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await disableMidi();
    }
  },
};
