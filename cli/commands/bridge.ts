/** `audiogenesis bridge`: the local WebMIDI service the Premiere panel (and any WebSocket client) plays through. */
import { parseArgs } from 'node:util';
import { startBridge } from '../../bridge/app';
import { raisePriority } from '../../bridge/priority';
import { BRIDGE_HOST, DEFAULT_BRIDGE_PORT, TOKEN_PATTERN } from '../../core/bridge-protocol';
import { onTermination } from '../../bridge/signals';
import { UsageError } from '../../core/errors';
import type { Command } from '../command';

const usage = `usage: audiogenesis bridge [--port ${DEFAULT_BRIDGE_PORT}] [--output NAME] [--clock] [--count-in BARS]
                           [--continuous-clock] [--token TOKEN] [--allow-origin ORIGIN]...

Starts the DAW bridge: a WebSocket server on ws://${BRIDGE_HOST}:PORT (this machine only) that plays the
panel's music to a MIDI output, one channel per role (melody 1, harmony 2, bass 3, drums 10). It prints a
pairing token at start; paste it into the panel once (or pass the same --token on the next start). Only
the Premiere panel and local programs may connect (web pages are refused), and only with the token.
Ctrl-C, closing the terminal or \`kill\` stops it with a note-off for every sounding note.

  --port N              TCP port on ${BRIDGE_HOST} (default ${DEFAULT_BRIDGE_PORT})
  --output NAME         MIDI output to play to (default: the first; see \`audiogenesis ports\`)
  --clock               send MIDI clock (Start, 24 per quarter note, Stop) so the DAW follows the tempo
  --count-in BARS       bars of clock before each piece, so the DAW can lock first (implies --clock)
  --continuous-clock    keep the clock running between pieces too (implies --clock)
  --token TOKEN         reuse a pairing token (16 to 128 letters, digits, - or _) instead of a new one
  --allow-origin ORIGIN also let this web origin connect (e.g. http://localhost:5173 for a panel preview)`;

/** Parses `--count-in BARS`: a whole number 0..16 (0 when absent). Throws {@link UsageError}. */
export function countInOption(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d+$/.test(text) || Number(text) > 16)
    throw new UsageError('--count-in must be a whole number of bars 0..16');
  return Number(text);
}

/** The `bridge` command. */
export const command: Command = {
  summary: 'run the local WebMIDI bridge (panel -> DAW over MIDI)',
  usage,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string', default: String(DEFAULT_BRIDGE_PORT) },
        output: { type: 'string', short: 'o' },
        clock: { type: 'boolean', default: false },
        'count-in': { type: 'string' },
        'continuous-clock': { type: 'boolean', default: false },
        token: { type: 'string' },
        'allow-origin': { type: 'string', multiple: true },
      },
    });
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535)
      throw new UsageError('--port must be an integer 0..65535');
    if (values.token !== undefined && !TOKEN_PATTERN.test(values.token))
      throw new UsageError('--token must be 16 to 128 letters, digits, - or _');
    const countInBars = countInOption(values['count-in']);
    const allowOrigins = values['allow-origin'] ?? [];
    for (const o of allowOrigins)
      if (!/^[a-z][a-z0-9+.-]*:\/\/[^\s/]*$/i.test(o))
        throw new UsageError(`--allow-origin takes an origin such as http://localhost:5173, not "${o}"`);
    const midiClock = values.clock || countInBars > 0 || values['continuous-clock'];

    const priority = raisePriority();
    const bridge = await startBridge({
      port,
      output: values.output,
      midiClock,
      countInBars,
      continuousClock: values['continuous-clock'],
      token: values.token,
      allowOrigins,
      onEvent: (e) => {
        if (e.event === 'output-lost')
          console.error(`Output "${e.output}" vanished; waiting for it to return...`);
        else if (e.event === 'output-restored')
          console.error(`Output "${e.output}" is back; playback resumes.`);
      },
    });
    const clockText = values['continuous-clock']
      ? ', sending MIDI clock continuously'
      : midiClock
        ? ', sending MIDI clock'
        : '';
    const status = await bridge.engine.status();
    console.log(`Audiogenesis bridge listening on ${bridge.server.url}`);
    console.log(`MIDI output: ${status.output ?? 'none yet (see `audiogenesis ports`)'}${clockText}`);
    if (!priority.raised && priority.priority >= 0)
      console.log(
        '(The OS did not allow a higher scheduling priority; timing may suffer on a busy machine.)',
      );
    console.log(`Pairing token: ${bridge.token}`);
    console.log('Ctrl-C stops.');

    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      const off = onTermination((s) => {
        off();
        resolve(s);
      });
    });
    await bridge.close();
    console.log(`Bridge stopped on ${signal} (all notes off).`);
    return 0;
  },
};
