/**
 * Timed input: SRT/WebVTT captions, marker lists, Premiere-style transcript JSON, time-coded script lines and
 * plain multi-sentence scripts, all turned into {@link Cue}s (start, end, text). The formats themselves are
 * read (strictly) in `formats.ts`.
 */
import type { InputKind } from './formats';
import { readScript } from './formats';
import { sentences } from './text';
import type { Cue } from './types';

export type { InputKind } from './formats';
export { parseCodedLines, parseMarkers, parseSrt, parseTranscript } from './formats';

/** Input read as cues; `timed` is false when times were estimated from the speaking rate. */
export interface TimedInput {
  kind: InputKind;
  cues: Cue[];
  timed: boolean;
  /** What reading changed or left out (dropped cues, sorted cues, a format read as text). */
  notes: string[];
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
  if (reading.format !== 'text') return { kind: reading.kind, cues: reading.cues, timed: true, notes };
  const script = splitScript(trimmed, wordsPerSecond, seconds);
  if (script.length > 1) return { kind: 'script', cues: script, timed: seconds !== null, notes };
  return { kind: 'prompt', cues: [], timed: false, notes };
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
