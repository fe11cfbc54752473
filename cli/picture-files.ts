/**
 * Scoring to picture in the CLI: the options `--hits`, `--voice-over`, `--stems` and `--cutdowns` of
 * `generate` and `score-script`, read into the request, and the extra files they ask for (one WAV per
 * role beside the mix; a `.mid`, `.wav`, `.png` and `.json` per cutdown), added to the command's one
 * result set (`output.ts`): named with the result's name, written whole or not at all, removed on Ctrl-C.
 */
import { sequenceToMidi } from '../core/codec/midi';
import type { ComposeRequest, ComposeResult, CutdownRequest } from '../core/compose';
import { resultDocument } from '../core/compose';
import { parseTime, readSpeech } from '../core/embed';
import { FileError, ScriptError, UsageError } from '../core/errors';
import type { SliceOptions } from '../core/render';
import { renderStems, renderWav } from '../core/render';
import { ROLES } from '../core/sequence';
import type { ComposeExtras } from './compose-files';
import { readTextFile } from './input';
import { loadSoundfont } from './render/files';
import { pianoRollPng } from './render/png';

/** `parseArgs` options of scoring to picture. */
export const PICTURE_OPTIONS = {
  hits: { type: 'string' },
  'voice-over': { type: 'string' },
  stems: { type: 'boolean', default: false },
  cutdowns: { type: 'string' },
} as const;

/** Usage lines for {@link PICTURE_OPTIONS}. */
export const PICTURE_USAGE = `  --hits T,T,...   the picture's cuts (seconds or m:ss.fff): each lands on a beat, accented
                   (a marker JSON's "cuts" list does the same)
  --voice-over F   a transcript JSON, .srt/.vtt or time-coded lines: the music makes room for the speech
  --stems          also one 32-bit float WAV per role (<name>-<role>.wav), summing to the mix before its limiter
  --cutdowns L,... more versions of the same theme, e.g. 60,30,15,6; a version's own cuts after "@",
                   separated by "/": 15@3.2/7.5 (<name>-<L>s.mid/.wav/.png/.json)`;

/** Parsed values of {@link PICTURE_OPTIONS}. */
export interface PictureValues {
  hits?: string;
  'voice-over'?: string;
  stems?: boolean;
  cutdowns?: string;
}

/** Largest voice-over file read, in bytes. */
const MAX_VOICE_BYTES = 2_000_000;

/**
 * Times from a list such as "2.5,7.04,0:12.5" (separated by commas, or by `sep`).
 * @throws {UsageError} naming the first entry that is not a time.
 */
function times(text: string, option: string, sep = ','): number[] {
  return text
    .split(sep)
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => {
      const t = parseTime(x);
      if (t === null) throw new UsageError(`${option}: "${x}" is not a time in seconds (or m:ss.fff)`);
      return t;
    });
}

/**
 * The cutdowns of "60,30,15@3.2/7.5,6".
 * @throws {UsageError} on a length or cut that is not a number.
 */
function cutdownList(text: string): CutdownRequest[] {
  return text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => {
      const [length, cuts] = x.split('@');
      const seconds = Number(length);
      if (!Number.isFinite(seconds))
        throw new UsageError(`--cutdowns: "${length}" is not a length in seconds`);
      return cuts ? { seconds, cuts: times(cuts, '--cutdowns', '/') } : { seconds };
    });
}

/**
 * The speech spans of a voice-over file, read strictly by its format (a cue that breaks it is left out
 * and reported on stderr).
 * @throws {FileError} when the file cannot be read (missing, a folder, too large, not text).
 * @throws {ScriptError} when it looks like JSON, SRT, VTT or time-coded lines but breaks that format.
 * @throws {UsageError} when it holds no timed speech.
 */
function voiceOver(file: string): NonNullable<ComposeRequest['speech']> {
  const prefix = (err: unknown): unknown => {
    if (err instanceof FileError)
      return new FileError(`--voice-over: ${err.message}`, err.path, err.reason, { cause: err });
    if (err instanceof ScriptError) return new ScriptError(`--voice-over ${file}: ${err.message}`, err.line);
    return err;
  };
  let spans;
  try {
    const text = readTextFile(file, { maxBytes: MAX_VOICE_BYTES, what: 'voice-over' });
    const reading = readSpeech(text, { fileName: file, strict: true });
    for (const note of reading.notes) console.error(`audiogenesis: warning: --voice-over: ${note}`);
    spans = reading.spans;
  } catch (err) {
    throw prefix(err);
  }
  if (spans.length === 0)
    throw new UsageError(
      `--voice-over: ${file} has no timed speech (give a transcript JSON, .srt/.vtt or time-coded lines)`,
    );
  return spans;
}

/** The request fields that the picture options set. */
export type PictureFields = Pick<ComposeRequest, 'cuts' | 'speech' | 'cutdowns'>;

/**
 * The request fields of the picture options: cuts, speech spans read from the voice-over file, cutdowns.
 * @throws {UsageError} when a list is malformed or the voice-over file has no timed speech.
 * @throws {FileError} when the voice-over file cannot be read.
 * @throws {ScriptError} when the voice-over file breaks its format.
 */
export function pictureRequest(values: PictureValues): PictureFields {
  const out: PictureFields = {};
  if (values.hits !== undefined) out.cuts = times(values.hits, '--hits');
  if (values.cutdowns !== undefined) out.cutdowns = cutdownList(values.cutdowns);
  if (values['voice-over'] !== undefined) out.speech = voiceOver(values['voice-over']);
  return out;
}

