/** `audiogenesis embed "<prompt>" [--json] [--file F]`: prints the conditioning a prompt or script embeds to. */
import { parseArgs } from 'node:util';
import { UsageError } from '../../core/errors';
import { EMBED_DEFAULTS, embed, toJson } from '../../core/embed';
import type { EmbedAttributes, EmbedResult } from '../../core/embed';
import type { Command } from '../command';
import { promptWords, textOption } from '../command';
import { readTextFile } from '../input';

const USAGE = `usage: audiogenesis embed "<prompt>" [--json] [--file F]

Embeds a prompt, ad script, SRT captions, marker list JSON or transcript JSON into the conditioning the
model reads: tempo, key, meter, mood, instruments, style, length and timed segments.

options:
  --json      print the full JSON (default: a readable summary)
  --file F    read the prompt from file F (SRT, VTT, JSON, text; at most 800 KB); joined after any prompt
              given
  -h, --help  this help`;

function line(a: EmbedAttributes): string {
  const mark = (s: string) => (s === 'explicit' ? '*' : '');
  return [
    `${a.tempo} bpm${mark(a.sources.tempo)}`,
    `${a.key.tonic} ${a.key.mode}${mark(a.sources.key)}`,
    `${a.meter}${mark(a.sources.meter)}`,
    `${a.style}${mark(a.sources.style)}`,
    `valence ${a.valence.toFixed(2)} arousal ${a.arousal.toFixed(2)}`,
    `${a.instruments.join('+') || 'no instruments'}${mark(a.sources.instruments)}${a.drums ? '' : ', no drums'}`,
  ].join(' | ');
}

/** A readable summary of a result: one line, the segments, then the explanation. */
export function summary(r: EmbedResult): string {
  const out = [line(r) + (r.seconds !== null ? ` | ${r.seconds} s` : ''), '(* = asked for in the prompt)'];
  for (const s of r.segments)
    out.push(`  ${s.start.toFixed(1)}-${s.end.toFixed(1)} s  ${line(s)}  "${s.text.slice(0, 60)}"`);
  out.push('why:', ...r.explanation.map((e) => `  - ${e}`));
  return out.join('\n');
}

const EMBED_OPTIONS = { json: { type: 'boolean', default: false }, file: { type: 'string' } } as const;

/** The `embed` command. */
export const command: Command = {
  summary: 'embed a prompt or script into conditioning (tempo, key, mood, instruments...)',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: EMBED_OPTIONS,
    });
    let prompt = promptWords(positionals, EMBED_OPTIONS);
    if (values.file !== undefined) {
      const file = textOption(values.file, 'file')!;
      const text = readTextFile(file, { maxBytes: 4 * EMBED_DEFAULTS.maxChars, what: 'prompt' });
      prompt = prompt ? `${prompt}\n${text}` : text;
    }
    if (positionals.length === 0 && !values.file) throw new UsageError('give a prompt or --file');
    const result = embed(prompt);
    console.log(values.json ? JSON.stringify(toJson(result), null, 2) : summary(result));
    return 0;
  },
};
