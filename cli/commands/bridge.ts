/** `audiogenesis bridge`: the local WebMIDI service the Premiere panel (and any WebSocket client) plays through. */
import { parseArgs } from 'node:util';
import { startBridge } from '../../bridge/app';
import { raisePriority } from '../../bridge/priority';
import { BRIDGE_HOST, DEFAULT_BRIDGE_PORT } from '../../bridge/server';
import { UsageError } from '../../core/errors';
import type { Command } from '../command';

const usage = `usage: audiogenesis bridge [--port ${DEFAULT_BRIDGE_PORT}] [--output NAME] [--clock] [--token TOKEN]

Starts the DAW bridge: a WebSocket server on ws://${BRIDGE_HOST}:PORT (this machine only) that plays the
panel's music to a MIDI output, one channel per role (melody 1, harmony 2, bass 3, drums 10). It prints a
pairing token at start; paste it into the panel once (or pass the same --token on the next start).

  --port N        TCP port on ${BRIDGE_HOST} (default ${DEFAULT_BRIDGE_PORT})
  --output NAME   MIDI output to play to (default: the first; see \`audiogenesis ports\`)
  --clock         send MIDI clock (Start, 24 per quarter note, Stop) so the DAW follows the tempo
  --token TOKEN   reuse a pairing token (at least 16 characters) instead of a new random one`;

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
        token: { type: 'string' },
      },
    });
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535)
      throw new UsageError('--port must be an integer 0..65535');
    if (values.token !== undefined && values.token.length < 16) {
      throw new UsageError('--token must be at least 16 characters');
    }

    const priority = raisePriority();
    const bridge = await startBridge({
      port,
      output: values.output,
      midiClock: values.clock,
      token: values.token,
      onEvent: (e) => {
        if (e.event === 'output-lost')
          console.error(`Output "${e.output}" vanished; waiting for it to return...`);
        else if (e.event === 'output-restored')
          console.error(`Output "${e.output}" is back; playback resumes.`);
      },
    });
    console.log(`Audiogenesis bridge listening on ${bridge.server.url}`);
    console.log(
      `MIDI output: ${bridge.service.outputName ?? 'none yet (see `audiogenesis ports`)'}${values.clock ? ', sending MIDI clock' : ''}`,
    );
    if (!priority.raised && priority.priority >= 0) {
      console.log(
        '(The OS did not allow a higher scheduling priority; timing may suffer on a busy machine.)',
      );
    }
    console.log(`Pairing token: ${bridge.token}`);
    console.log('Ctrl-C stops.');

    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await bridge.close();
    console.log('Bridge stopped (all notes off).');
    return 0;
  },
};
