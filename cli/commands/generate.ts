/** `audiogenesis generate "<prompt>"`: the main job, prompt in, music files out. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { basicProgression } from '../../core/arrange/progression';
import { sequenceToMidi } from '../../core/codec/midi';
import { embed, toJson } from '../../core/embed';
import { renderWav } from '../../core/render';
import { UsageError } from '../../core/errors';
import { beatsPerBar, durationSeconds, PITCH_CLASS_NAMES } from '../../core/sequence';
import type { Command } from '../command';
import { loadModel, SHIPPED_MODEL } from '../model-files';
import { loadSoundfont } from '../render/files';
import { pianoRollPng } from '../render/png';

const usage = `usage: audiogenesis generate "<prompt>" [--seconds 30] [--seed N] [--temperature T] [--out DIR]
       [--model DIR] [--json]

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

/**
 * Beats that fill `seconds` at about `bpm`: whole bars when the tempo moves by at most 5% for it, else whole
 * beats (the tempo is then set so the last beat ends on time).
 */
export function fitBeats(seconds: number, bpm: number, bar: number): number {
  const exact = (seconds * bpm) / 60;
  const bars = Math.max(bar, Math.round(exact / bar) * bar);
  return Math.abs(bars / exact - 1) <= 0.05 ? bars : Math.max(1, Math.round(exact));
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
    const result = embed(prompt);
    const c = result.conditioning;
    const seconds = asked ?? result.seconds ?? 30;
    const beats = fitBeats(seconds, c.tempo, beatsPerBar(c.meter));
    const tempo = (beats * 60) / seconds;
    const conditioning = { ...c, tempo };
    const model = await loadModel(values.model ?? SHIPPED_MODEL);
    const chords = basicProgression(conditioning, beats);
    const seq = model.generate({ conditioning, beats, chords, seed, temperature, scaleBias: -3 });
    seq.meta = { ...seq.meta, prompt: prompt.slice(0, 500) };
    const out = resolve(values.out!);
    mkdirSync(out, { recursive: true });
    const name = `${slug(prompt)}-s${seed}`;
    const midi = join(out, `${name}.mid`);
    const json = join(out, `${name}.json`);
    const wav = join(out, `${name}.wav`);
    const png = join(out, `${name}.png`);
    writeFileSync(midi, sequenceToMidi(seq, { name: prompt.slice(0, 60) }));
    const audio = await renderWav(seq, await loadSoundfont());
    writeFileSync(wav, audio.wav);
    writeFileSync(png, pianoRollPng(seq));
    const key = `${PITCH_CLASS_NAMES[c.key.tonic]} ${c.key.mode}`;
    writeFileSync(
      json,
      JSON.stringify(
        {
          prompt,
          seed,
          temperature,
          model: model.version,
          embedding: toJson(result),
          conditioning,
          chords,
          sequence: seq,
        },
        null,
        2,
      ),
    );
    model.dispose();
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
