/**
 * What `generate` and `score-script` share: their options, and writing a composed piece as `.mid`,
 * `.wav`, `.png` and `.json` (one set, named uniquely, written whole or not at all) with a printed (or
 * JSON) summary.
 */
import { resolve } from 'node:path';
import { sequenceToMidi } from '../core/codec/midi';
import type { ComposeRequest, ComposeResult } from '../core/compose';
import { compose, resultDocument, SECONDS_RANGE } from '../core/compose';
import { PromptError } from '../core/errors';
import { resultName } from '../core/naming';
import { renderWav } from '../core/render';
import { durationSeconds } from '../core/sequence';
import { numberOption, textOption } from './command';
import { loadModel, SHIPPED_MODEL } from './model-files';
import { ResultSet } from './output';
import { loadSoundfont } from './render/files';
import { pianoRollPng } from './render/png';
import type { PictureValues } from './picture-files';
import { pictureExtras, pictureLines, pictureSummary } from './picture-files';

/** `parseArgs` options common to the composing commands. */
export const COMPOSE_OPTIONS = {
  seconds: { type: 'string' },
  seed: { type: 'string', default: '1' },
  temperature: { type: 'string', default: '0.9' },
  out: { type: 'string', default: 'out' },
  model: { type: 'string' },
  json: { type: 'boolean', default: false },
  loop: { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
} as const;

/** Usage lines for {@link COMPOSE_OPTIONS}. */
export const COMPOSE_USAGE = `  --seconds S      length (1-600); default: a length in the prompt or script, else 30
  --seed N         variation; the same prompt and seed give the same music (default 1)
  --temperature T  sampling temperature in (0, 3] (default 0.9)
  --loop           the end flows back into the start (no intro, ending or fade)
  --out DIR        output folder (default out)
  --force          replace an earlier result of the same request instead of adding "-2", "-3"...
  --model DIR      model folder (default: the shipped one)
  --json           last stdout line: {"midi","wav","json","png","seconds","tempo","key"}

Results are named <words of the prompt>-s<seed>-<hash of the prompt and settings, --model included>; a
name already taken gets "-2", "-3"..., so nothing is overwritten without --force. Files appear only when
all are written.`;

/** Parsed values of {@link COMPOSE_OPTIONS} (and of the picture options, `PICTURE_OPTIONS`). */
export interface ComposeValues extends PictureValues {
  seconds?: string;
  seed?: string;
  temperature?: string;
  out?: string;
  model?: string;
  json?: boolean;
  loop?: boolean;
  force?: boolean;
}

/** The composing settings read from {@link ComposeValues}. */
export interface ComposeSettings {
  seed: number;
  temperature: number;
  seconds?: number;
  loop: boolean;
  out: string;
  model: string;
  force: boolean;
  json: boolean;
}

/**
 * Reads the composing options strictly.
 * @throws {UsageError} on a bad --seed, --temperature, --seconds, or an empty --out or --model.
 */
export function composeSettings(values: ComposeValues): ComposeSettings {
  const [shortest, longest] = SECONDS_RANGE;
  return {
    seed: numberOption(values.seed ?? '1', 'seed', { integer: true, min: 0, max: 2 ** 32 - 1 })!,
    temperature: numberOption(values.temperature ?? '0.9', 'temperature', { min: 0, above: true, max: 3 })!,
    seconds: numberOption(values.seconds, 'seconds', { min: shortest, max: longest }),
    loop: values.loop ?? false,
    out: textOption(values.out, 'out') ?? 'out',
    model: textOption(values.model, 'model') ?? SHIPPED_MODEL,
    force: values.force ?? false,
    json: values.json ?? false,
  };
}

function composeOrExplain(
  model: Awaited<ReturnType<typeof loadModel>>,
  request: ComposeRequest,
  given: boolean,
): ComposeResult {
  try {
    return compose(model, request);
  } catch (err) {
    if (err instanceof PromptError && err.field === 'seconds' && !given)
      throw new PromptError(`${err.message}; or give the length with --seconds S`, 'seconds');
    throw err;
  } finally {
    model.dispose();
  }
}

/** What a command adds to the standard set: more files, and the settings that change them. */
export interface ComposeExtras {
  /** Settings beyond the standard ones that change the result (hashed into its name). */
  settings?: Record<string, unknown>;
  /** Adds more files to the set (`add('-stems.zip', bytes)`); they appear with the others, or none do. */
  files?: (r: ComposeResult, add: (suffix: string, data: Uint8Array) => void) => Promise<void> | void;
}

/**
 * Composes `request` with the options' settings and writes `<out>/<name>.{mid,wav,png,json}` (and the
 * extras' files) as one set, `<name>` from `label` (the prompt, or a script's file name) and a hash of the
 * request and settings.
 * @throws {UsageError} on bad options.
 * @throws {FileError} when --out cannot be written (nothing is then written).
 * @throws {PromptError} when the prompt cannot be composed (an empty prompt, a length out of range).
 * @throws {ModelLoadError} when the model cannot be loaded.
 */
export async function composeToFiles(
  request: Pick<ComposeRequest, 'prompt' | 'markers' | 'cuts' | 'speech' | 'cutdowns'>,
  label: string,
  values: ComposeValues,
  extras: ComposeExtras = {},
): Promise<number> {
  const o = composeSettings(values);
  const { seed, temperature, seconds, loop } = o;
  const more = pictureExtras(request, values, extras);
  const text = request.prompt ?? JSON.stringify(request.markers ?? []);
  // Another model writes another result: its folder is one of the settings that name it.
  const extra =
    resolve(o.model) === resolve(SHIPPED_MODEL)
      ? more.settings
      : { ...more.settings, model: resolve(o.model) };
  const name = resultName(label, { seed, temperature, seconds, loop, extra }, text);
  const set = ResultSet.open(o.out, name, { force: o.force });
  let files: Record<string, string>;
  let r: ComposeResult;
  let audio: Awaited<ReturnType<typeof renderWav>>;
  try {
    const model = await loadModel(o.model);
    r = composeOrExplain(model, { ...request, seconds, seed, temperature, loop }, seconds !== undefined);
    set.add('.mid', sequenceToMidi(r.sequence, { name: r.prompt.slice(0, 60) }));
    audio = await renderWav(r.sequence, await loadSoundfont(), { loop: r.plan.loop });
    set.add('.wav', audio.wav);
    set.add('.png', pianoRollPng(r.sequence));
    set.add('.json', new TextEncoder().encode(JSON.stringify(resultDocument(r), null, 2)));
    await more.files?.(r, (suffix, data) => set.add(suffix, data));
    await interruptible();
    files = set.commit();
  } finally {
    if (!set.closed) set.abort();
  }
  report(r, audio, files, o.json);
  return 0;
}

/** Lets a pending Ctrl-C be handled (it removes the set) before the set is committed. */
const interruptible = (): Promise<void> => new Promise((done) => setImmediate(done));

function report(
  r: ComposeResult,
  audio: { lufs: number; peakDbfs: number },
  paths: Record<string, string>,
  json: boolean,
): void {
  const seq = r.sequence;
  const files = { midi: paths['.mid'], wav: paths['.wav'], png: paths['.png'], json: paths['.json'] };
  const picture = pictureSummary(r, paths);
  const summary = {
    ...files,
    ...picture,
    seconds: Number(durationSeconds(seq).toFixed(3)),
    tempo: Number(r.tempo.toFixed(2)),
    key: r.key,
  };
  if (json) {
    console.log(JSON.stringify(summary));
    return;
  }
  const roles = seq.tracks.map((t) => t.role).join(', ');
  console.log(
    `${seq.notes.length} notes, ${summary.seconds} s at ${summary.tempo} bpm in ${r.key} (${roles})`,
  );
  const form = r.plan.sections.map((s) => `${s.kind} ${s.end - s.start}`).join(', ');
  console.log(`  form (beats): ${form}${r.plan.loop ? ', looping' : ''}`);
  for (const line of [...pictureLines(r), ...r.embedding.explanation]) console.log(`  ${line}`);
  console.log(`audio: ${audio.lufs.toFixed(1)} LUFS, peak ${audio.peakDbfs.toFixed(1)} dBFS`);
  console.log(
    Object.values(paths)
      .map((f) => `-> ${f}`)
      .join('\n'),
  );
}
