/**
 * Scoring to picture in the CLI: the options `--hits`, `--voice-over`, `--stems` and `--cutdowns` of
 * `generate` and `score-script`, read into the request, and the extra files they ask for (one WAV per
 * role beside the mix; a `.mid`, `.wav`, `.png` and `.json` per cutdown).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { sequenceToMidi } from '../core/codec/midi';
import type { ComposeRequest, ComposeResult, CutdownRequest } from '../core/compose';
import { resultDocument } from '../core/compose';
import { parseTime, speechSpans } from '../core/embed';
import { UsageError } from '../core/errors';
import { renderStems, renderWav } from '../core/render';
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
 * The request fields of the picture options: cuts, speech spans read from the voice-over file, cutdowns.
 * @throws {UsageError} when the voice-over file cannot be read or has no timed speech, or a list is malformed.
 */
export function pictureRequest(values: PictureValues): Pick<ComposeRequest, 'cuts' | 'speech' | 'cutdowns'> {
  const out: Pick<ComposeRequest, 'cuts' | 'speech' | 'cutdowns'> = {};
  if (values.hits !== undefined) out.cuts = times(values.hits, '--hits');
  if (values.cutdowns !== undefined) out.cutdowns = cutdownList(values.cutdowns);
  const file = values['voice-over'];
  if (file !== undefined) {
    let text: string;
    try {
      const bytes = readFileSync(file);
      if (bytes.length > MAX_VOICE_BYTES)
        throw new UsageError(`--voice-over: ${file} is over ${MAX_VOICE_BYTES} bytes`);
      text = bytes.toString('utf8');
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(
        `--voice-over: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    out.speech = speechSpans(text);
    if (out.speech.length === 0)
      throw new UsageError(
        `--voice-over: ${file} has no timed speech (give a transcript JSON, .srt/.vtt or time-coded lines)`,
      );
  }
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

/** Writes one WAV per role beside `<base>.wav`; returns the paths by role. */
async function writeStems(r: ComposeResult, base: string): Promise<Record<string, string>> {
  const { stems } = await renderStems(r.sequence, await loadSoundfont(), { loop: r.plan.loop });
  const paths: Record<string, string> = {};
  for (const [role, wav] of Object.entries(stems)) {
    paths[role] = `${base}-${role}.wav`;
    writeFileSync(paths[role], wav);
  }
  return paths;
}

/** Writes a cutdown's `.mid`, `.wav`, `.png` and `.json` (and its stems); returns the paths. */
async function writeCutdown(
  c: ComposeResult,
  base: string,
  stems: boolean,
): Promise<Record<string, unknown>> {
  const files = { midi: `${base}.mid`, wav: `${base}.wav`, png: `${base}.png`, json: `${base}.json` };
  writeFileSync(files.midi, sequenceToMidi(c.sequence, { name: c.prompt.slice(0, 60) }));
  writeFileSync(files.wav, (await renderWav(c.sequence, await loadSoundfont(), { loop: c.plan.loop })).wav);
  writeFileSync(files.png, pianoRollPng(c.sequence));
  writeFileSync(files.json, JSON.stringify(resultDocument(c), null, 2));
  return { seconds: c.seconds, ...files, ...(stems && { stems: await writeStems(c, base) }) };
}

/**
 * Writes what the picture options ask beyond the main files of `<base>`: stems, and each cutdown as
 * `<base>-<L>s.*`. Returns the paths written, for the summary.
 */
export async function writePictureFiles(
  r: ComposeResult,
  base: string,
  values: PictureValues,
): Promise<{ stems?: Record<string, string>; cutdowns?: Record<string, unknown>[] }> {
  const out: { stems?: Record<string, string>; cutdowns?: Record<string, unknown>[] } = {};
  if (values.stems) out.stems = await writeStems(r, base);
  if (r.cutdowns?.length) {
    out.cutdowns = [];
    const used = new Map<number, number>();
    for (const c of r.cutdowns) {
      const n = (used.get(c.seconds) ?? 0) + 1;
      used.set(c.seconds, n);
      const name = `${base}-${c.seconds}s${n > 1 ? `-${n}` : ''}`;
      out.cutdowns.push(await writeCutdown(c, name, !!values.stems));
    }
  }
  return out;
}
