/**
 * Timed input: SRT/WebVTT captions, marker lists, Premiere-style transcript JSON, time-coded script lines and
 * plain multi-sentence scripts, all turned into {@link Cue}s (start, end, text).
 */
import { parseTime, sentences } from './text';
import type { Cue, MarkerInput, TimeSpan } from './types';

/** What kind of input a text was read as. */
export type InputKind = 'prompt' | 'script' | 'srt' | 'markers' | 'transcript';

/** Input read as cues; `timed` is false when times were estimated from the speaking rate. */
export interface TimedInput {
  kind: InputKind;
  cues: Cue[];
  timed: boolean;
  /** Edit points (seconds) listed in a marker JSON's `cuts`, sorted. */
  cuts?: number[];
}

const CUE_TIME = String.raw`((?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3})`;
const SRT_LINE = new RegExp(String.raw`^\s*${CUE_TIME}\s*-->\s*${CUE_TIME}`);
const CODED_LINE =
  /^\s*[[(]?((?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)(?:\s*(?:-|–|to|-->)\s*((?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?))?[\])]?\s*[-–:|]?\s*(.*)$/;
const rec = (x: unknown): Record<string, unknown> | undefined =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
const str = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : '');

/** Parses SRT or WebVTT captions. Cues without text are dropped. */
export function parseSrt(text: string): Cue[] {
  const cues: Cue[] = [];
  let current: Cue | undefined;
  for (const line of text.split(/\r?\n/)) {
    const m = SRT_LINE.exec(line);
    if (m) {
      current = {
        start: parseTime(m[1].replace(',', '.')) ?? 0,
        end: parseTime(m[2].replace(',', '.')) ?? 0,
        text: '',
      };
      cues.push(current);
    } else if (!line.trim()) current = undefined;
    else if (current)
      current.text += (current.text ? ' ' : '') + line.replace(/\{\\[^}]{0,40}\}/g, '').trim();
  }
  return cues.filter((c) => c.text && c.end >= c.start);
}

/** Turns markers ({name, comments, start, duration}) into cues; a marker without duration lasts until the next. */
export function parseMarkers(markers: readonly MarkerInput[]): Cue[] {
  const rows = markers
    .map((m) => ({
      start: parseTime(m?.start),
      duration: parseTime(m?.duration) ?? 0,
      text: [str(m?.name), str(m?.comments)].filter(Boolean).join('. '),
    }))
    .filter((m): m is { start: number; duration: number; text: string } => m.start !== null)
    .sort((a, b) => a.start - b.start);
  return rows.map((m, i) => {
    const next = rows[i + 1]?.start;
    const end =
      m.duration > 0 ? m.start + m.duration : next !== undefined && next > m.start ? next : m.start + 5;
    return { start: m.start, end, text: m.text };
  });
}

/** Reads a transcript JSON ({segments: [{start, duration | end, text | words: [{text}]}]}) into cues. */
export function parseTranscript(json: unknown): Cue[] {
  const root = rec(json);
  const list = root?.segments ?? root?.results ?? root?.transcript;
  if (!Array.isArray(list)) return [];
  const cues: Cue[] = [];
  for (const item of list) {
    const seg = rec(item);
    if (!seg) continue;
    const words = Array.isArray(seg.words)
      ? seg.words.map((w) => str(rec(w)?.text ?? rec(w)?.word)).join(' ')
      : '';
    const text = str(seg.text) || words;
    const start = parseTime(seg.start ?? seg.startTime ?? seg.begin);
    if (start === null || !text.trim()) continue;
    const end = parseTime(seg.end ?? seg.endTime) ?? start + (parseTime(seg.duration) ?? 0);
    cues.push({ start, end: Math.max(end, start), text: text.replace(/\s+([.,!?;:])/g, '$1') });
  }
  return cues;
}

/** Reads lines that start with a time code ("0:05 - drop", "[00:15-00:30] calm") into cues; [] if under two. */
export function parseCodedLines(text: string): Cue[] {
  const rows: { start: number; end: number | null; text: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = CODED_LINE.exec(line);
    if (m)
      rows.push({
        start: parseTime(m[1].replace(',', '.')) ?? 0,
        end: m[2] ? parseTime(m[2].replace(',', '.')) : null,
        text: m[3],
      });
    else if (rows.length > 0 && line.trim()) rows[rows.length - 1].text += ' ' + line.trim();
  }
  if (rows.length < 2) return [];
  return rows.map((r, i) => ({
    start: r.start,
    end: r.end ?? rows[i + 1]?.start ?? r.start + 5,
    text: r.text,
  }));
}

