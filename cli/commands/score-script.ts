/** `audiogenesis score-script FILE`: one continuous piece whose sections follow a script's timing. */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../core/errors';
import type { Command } from '../command';
import { COMPOSE_OPTIONS, COMPOSE_USAGE, composeToFiles, slug } from '../compose-files';
import { PICTURE_OPTIONS, PICTURE_USAGE, pictureRequest } from '../picture-files';

const usage = `usage: audiogenesis score-script FILE [--out DIR] [--seconds S] [--seed N] [--loop] [--json]
       [--hits T,...] [--voice-over FILE] [--stems] [--cutdowns L,...]

FILE is an ad script (.txt: time-coded lines such as "0:05 Our hero arrives", or plain sentences timed at
a speaking rate), subtitles (.srt / .vtt), or a JSON list of markers ({"name", "comments", "start",
"duration"}, times in seconds or "mm:ss") or a Premiere transcript export. Each timed part starts a new
section of the music at its time, with a transition. Writes the same files as generate.

${COMPOSE_USAGE}
${PICTURE_USAGE}`;

/** Largest script read, in bytes. */
const MAX_BYTES = 2_000_000;

export const command: Command = {
  summary: 'score an ad script, subtitles or markers as one piece that follows their timing',
  usage,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...COMPOSE_OPTIONS, ...PICTURE_OPTIONS },
    });
    if (positionals.length !== 1) throw new UsageError('name one script file (.txt, .srt, .vtt or .json)');
    const file = positionals[0];
    let text: string;
    try {
      const bytes = readFileSync(file);
      if (bytes.length > MAX_BYTES) throw new UsageError(`${file} is over ${MAX_BYTES} bytes: not a script`);
      text = bytes.toString('utf8');
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const request = { prompt: text, ...pictureRequest(values) };
    return composeToFiles(request, slug(basename(file, extname(file))), values);
  },
};
