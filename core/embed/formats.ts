/**
 * The timed formats a script can come in, detected and read strictly: JSON (a marker list or a transcript,
 * either with the picture's edit points in a `cuts` list), SRT and WebVTT captions, time-coded lines, or
 * plain text. A file that looks like a format but does not follow it is refused with the line and the reason ({@link ScriptError}); single cues that break it are
 * left out and reported. The embedder reads leniently through {@link readScript}: what strict reading
 * would refuse is read as plain text, with the reason as a note.
 */
import { ScriptError } from '../errors';
import type { CueReading, DroppedCue } from './captions';
import { looksCoded, readCaptions, readCodedLines } from './captions';
import { parseTime } from './text';
import type { Cue, MarkerInput } from './types';

export type { CueReading, DroppedCue } from './captions';
export { readCaptions, readCodedLines } from './captions';

/** What kind of input a text was read as. */
export type InputKind = 'prompt' | 'script' | 'srt' | 'markers' | 'transcript';

/** The formats {@link detectFormat} tells apart. */
export type ScriptFormat = 'json' | 'srt' | 'vtt' | 'coded' | 'text';

/** A script read by its format: cues (none for plain text), what was left out, and notes. */
export interface ScriptReading extends CueReading {
  format: ScriptFormat;
  kind: InputKind;
  /** Edit points (seconds) listed in a JSON object's `cuts`, sorted, when it has that list. */
  cuts?: number[];
}

const rec = (x: unknown): Record<string, unknown> | undefined =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
const kindOf = (x: unknown): string => (x === null ? 'null' : Array.isArray(x) ? 'a list' : `a ${typeof x}`);

