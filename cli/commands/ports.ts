/** `audiogenesis ports`: lists the MIDI outputs `bridge` and `play` can send to. */
import { parseArgs } from 'node:util';
import { disableMidi, enableMidi, listOutputs } from '../../bridge/output';
import type { Command } from '../command';

const usage = `usage: audiogenesis ports [--json]

Lists the MIDI outputs that \`audiogenesis bridge --output NAME\` and \`audiogenesis play --output NAME\`
can send to. To reach a DAW, create a virtual port first: the IAC Driver on macOS, loopMIDI on Windows,
snd-virmidi on Linux (see docs/daw.md).

  --json   print the list as JSON`;

/** The `ports` command. */
export const command: Command = {
  summary: 'list the MIDI outputs the bridge can send to',
  usage,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean', default: false } },
      strict: true,
    });
    await enableMidi();
    try {
      const outputs = listOutputs();
      if (values.json) console.log(JSON.stringify(outputs, null, 2));
      else if (outputs.length === 0) {
        console.log(
          'No MIDI outputs. Create a virtual port (IAC Driver on macOS, loopMIDI on Windows, `sudo modprobe snd-virmidi` on Linux): see docs/daw.md.',
        );
      } else {
        console.log('MIDI outputs:');
        for (const o of outputs) console.log(`  ${o.name}${o.manufacturer ? `  (${o.manufacturer})` : ''}`);
      }
      return 0;
    } finally {
      await disableMidi();
    }
  },
};
