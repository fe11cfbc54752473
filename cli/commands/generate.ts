/** `audiogenesis generate "<prompt>"`: the main job, prompt in, music files out. */
import { parseArgs } from 'node:util';
import { slug } from '../../core/naming';
import type { Command } from '../command';
import { promptWords } from '../command';
import { COMPOSE_OPTIONS, COMPOSE_USAGE, composeToFiles } from '../compose-files';
import { PICTURE_OPTIONS, PICTURE_USAGE, pictureRequest } from '../picture-files';

export { slug };

const usage = `usage: audiogenesis generate "<prompt>" [--seconds 30] [--seed N] [--temperature T] [--out DIR]
       [--model DIR] [--loop] [--force] [--json] [--hits T,...] [--voice-over FILE] [--stems]
       [--cutdowns L,...]

Writes DIR/<name>.mid, .wav (48 kHz stereo, about -16 LUFS), .png (piano roll) and .json (prompt, how it
was read, the arrangement plan, seed, model version and the NoteSequence). A prompt that starts with "-"
goes after "--", and options before it: generate --seconds 20 -- "-5 seconds of jazz".

${COMPOSE_USAGE}
${PICTURE_USAGE}`;

export const command: Command = {
  summary: 'generate music for a prompt with the shipped model',
  usage,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...COMPOSE_OPTIONS, ...PICTURE_OPTIONS },
    });
    const prompt = promptWords(positionals, { ...COMPOSE_OPTIONS, ...PICTURE_OPTIONS });
    return composeToFiles({ prompt, ...pictureRequest(values) }, prompt, values);
  },
};
