/**
 * The prompt from the timeline: the script box, the selected clips' names, the sequence's markers (timed:
 * they become the piece's sections) and the selected clip's transcript (timed, and its lines are the speech
 * the music makes room for), all made relative to the span the music fills. Untimed text alone is a
 * prompt; with timed sources everything becomes markers.
 */
import { parseTranscript } from '../core/embed';
import type { MarkerInput, TimeSpan } from '../core/embed/types';
import { PromptError } from '../core/errors';
import type { ClipInfo, MarkerInfo } from './host/types';
import type { TimelineSpan } from './timeline';

/** Which sources the editor ticked. */
export interface PromptSources {
  /** The script box's text. */
  script: string;
  clipNames: boolean;
  markers: boolean;
  transcript: boolean;
}

/** A clip's transcript as Premiere exported it. */
export interface ClipTranscript {
  clip: ClipInfo;
  /** `Transcript.exportToJSON` text. */
  json: string;
}

/** What is handed to `compose`: a text prompt, or timed markers (seconds from the span's start). */
export interface PromptInput {
  prompt?: string;
  markers?: MarkerInput[];
  /** The transcript's lines as spans of speech (seconds from the span's start); absent when none. */
  speech?: TimeSpan[];
  /** What was read, for the panel ("3 markers", "transcript of Interview.mp4: 12 lines"). */
  read: string[];
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Markers that overlap the span, cut to it and timed from its start. */
export function markersInSpan(markers: readonly MarkerInfo[], span: TimelineSpan): MarkerInput[] {
  const end = span.start + span.seconds;
  const out: MarkerInput[] = [];
  for (const m of [...markers].sort((a, b) => a.start - b.start)) {
    const mEnd = m.start + Math.max(0, m.duration);
    if (m.start >= end || (m.duration > 0 ? mEnd <= span.start : m.start < span.start)) continue;
    if (!m.name.trim() && !m.comments.trim()) continue;
    const start = Math.max(m.start, span.start);
    const input: MarkerInput = { name: m.name, comments: m.comments, start: r3(start - span.start) };
    if (m.duration > 0) input.duration = r3(Math.min(mEnd, end) - start);
    out.push(input);
  }
  return out;
}

/**
 * A clip's transcript lines as markers: source times become sequence times through the clip's position
 * and in point; lines outside the clip or the span are dropped.
 */
export function transcriptMarkers(t: ClipTranscript, span: TimelineSpan): MarkerInput[] {
  let json: unknown;
  try {
    json = JSON.parse(t.json);
  } catch {
    return [];
  }
  const offset = t.clip.start - t.clip.sourceIn;
  const lo = Math.max(t.clip.start, span.start);
  const hi = Math.min(t.clip.end, span.start + span.seconds);
  const out: MarkerInput[] = [];
  for (const cue of parseTranscript(json)) {
    const start = Math.max(cue.start + offset, lo);
    const end = Math.min(cue.end + offset, hi);
    if (start >= hi || end < start) continue;
    out.push({ name: cue.text, start: r3(start - span.start), duration: r3(Math.max(0, end - start)) });
  }
  return out;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Builds the composer's input from the ticked sources.
 * @throws {PromptError} when the ticked sources hold no text at all.
 */
export function buildPrompt(
  sources: PromptSources,
  context: { span: TimelineSpan; markers: readonly MarkerInfo[]; clips: readonly ClipInfo[] },
  transcripts: readonly ClipTranscript[] = [],
): PromptInput {
  const read: string[] = [];
  const untimed: string[] = [];
  const script = sources.script.trim();
  if (script) {
    untimed.push(script);
    read.push('the script box');
  }
  if (sources.clipNames) {
    const names = [...new Set(context.clips.map((c) => c.name.trim()).filter(Boolean))];
    if (names.length > 0) {
      untimed.push(names.join('. '));
      read.push(`${plural(names.length, 'clip name')}`);
    }
  }
  const timed: MarkerInput[] = [];
  const speech: TimeSpan[] = [];
  if (sources.markers) {
    const m = markersInSpan(context.markers, context.span);
    if (m.length > 0) read.push(plural(m.length, 'marker'));
    timed.push(...m);
  }
  if (sources.transcript)
    for (const t of transcripts) {
      const lines = transcriptMarkers(t, context.span);
      if (lines.length > 0) read.push(`the transcript of ${t.clip.name} (${plural(lines.length, 'line')})`);
      timed.push(...lines);
      for (const l of lines)
        if (Number(l.duration) > 0)
          speech.push({ start: Number(l.start), end: r3(Number(l.start) + Number(l.duration)) });
    }
  if (timed.length === 0 && untimed.length === 0)
    throw new PromptError(
      'There is nothing to read yet: type a prompt in the script box, or tick a source (clip names, markers, transcript) that has text.',
    );
  if (timed.length === 0) return { prompt: untimed.join('\n'), read };
  timed.sort((a, b) => Number(a.start) - Number(b.start));
  // A point marker lasts until the next one; the last one, until the end of the span.
  const last = timed[timed.length - 1];
  if (!(Number(last.duration) > 0))
    last.duration = r3(Math.max(0, context.span.seconds - Number(last.start)));
  if (untimed.length > 0) {
    // The untimed text leads: its own section before the first timed one, or the first section's words.
    const text = untimed.join('. ');
    const first = timed[0];
    if (Number(first.start) >= 0.5)
      timed.unshift({ name: text, comments: '', start: 0, duration: Number(first.start) });
    else
      timed[0] = { ...first, name: text, comments: [first.name, first.comments].filter(Boolean).join('. ') };
  }
  if (speech.length === 0) return { markers: timed, read };
  return { markers: timed, speech: speech.sort((a, b) => a.start - b.start), read };
}
