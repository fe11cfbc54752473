/** `audiogenesis score-script FILE`: one continuous piece whose sections follow a script's timing. */
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { readScript } from '../../core/embed/formats';
import { ScriptError, UsageError } from '../../core/errors';
import type { Command } from '../command';
import { COMPOSE_OPTIONS, COMPOSE_USAGE, composeToFiles } from '../compose-files';
import { readTextFile } from '../input';
import { PICTURE_OPTIONS, PICTURE_USAGE, pictureRequest } from '../picture-files';

const usage = `usage: audiogenesis score-script FILE [--out DIR] [--seconds S] [--seed N] [--loop] [--force] [--json]
       [--hits T,...] [--voice-over FILE] [--stems] [--cutdowns L,...]

FILE is an ad script (.txt: time-coded lines such as "0:05 Our hero arrives", or plain sentences timed at
a speaking rate), subtitles (.srt / .vtt), or a JSON list of markers ({"name", "comments", "start",
"duration"}, times in seconds or "mm:ss") or a Premiere transcript export. Each timed part starts a new
section of the music at its time, with a transition. A file that looks like JSON, SRT, VTT or time-coded
lines but breaks its format is refused with the line and the reason; single cues that break it are left
out and listed. Writes the same files as generate.

${COMPOSE_USAGE}
${PICTURE_USAGE}`;

/** Largest script read, in bytes (checked before reading). */
export const MAX_SCRIPT_BYTES = 2_000_000;

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
    const text = readTextFile(file, { maxBytes: MAX_SCRIPT_BYTES, what: 'script' });
    const reading = (() => {
      try {
        return readScript(text, { fileName: file, strict: true });
      } catch (err) {
        if (err instanceof ScriptError) throw new ScriptError(`${file}: ${err.message}`, err.line);
        throw err;
      }
    })();
    for (const note of reading.notes) console.error(`audiogenesis score-script: warning: ${note}`);
    const request = { prompt: text, ...pictureRequest(values) };
    return composeToFiles(request, basename(file, extname(file)), values);
  },
};