/** Lines for the printed summary: the tempo map, the hits and the voice-over, when the piece has them. */
export function pictureLines(r: ComposeResult): string[] {
  const out: string[] = [];
  const bpm = r.sequence.tempos.map((t) => t.bpm);
  if (bpm.length > 1)
    out.push(
      `tempo map: ${Math.min(...bpm).toFixed(1)}-${Math.max(...bpm).toFixed(1)} bpm, ${bpm.length - 1} changes`,
    );
  const hits = r.plan.hits ?? [];
  if (hits.length > 0) {
    const downbeats = hits.filter((h) => h.downbeat).length;
    const cuts = hits.reduce((a, h) => a + h.cuts.length, 0);
    out.push(`hits: ${cuts} cuts on ${hits.length} beats (${downbeats} downbeats)`);
  }
  if ((r.plan.unplacedCuts ?? []).length > 0)
    out.push(`cuts left without a hit: ${r.plan.unplacedCuts!.join(', ')} s`);
  if ((r.plan.speech ?? []).length > 0)
    out.push(`voice-over: ${r.plan.speech!.length} spans of speech given room`);
  return [...out, ...(r.plan.notes ?? [])];
}

type Add = (suffix: string, data: Uint8Array) => void;

/** Renders give the event loop a turn now and then, so that Ctrl-C removes the set while they run. */
const INTERRUPTIBLE: SliceOptions = {
  pause: () => new Promise((done) => setImmediate(done)),
  budgetMs: 100,
};

/** The file suffix of each cutdown (`-30s`, and `-30s-2` for a second version of the same length). */
function cutdownSuffixes(r: ComposeResult): { c: ComposeResult; suffix: string }[] {
  const used = new Map<number, number>();
  return (r.cutdowns ?? []).map((c) => {
    const n = (used.get(c.seconds) ?? 0) + 1;
    used.set(c.seconds, n);
    return { c, suffix: `-${c.seconds}s${n > 1 ? `-${n}` : ''}` };
  });
}

/** Adds one WAV per role, `<suffix>-<role>.wav`. */
async function addStems(r: ComposeResult, suffix: string, add: Add): Promise<void> {
  const soundfont = await loadSoundfont();
  const { stems } = await renderStems(r.sequence, soundfont, { loop: r.plan.loop }, INTERRUPTIBLE);
  for (const [role, wav] of Object.entries(stems)) add(`${suffix}-${role}.wav`, wav);
}

/** Adds a cutdown's `.mid`, `.wav`, `.png` and `.json` (and its stems) under `suffix`. */
async function addCutdown(c: ComposeResult, suffix: string, stems: boolean, add: Add): Promise<void> {
  add(`${suffix}.mid`, sequenceToMidi(c.sequence, { name: c.prompt.slice(0, 60) }));
  const soundfont = await loadSoundfont();
  add(`${suffix}.wav`, (await renderWav(c.sequence, soundfont, { loop: c.plan.loop }, INTERRUPTIBLE)).wav);
  add(`${suffix}.png`, pianoRollPng(c.sequence));
  add(`${suffix}.json`, new TextEncoder().encode(JSON.stringify(resultDocument(c), null, 2)));
  if (stems) await addStems(c, suffix, add);
}

/**
 * The command's extras with what the picture options add: their settings (cuts, speech, cutdowns) hashed
 * into the result's name, and the stems and cutdowns as more files of the same set. Without picture
 * options, `extras` unchanged.
 */
export function pictureExtras(
  request: PictureFields,
  values: PictureValues,
  extras: ComposeExtras = {},
): ComposeExtras {
  const picture = Object.fromEntries(
    (['cuts', 'speech', 'cutdowns'] as const).flatMap((k) => (request[k] ? [[k, request[k]]] : [])),
  );
  const stems = values.stems ?? false;
  const changed = Object.keys(picture).length > 0;
  if (!changed && !stems) return extras;
  const settings = changed ? { ...extras.settings, picture } : extras.settings;
  return {
    ...(settings && { settings }),
    files: async (r, add) => {
      await extras.files?.(r, add);
      if (stems) await addStems(r, '', add);
      for (const { c, suffix } of cutdownSuffixes(r)) await addCutdown(c, suffix, stems, add);
    },
  };
}

/** A cutdown's files in the summary. */
interface CutdownFiles {
  seconds: number;
  midi: string;
  wav: string;
  png: string;
  json: string;
  stems?: Record<string, string>;
}

/** The stems written under `suffix`, by role (none: undefined). */
function stemPaths(paths: Record<string, string>, suffix: string): Record<string, string> | undefined {
  const found = ROLES.flatMap((role) => {
    const path = paths[`${suffix}-${role}.wav`];
    return path ? [[role, path] as const] : [];
  });
  return found.length > 0 ? Object.fromEntries(found) : undefined;
}

/** The summary's stems and cutdowns: the paths the set gave the picture files. */
export function pictureSummary(
  r: ComposeResult,
  paths: Record<string, string>,
): { stems?: Record<string, string>; cutdowns?: CutdownFiles[] } {
  const stems = stemPaths(paths, '');
  const cutdowns = cutdownSuffixes(r).map(({ c, suffix }): CutdownFiles => {
    const own = stemPaths(paths, suffix);
    return {
      seconds: c.seconds,
      midi: paths[`${suffix}.mid`],
      wav: paths[`${suffix}.wav`],
      png: paths[`${suffix}.png`],
      json: paths[`${suffix}.json`],
      ...(own && { stems: own }),
    };
  });
  return { ...(stems && { stems }), ...(cutdowns.length > 0 && { cutdowns }) };
}