/** The format of a text, from its file name's extension when it names one, else from its content. */
export function detectFormat(text: string, fileName = ''): ScriptFormat {
  const ext = /\.(json|srt|vtt)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext) return ext as ScriptFormat;
  const t = text.replace(/^\ufeff/, '').trimStart();
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(t)) return 'vtt';
  if (/^\{/.test(t) || /^\[\s*(?:[{\]"]|$)/.test(t)) return 'json';
  if (/^\s*\d\S*\s*-->\s*\S+/m.test(t)) return 'srt';
  return looksCoded(t) ? 'coded' : 'text';
}

/** Where a JSON.parse error is, as "line L, column C", from V8's message. */
function jsonWhere(text: string, message: string): { line: number; where: string } {
  const pos = /position (\d+)/.exec(message);
  const at = pos ? Number(pos[1]) : text.length;
  const before = text.slice(0, at).split(/\r\n|\r|\n/);
  const line = before.length;
  return { line, where: `line ${line}, column ${before[before.length - 1].length + 1}` };
}

/**
 * Parses JSON text.
 * @throws {ScriptError} with the line, column and reason (a truncated file says so).
 */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const { line, where } = jsonWhere(text, message);
    const pos = /position (\d+)/.exec(message);
    const end =
      /end of (JSON|data)|Unterminated/i.test(message) || !pos || Number(pos[1]) >= text.trimEnd().length;
    const why = end
      ? 'the JSON ends too soon (is the file cut short?)'
      : message.replace(/ in JSON at position \d+.*$/, '');
    throw new ScriptError(`not valid JSON at ${where}: ${why}`, line);
  }
}

function timeField(
  o: Record<string, unknown>,
  keys: string[],
  label: string,
  required: boolean,
): number | string | null {
  const key = keys.find((k) => o[k] !== undefined);
  if (key === undefined) return required ? `has no ${label}` : null;
  const t = parseTime(o[key]);
  return t === null
    ? `${label} ${JSON.stringify(o[key])?.slice(0, 40)} is not a time (seconds, or "mm:ss")`
    : t;
}

function textField(o: Record<string, unknown>, key: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return '';
  return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
}

/** Reads a marker list ({name, comments, start, duration}); bad markers are left out and reported. */
export function readMarkerList(markers: readonly unknown[]): CueReading {
  const dropped: DroppedCue[] = [];
  const rows: { start: number; duration: number; text: string }[] = [];
  markers.forEach((item, i) => {
    const m = rec(item);
    const fail = (reason: string) => dropped.push({ item: i + 1, reason });
    if (!m) return fail(`is ${kindOf(item)}, not a marker object`);
    const start = timeField(m, ['start'], 'start', true);
    const duration = timeField(m, ['duration'], 'duration', false);
    const [name, comments] = [textField(m, 'name'), textField(m, 'comments')];
    if (typeof start === 'string') return fail(start);
    if (typeof duration === 'string') return fail(duration);
    if (name === null || comments === null)
      return fail(
        `${name === null ? 'name' : 'comments'} is ${kindOf(m[name === null ? 'name' : 'comments'])}, not text`,
      );
    rows.push({ start: start!, duration: duration ?? 0, text: [name, comments].filter(Boolean).join('. ') });
  });
  const notes: string[] = [];
  if (rows.some((r, i) => i > 0 && rows[i - 1].start > r.start))
    notes.push('the markers were out of order: sorted by start time');
  rows.sort((a, b) => a.start - b.start);
  const cues = rows.map((m, i) => {
    const next = rows[i + 1]?.start;
    const end =
      m.duration > 0 ? m.start + m.duration : next !== undefined && next > m.start ? next : m.start + 5;
    return { start: m.start, end, text: m.text };
  });
  return { cues, dropped, notes };
}

/** Reads a transcript ({segments: [{start, duration | end, text | words: [{text}]}]}); bad segments are reported. */
export function readTranscriptJson(json: unknown): CueReading {
  const root = rec(json);
  const list = root?.segments ?? root?.results ?? root?.transcript;
  const dropped: DroppedCue[] = [];
  const cues: Cue[] = [];
  (Array.isArray(list) ? list : []).forEach((item, i) => {
    const seg = rec(item);
    const fail = (reason: string) => dropped.push({ item: i + 1, reason });
    if (!seg) return fail(`is ${kindOf(item)}, not a segment object`);
    const words = Array.isArray(seg.words)
      ? seg.words
          .map((w) => textField(rec(w) ?? {}, rec(w)?.text !== undefined ? 'text' : 'word') ?? '')
          .join(' ')
      : '';
    const text = (textField(seg, 'text') || words).trim();
    const start = timeField(seg, ['start', 'startTime', 'begin'], 'start', true);
    const end = timeField(seg, ['end', 'endTime'], 'end', false);
    const duration = timeField(seg, ['duration'], 'duration', false);
    const bad = [start, end, duration].find((x) => typeof x === 'string');
    if (bad !== undefined) return fail(bad as string);
    if (!text) return fail('has no text');
    const stop = (end as number | null) ?? (start as number) + ((duration as number | null) ?? 0);
    if (stop < (start as number)) return fail('ends before it starts');
    cues.push({ start: start as number, end: stop, text: text.replace(/\s+([.,!?;:])/g, '$1') });
  });
  return { cues, dropped, notes: [] };
}

/** Most cuts read from one input. */
const MAX_CUTS = 500;

/**
 * The edit points of a `cuts` list (seconds or time codes), sorted, each once; entries that are not times,
 * and those past the first {@link MAX_CUTS}, are left out and reported.
 */
export function readCuts(list: readonly unknown[]): { cuts: number[]; notes: string[] } {
  const times = list.slice(0, MAX_CUTS).map((x) => parseTime(x));
  const bad = times.filter((t) => t === null).length;
  const notes: string[] = [];
  if (bad > 0) notes.push(`${bad} cut${bad === 1 ? '' : 's'} left out: not a time (seconds, or "mm:ss")`);
  if (list.length > MAX_CUTS) notes.push(`only the first ${MAX_CUTS} of ${list.length} cuts were read`);
  const cuts = [...new Set(times.filter((t): t is number => t !== null))].sort((a, b) => a - b);
  return { cuts, notes };
}

/** The edit points of a `cuts` list, sorted (see {@link readCuts}); undefined when there is no list. */
export function cutsOf(list: unknown): number[] | undefined {
  return Array.isArray(list) ? readCuts(list).cuts : undefined;
}

/** A reading with the cuts of the JSON object `root` (its `cuts` list), when it has them. */
function withCuts(r: ScriptReading, root: Record<string, unknown> | undefined): ScriptReading {
  if (!Array.isArray(root?.cuts)) return r;
  const { cuts, notes } = readCuts(root.cuts);
  return { ...r, cuts, notes: [...r.notes, ...notes] };
}

function readJson(text: string): ScriptReading {
  const json = parseJsonText(text);
  const root = rec(json);
  const list = Array.isArray(json) ? json : Array.isArray(root?.markers) ? root.markers : undefined;
  if (list) {
    if (list.length === 0) throw new ScriptError('the marker list is empty');
    return withCuts({ format: 'json', kind: 'markers', ...readMarkerList(list) }, root);
  }
  if (root && ['segments', 'results', 'transcript'].some((k) => Array.isArray(root[k])))
    return withCuts({ format: 'json', kind: 'transcript', ...readTranscriptJson(json) }, root);
  if (root && 'start' in root)
    throw new ScriptError(
      'this is a single marker object: a marker list is a JSON list, [ {...}, {...} ]',
      1,
    );
  throw new ScriptError(
    `the JSON is ${kindOf(json)}${root ? ` with keys ${Object.keys(root).slice(0, 5).join(', ') || '(none)'}` : ''}: expected a marker list ([{"name", "start", "duration"}, ...]) or a transcript ({"segments": [...]})`,
    1,
  );
}

function describe(d: DroppedCue, what: string): string {
  return `${d.line ? `line ${d.line}` : `${what} ${d.item}`}: ${d.reason}`;
}

/** Readable notes for dropped cues (the first ten, then a count). */
export function droppedNotes(r: Pick<ScriptReading, 'dropped' | 'kind'>): string[] {
  if (r.dropped.length === 0) return [];
  const what = r.kind === 'markers' ? 'marker' : r.kind === 'transcript' ? 'segment' : 'cue';
  const shown = r.dropped.slice(0, 10).map((d) => describe(d, what));
  const more = r.dropped.length > 10 ? `; and ${r.dropped.length - 10} more` : '';
  return [
    `${r.dropped.length} ${what}${r.dropped.length === 1 ? '' : 's'} left out: ${shown.join('; ')}${more}`,
  ];
}

function readStrict(text: string, format: ScriptFormat): ScriptReading {
  if (format === 'json') return readJson(text);
  if (format === 'srt' || format === 'vtt')
    return { format, kind: 'srt', ...readCaptions(text, format === 'vtt') };
  if (format === 'coded') return { format, kind: 'script', ...readCodedLines(text) };
  return { format, kind: 'prompt', cues: [], dropped: [], notes: [] };
}

/** Settings of {@link readScript}. */
export interface ReadScriptOptions {
  /** The file's name: its extension (.json, .srt, .vtt) decides the format. */
  fileName?: string;
  /** Refuse what breaks its format (else read it as plain text with a note). Default false. */
  strict?: boolean;
}

/**
 * Reads a script by its format. Plain text comes back as format `text` with no cues (the embedder splits
 * it into sentences).
 * @throws {ScriptError} only when `strict`: a format that does not parse, or of which no cue is usable.
 */
export function readScript(text: string, options: ReadScriptOptions = {}): ScriptReading {
  const format = detectFormat(text, options.fileName);
  try {
    const r = readStrict(text, format);
    if (format !== 'text' && r.cues.length === 0) {
      const what = droppedNotes(r)[0] ?? 'it has no cues';
      throw new ScriptError(
        `no part of this ${format === 'json' ? r.kind : format.toUpperCase()} input could be read: ${what}`,
        r.dropped[0]?.line,
      );
    }
    return { ...r, notes: [...r.notes, ...droppedNotes(r)] };
  } catch (err) {
    if (options.strict || !(err instanceof ScriptError)) throw err;
    const note = `${format === 'coded' ? 'time-coded lines' : format.toUpperCase()} not read (${err.message}): read as plain text`;
    return { format: 'text', kind: 'prompt', cues: [], dropped: [], notes: [note] };
  }
}

// Lenient readers for hosts that want cues only (the panel, the embedder's marker input).

/** Parses SRT or WebVTT captions leniently: the cues that follow the format (see `readCaptions`). */
export function parseSrt(text: string): Cue[] {
  try {
    return readCaptions(text, /^\ufeff?WEBVTT/.test(text.trimStart())).cues;
  } catch {
    return [];
  }
}

/** Turns markers ({name, comments, start, duration}) into cues; a marker without duration lasts until the next. */
export function parseMarkers(markers: readonly MarkerInput[]): Cue[] {
  return readMarkerList(markers).cues;
}

/** Reads a transcript JSON ({segments: [{start, duration | end, text | words: [{text}]}]}) into cues. */
export function parseTranscript(json: unknown): Cue[] {
  return readTranscriptJson(json).cues;
}

/** Reads lines that start with a time code into cues; [] if under two or if their times run backwards. */
export function parseCodedLines(text: string): Cue[] {
  try {
    const { cues } = readCodedLines(text);
    return cues.length >= 2 ? cues : [];
  } catch {
    return [];
  }
}
