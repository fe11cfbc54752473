/**
 * Timed input: SRT/WebVTT captions, marker lists, Premiere-style transcript JSON, time-coded script lines and
 * plain multi-sentence scripts, all turned into {@link Cue}s (start, end, text). The formats themselves are
 * read (strictly) in `formats.ts`.
 */
import type { InputKind, ReadScriptOptions } from './formats';
import { readScript } from './formats';
import { sentences } from './text';
import type { Cue, TimeSpan } from './types';

export type { InputKind } from './formats';
export { cutsOf, parseCodedLines, parseMarkers, parseSrt, parseTranscript } from './formats';

/** Input read as cues; `timed` is false when times were estimated from the speaking rate. */
export interface TimedInput {
  kind: InputKind;
  cues: Cue[];
  timed: boolean;
  /** What reading changed or left out (dropped cues, sorted cues, a format read as text). */
  notes: string[];
  /** Edit points (seconds) listed in a marker JSON's `cuts`, sorted. */
  cuts?: number[];
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

/**
 * Reads a prompt as timed input when it is one: JSON markers or transcript, SRT/VTT, time-coded lines, or a
 * script of several sentences. A single sentence is a plain prompt with no cues. What breaks its format is
 * read as plain text, and dropped cues are reported, in `notes`.
 */
export function readTimed(text: string, wordsPerSecond: number, seconds: number | null): TimedInput {
  const trimmed = text.trim();
  const reading = readScript(trimmed);
  const notes = reading.notes;
  if (reading.format !== 'text') {
    const cuts = reading.cuts && { cuts: reading.cuts };
    return { kind: reading.kind, cues: reading.cues, timed: true, notes, ...cuts };
  }
  const script = splitScript(trimmed, wordsPerSecond, seconds);
  if (script.length > 1) return { kind: 'script', cues: script, timed: seconds !== null, notes };
  return { kind: 'prompt', cues: [], timed: false, notes };
}

/** Gaps shorter than this between two spoken cues are one span of speech, in seconds. */
const SPEECH_GAP = 0.25;

/** Speech read from timed text: its spans, and what reading changed or left out. */
export interface SpeechReading {
  spans: TimeSpan[];
  notes: string[];
}

/**
 * The spans of speech in timed text (a transcript JSON, `.srt`/`.vtt`, marker JSON or time-coded lines),
 * read as `formats.ts` reads a script (with `options.strict`, what breaks its format is refused): one span
 * per cue, neighbours closer than a quarter second joined. Untimed text has none.
 * @throws {ScriptError} only with `options.strict`, for a format that does not parse.
 */
export function readSpeech(text: string, options: ReadScriptOptions = {}): SpeechReading {
  const reading = readScript(text.trim(), options);
  const spans: TimeSpan[] = [];
  for (const c of [...reading.cues].sort((a, b) => a.start - b.start)) {
    const last = spans[spans.length - 1];
    if (c.end <= c.start) continue;
    if (last && c.start - last.end < SPEECH_GAP) last.end = Math.max(last.end, c.end);
    else spans.push({ start: c.start, end: c.end });
  }
  return { spans, notes: reading.notes };
}

/** The spans of speech in timed text, read leniently (see {@link readSpeech}). */
export function speechSpans(text: string): TimeSpan[] {
  return readSpeech(text).spans;
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
