/** `audiogenesis generate "<prompt>"`: the main job, prompt in, music files out. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sequenceToMidi } from '../../core/codec/midi';
import type { ComposeResult } from '../../core/compose';
import { compose, resultDocument } from '../../core/compose';
import { renderWav } from '../../core/render';
import { UsageError } from '../../core/errors';
import { durationSeconds } from '../../core/sequence';
import type { Command } from '../command';
import { loadModel, SHIPPED_MODEL } from '../model-files';
import { loadSoundfont } from '../render/files';
import { pianoRollPng } from '../render/png';

const usage = `usage: audiogenesis generate "<prompt>" [--seconds 30] [--seed N] [--temperature T] [--out DIR]
       [--model DIR] [--loop] [--json]

Writes DIR/<name>.mid, .wav (48 kHz stereo, about -16 LUFS), .png (piano roll) and .json (prompt,
conditioning, explanation, seed, model version and the NoteSequence). Without --seconds, a length stated in the prompt wins, else 30 s. With --json the last line
on stdout is a JSON summary.`;

/** A file-name-safe slug of the prompt. */
export function slug(prompt: string): string {
  const s = prompt
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return s || 'music';
}

export const command: Command = {
  summary: 'generate music for a prompt with the shipped model',
  usage,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        seconds: { type: 'string' },
        seed: { type: 'string', default: '1' },
        temperature: { type: 'string', default: '0.9' },
        out: { type: 'string', default: 'out' },
        model: { type: 'string' },
        json: { type: 'boolean', default: false },
        loop: { type: 'boolean', default: false },
      },
    });
    const prompt = positionals.join(' ');
    const seed = Number(values.seed);
    const temperature = Number(values.temperature);
    if (!Number.isInteger(seed) || seed < 0) throw new UsageError('--seed takes a whole number >= 0');
    if (!(temperature > 0 && temperature <= 3))
      throw new UsageError('--temperature takes a number in (0, 3]');
    const asked = values.seconds !== undefined ? Number(values.seconds) : undefined;
    if (asked !== undefined && !(asked >= 1 && asked <= 600))
      throw new UsageError('--seconds takes a number from 1 to 600');
    const model = await loadModel(values.model ?? SHIPPED_MODEL);
    let r: ComposeResult;
    try {
      r = compose(model, { prompt, seconds: asked, seed, temperature, loop: values.loop });
    } finally {
      model.dispose();
    }
    const seq = r.sequence;
    const out = resolve(values.out!);
    mkdirSync(out, { recursive: true });
    const name = `${slug(prompt)}-s${seed}`;
    const midi = join(out, `${name}.mid`);
    const json = join(out, `${name}.json`);
    const wav = join(out, `${name}.wav`);
    const png = join(out, `${name}.png`);
    writeFileSync(midi, sequenceToMidi(seq, { name: prompt.slice(0, 60) }));
    const audio = await renderWav(seq, await loadSoundfont(), { fadeSeconds: r.plan.loop ? 0 : undefined });
    writeFileSync(wav, audio.wav);
    writeFileSync(png, pianoRollPng(seq));
    writeFileSync(json, JSON.stringify(resultDocument(r), null, 2));
    const key = r.key;
    const tempo = r.tempo;
    const result = r.embedding;
    const summary = {
      midi,
      wav,
      json,
      png,
      seconds: Number(durationSeconds(seq).toFixed(3)),
      tempo: Number(tempo.toFixed(2)),
      key,
    };
    if (values.json) console.log(JSON.stringify(summary));
    else {
      console.log(
        `${seq.notes.length} notes, ${summary.seconds} s at ${summary.tempo} bpm in ${key} (${seq.tracks.map((t) => t.role).join(', ')})`,
      );
      for (const line of result.explanation) console.log(`  ${line}`);
      console.log(`audio: ${audio.lufs.toFixed(1)} LUFS, peak ${audio.peakDbfs.toFixed(1)} dBFS`);
      console.log(`-> ${midi}\n-> ${wav}\n-> ${png}\n-> ${json}`);
    }
    return 0;
  },
};