/** Splits a script into sentences timed by word count at `wordsPerSecond`, scaled to `seconds` when known. */
export function splitScript(text: string, wordsPerSecond: number, seconds: number | null): Cue[] {
  const parts = sentences(text);
  const counts = parts.map((p) => Math.max(1, p.split(/\s+/).length));
  const total = counts.reduce((a, b) => a + b, 0);
  const length = seconds ?? total / wordsPerSecond;
  let t = 0;
  return parts.map((p, i) => {
    const d = (counts[i] / total) * length;
    const cue = { start: r3(t), end: r3(t + d), text: p };
    t += d;
    return cue;
  });
}
const r3 = (x: number) => Math.round(x * 1000) / 1000;

function fromJson(text: string): TimedInput | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const root = rec(json);
  const markers = Array.isArray(json) ? json : Array.isArray(root?.markers) ? root.markers : undefined;
  const cuts = cutsOf(root?.cuts);
  if (markers)
    return {
      kind: 'markers',
      cues: parseMarkers(markers as MarkerInput[]),
      timed: true,
      ...(cuts && { cuts }),
    };
  const cues = parseTranscript(json);
  return root ? { kind: 'transcript', cues, timed: true } : undefined;
}

/**
 * Reads a prompt as timed input when it is one: JSON markers or transcript, SRT/VTT, time-coded lines, or a
 * script of several sentences. A single sentence is a plain prompt with no cues.
 */
export function readTimed(text: string, wordsPerSecond: number, seconds: number | null): TimedInput {
  const trimmed = text.trim();
  if (/^[[{]/.test(trimmed)) {
    const json = fromJson(trimmed);
    if (json) return json;
  }
  if (/-->/.test(trimmed)) {
    const cues = parseSrt(trimmed);
    if (cues.length > 0) return { kind: 'srt', cues, timed: true };
  }
  const coded = parseCodedLines(trimmed);
  if (coded.length > 0) return { kind: 'script', cues: coded, timed: true };
  const script = splitScript(trimmed, wordsPerSecond, seconds);
  if (script.length > 1) return { kind: 'script', cues: script, timed: seconds !== null };
  return { kind: 'prompt', cues: [], timed: false };
}

/** Most cuts read from one input. */
const MAX_CUTS = 500;

/** The edit points of a `cuts` list (seconds or time codes), sorted; undefined when there is no list. */
export function cutsOf(list: unknown): number[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const times = list
    .slice(0, MAX_CUTS)
    .map((x) => parseTime(x))
    .filter((t): t is number => t !== null);
  return [...new Set(times)].sort((a, b) => a - b);
}

/** Gaps shorter than this between two spoken cues are one span of speech, in seconds. */
const SPEECH_GAP = 0.25;

/**
 * The spans of speech in timed text (a transcript JSON, `.srt`/`.vtt`, marker JSON or time-coded lines):
 * one span per cue, neighbours closer than a quarter second joined. Untimed text has none.
 */
export function speechSpans(text: string): TimeSpan[] {
  const input = readTimed(text, 2.5, null);
  if (!input.timed) return [];
  const spans: TimeSpan[] = [];
  for (const c of [...input.cues].sort((a, b) => a.start - b.start)) {
    const last = spans[spans.length - 1];
    if (c.end <= c.start) continue;
    if (last && c.start - last.end < SPEECH_GAP) last.end = Math.max(last.end, c.end);
    else spans.push({ start: c.start, end: c.end });
  }
  return spans;
}

/** Merges neighbouring cues so that at most `max` remain. */
export function limitCues(cues: Cue[], max: number): Cue[] {
  if (cues.length <= max) return cues;
  const per = Math.ceil(cues.length / Math.max(1, max));
  const out: Cue[] = [];
  for (let i = 0; i < cues.length; i += per) {
    const group = cues.slice(i, i + per);
    out.push({
      start: group[0].start,
      end: group[group.length - 1].end,
      text: group.map((c) => c.text).join(' '),
    });
  }
  return out;
}
