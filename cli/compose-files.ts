/**
 * What `generate` and `score-script` share: their options, and writing a composed piece as `.mid`,
 * `.wav`, `.png` and `.json` with a printed (or JSON) summary.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sequenceToMidi } from '../core/codec/midi';
import type { ComposeRequest } from '../core/compose';
import { compose, resultDocument, SECONDS_RANGE } from '../core/compose';
import { UsageError } from '../core/errors';
import { renderWav } from '../core/render';
import { durationSeconds } from '../core/sequence';
import { loadModel, SHIPPED_MODEL } from './model-files';
import { loadSoundfont } from './render/files';
import { pianoRollPng } from './render/png';
import type { PictureValues } from './picture-files';
import { pictureLines, writePictureFiles } from './picture-files';

/** `parseArgs` options common to the composing commands. */
export const COMPOSE_OPTIONS = {
  seconds: { type: 'string' },
  seed: { type: 'string', default: '1' },
  temperature: { type: 'string', default: '0.9' },
  out: { type: 'string', default: 'out' },
  model: { type: 'string' },
  json: { type: 'boolean', default: false },
  loop: { type: 'boolean', default: false },
} as const;

/** Usage lines for {@link COMPOSE_OPTIONS}. */
export const COMPOSE_USAGE = `  --seconds S      length (1-600); default: a length in the prompt or script, else 30
  --seed N         variation; the same prompt and seed give the same music (default 1)
  --temperature T  sampling temperature in (0, 3] (default 0.9)
  --loop           the end flows back into the start (no intro, ending or fade)
  --out DIR        output folder (default out)
  --model DIR      model folder (default: the shipped one)
  --json           last stdout line: {"midi","wav","json","png","seconds","tempo","key"}`;

/** Parsed values of {@link COMPOSE_OPTIONS} (and of the picture options, `PICTURE_OPTIONS`). */
export interface ComposeValues extends PictureValues {
  seconds?: string;
  seed?: string;
  temperature?: string;
  out?: string;
  model?: string;
  json?: boolean;
  loop?: boolean;
}

export { slug } from '../core/compose';

/**
 * Composes `request` with the options' settings and writes `<out>/<name>-s<seed>.{mid,wav,png,json}`.
 * @throws {UsageError} on a bad --seed, --temperature or --seconds.
 */
export async function composeToFiles(
  request: Pick<ComposeRequest, 'prompt' | 'markers' | 'cuts' | 'speech' | 'cutdowns'>,
  name: string,
  values: ComposeValues,
): Promise<number> {
  const seed = Number(values.seed ?? 1);
  const temperature = Number(values.temperature ?? 0.9);
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError('--seed takes a whole number >= 0');
  if (!(temperature > 0 && temperature <= 3)) throw new UsageError('--temperature takes a number in (0, 3]');
  const seconds = values.seconds !== undefined ? Number(values.seconds) : undefined;
  const [shortest, longest] = SECONDS_RANGE;
  if (seconds !== undefined && !(seconds >= shortest && seconds <= longest))
    throw new UsageError(`--seconds takes a number from ${shortest} to ${longest}`);
  const model = await loadModel(values.model ?? SHIPPED_MODEL);
  const r = (() => {
    try {
      return compose(model, { ...request, seconds, seed, temperature, loop: values.loop ?? false });
    } finally {
      model.dispose();
    }
  })();
  const seq = r.sequence;
  const out = resolve(values.out ?? 'out');
  mkdirSync(out, { recursive: true });
  const base = join(out, `${name}-s${seed}`);
  const files = { midi: `${base}.mid`, wav: `${base}.wav`, json: `${base}.json`, png: `${base}.png` };
  writeFileSync(files.midi, sequenceToMidi(seq, { name: r.prompt.slice(0, 60) }));
  const audio = await renderWav(seq, await loadSoundfont(), { loop: r.plan.loop });
  writeFileSync(files.wav, audio.wav);
  writeFileSync(files.png, pianoRollPng(seq));
  writeFileSync(files.json, JSON.stringify(resultDocument(r), null, 2));
  const picture = await writePictureFiles(r, base, values);
  const summary = {
    ...files,
    ...picture,
    seconds: Number(durationSeconds(seq).toFixed(3)),
    tempo: Number(r.tempo.toFixed(2)),
    key: r.key,
  };
  if (values.json) console.log(JSON.stringify(summary));
  else {
    const roles = seq.tracks.map((t) => t.role).join(', ');
    console.log(
      `${seq.notes.length} notes, ${summary.seconds} s at ${summary.tempo} bpm in ${r.key} (${roles})`,
    );
    const form = r.plan.sections.map((s) => `${s.kind} ${s.end - s.start}`).join(', ');
    console.log(`  form (beats): ${form}${r.plan.loop ? ', looping' : ''}`);
    for (const line of [...pictureLines(r), ...r.embedding.explanation]) console.log(`  ${line}`);
    console.log(`audio: ${audio.lufs.toFixed(1)} LUFS, peak ${audio.peakDbfs.toFixed(1)} dBFS`);
    console.log(`-> ${files.midi}\n-> ${files.wav}\n-> ${files.png}\n-> ${files.json}`);
    for (const path of Object.values(picture.stems ?? {})) console.log(`-> ${path}`);
    for (const c of picture.cutdowns ?? [])
      console.log(`-> ${String(c.seconds)} s cutdown: ${String(c.wav)}`);
  }
  return 0;
}
