/**
 * Line-based timed formats, read strictly: SRT and WebVTT captions, and script lines that start with a time
 * code ("0:05 - hero arrives", "[00:15-00:30] calm"). A cue that breaks its format is left out and
 * reported with its line number and the reason; times that run backwards are an error for time-coded
 * lines (whose ends come from the next line) and are sorted, with a note, for captions.
 */
import { ScriptError } from '../errors';
import type { Cue } from './types';

/** A cue (marker, segment, line) left out of a reading, and why. */
export interface DroppedCue {
  /** 1-based line of the file, when known. */
  line?: number;
  /** 1-based position in a JSON list, when known. */
  item?: number;
  reason: string;
}

/** Cues read from a timed format, with what was left out and notes on what was changed. */
export interface CueReading {
  cues: Cue[];
  dropped: DroppedCue[];
  notes: string[];
}

const SRT_TIME = String.raw`(\d{1,3}:)?(\d{1,2}):(\d{1,2})[,.](\d{1,3})`;
const VTT_TIME = String.raw`(\d{2,3}:)?(\d{2}):(\d{2})\.(\d{3})`;
const TIMING = /^\s*(\S+)\s*-->\s*(\S+)(?:\s+.*)?$/;
const CODE = String.raw`(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;
const CODED_LINE = new RegExp(
  String.raw`^\s*[[(]?(${CODE})(?:\s*(?:-|–|to|-->)\s*(${CODE}))?[\])]?\s*[-–:|]?\s*(.*)$`,
);

/** Splits text into lines (any line ending). */
export const lines = (text: string): string[] => text.split(/\r\n|\r|\n/);

/** Seconds of a caption time stamp ("00:01:02,500", "01:02.500"), or null when it is not one. */
export function captionTime(stamp: string, vtt: boolean): number | null {
  const m = new RegExp(`^${vtt ? VTT_TIME : SRT_TIME}$`).exec(stamp);
  if (!m) return null;
  const [h, mm, ss] = [Number((m[1] ?? '0').replace(':', '')), Number(m[2]), Number(m[3])];
  if (mm > 59 || ss > 59) return null;
  return h * 3600 + mm * 60 + ss + Number(m[4].padEnd(3, '0')) / 1000;
}

/** Seconds of a script time code ("0:05", "1:02:03", "0:05.5"), or null when minutes or seconds exceed 59. */
export function codeTime(code: string): number | null {
  const parts = code.replace(',', '.').split(':').map(Number);
  if (parts.some((p) => !Number.isFinite(p))) return null;
  if (parts.slice(1).some((p) => p >= 60)) return null;
  return parts.reduce((t, p) => t * 60 + p, 0);
}

interface Block {
  line: number;
  rows: string[];
}

function blocks(text: string): Block[] {
  const out: Block[] = [];
  let current: Block | undefined;
  lines(text).forEach((row, i) => {
    if (!row.trim()) current = undefined;
    else if (current) current.rows.push(row);
    else out.push((current = { line: i + 1, rows: [row] }));
  });
  return out;
}

/** Reads one caption block: a cue, or the reason it is left out (null for VTT comments and styles). */
function readBlock(b: Block, vtt: boolean): { cue: Cue } | DroppedCue | null {
  if (vtt && /^(NOTE|STYLE|REGION)(\s|$)/.test(b.rows[0])) return null;
  const at = b.rows.findIndex((r) => r.includes('-->'));
  if (at < 0 || at > 1)
    return { line: b.line, reason: 'no timing line such as "00:00:01,000 --> 00:00:04,000"' };
  const line = b.line + at;
  const m = TIMING.exec(b.rows[at]);
  if (!m) return { line, reason: `"${b.rows[at].trim()}" is not "start --> end"` };
  const [start, end] = [captionTime(m[1], vtt), captionTime(m[2], vtt)];
  const bad = start === null ? m[1] : end === null ? m[2] : undefined;
  if (bad !== undefined)
    return { line, reason: `"${bad}" is not a time stamp (${vtt ? 'mm:ss.ttt' : 'hh:mm:ss,mmm'})` };
  if (end! < start!) return { line, reason: `the cue ends (${m[2]}) before it starts (${m[1]})` };
  const text = b.rows
    .slice(at + 1)
    .map((r) => r.replace(/\{\\[^}]{0,40}\}/g, '').trim())
    .filter(Boolean)
    .join(' ');
  if (!text) return { line, reason: 'the cue has no text' };
  return { cue: { start: start!, end: end!, text } };
}

/** Sorts cues by start, with a note when they were out of order. */
function inOrder(cues: Cue[], notes: string[], what: string): Cue[] {
  if (cues.every((c, i) => i === 0 || cues[i - 1].start <= c.start)) return cues;
  notes.push(`the ${what} were out of order: sorted by start time`);
  return [...cues].sort((a, b) => a.start - b.start);
}

/**
 * Reads SRT or WebVTT captions. VTT needs its `WEBVTT` header line and `.` before milliseconds.
 * @throws {ScriptError} for a VTT file without its header.
 */
export function readCaptions(text: string, vtt: boolean): CueReading {
  const all = blocks(text);
  if (vtt) {
    if (!/^WEBVTT(?:[ \t].*)?$/.test(all[0]?.rows[0] ?? ''))
      throw new ScriptError('a WebVTT file starts with the line "WEBVTT"', 1);
    all.shift();
  }
  const cues: Cue[] = [];
  const dropped: DroppedCue[] = [];
  for (const b of all) {
    const r = readBlock(b, vtt);
    if (r && 'cue' in r) cues.push(r.cue);
    else if (r) dropped.push(r);
  }
  const notes: string[] = [];
  return { cues: inOrder(cues, notes, 'cues'), dropped, notes };
}

/**
 * Reads lines that start with a time code into cues; a line without one continues the one before.
 * @throws {ScriptError} when a time code is impossible ("0:75") or earlier than the one before it.
 */
export function readCodedLines(text: string): CueReading {
  const rows: { line: number; code: string; start: number; end: number | null; text: string }[] = [];
  lines(text).forEach((row, i) => {
    const m = CODED_LINE.exec(row);
    if (!m) {
      if (rows.length > 0 && row.trim()) rows[rows.length - 1].text += ' ' + row.trim();
      return;
    }
    const [start, end] = [codeTime(m[1]), m[2] ? codeTime(m[2]) : null];
    if (start === null || (m[2] && end === null))
      throw new ScriptError(
        `line ${i + 1}: "${start === null ? m[1] : m[2]}" is not a time (seconds run 0-59)`,
        i + 1,
      );
    if (end !== null && end <= start)
      throw new ScriptError(`line ${i + 1}: the part ends (${m[2]}) before it starts (${m[1]})`, i + 1);
    const before = rows[rows.length - 1];
    if (before && start < before.start)
      throw new ScriptError(
        `line ${i + 1}: ${m[1]} comes before ${before.code} on line ${before.line}: time codes must go forward`,
        i + 1,
      );
    rows.push({ line: i + 1, code: m[1], start, end, text: m[3] });
  });
  const cues = rows.map((r, i) => ({
    start: r.start,
    end: r.end ?? (rows[i + 1]?.start > r.start ? rows[i + 1].start : r.start + 5),
    text: r.text,
  }));
  return { cues, dropped: [], notes: [] };
}

/** True when at least two lines start with a time code. */
export function looksCoded(text: string): boolean {
  let n = 0;
  for (const row of lines(text)) if (CODED_LINE.test(row) && ++n >= 2) return true;
  return false;
}
