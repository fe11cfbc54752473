/**
 * What the timeline says before anything is generated: the open project and active sequence (or a plain
 * error), the span the music should fill (in/out, else the selection, else the whole sequence), the
 * markers, the selected clips and the picture's cuts inside the span.
 */
import { HostError } from '../core/errors';
import type {
  ClipInfo,
  MarkerInfo,
  PremiereHost,
  ProjectInfo,
  SequenceInfo,
  VideoTrackInfo,
} from './host/types';

/** Where the length came from. */
export type LengthSource = 'in/out' | 'selection' | 'sequence' | 'default';

/** The stretch of the sequence the music fills. */
export interface TimelineSpan {
  /** Start in sequence seconds: where the music is placed. */
  start: number;
  /** Length in seconds. */
  seconds: number;
  source: LengthSource;
}

/** Settings of {@link spanOf}; every field has a default. */
export interface SpanOptions {
  /** Length when the sequence is empty and nothing is marked. Default 30. */
  defaultSeconds?: number;
  /** Shortest length. Default 1. */
  minSeconds?: number;
  /** Longest length (the composer's limit). Default 600. */
  maxSeconds?: number;
}

const DEFAULTS: Required<SpanOptions> = { defaultSeconds: 30, minSeconds: 1, maxSeconds: 600 };

/** Everything read from the timeline. */
export interface TimelineContext {
  project: ProjectInfo;
  sequence: SequenceInfo;
  span: TimelineSpan;
  markers: MarkerInfo[];
  clips: ClipInfo[];
  /** The picture's edit points inside the span, seconds from its start ({@link cutsInSpan}). */
  cuts: number[];
}

const ms = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The span to fill: the sequence's in/out (an in point alone runs to the end), else the selected clips'
 * extent, else the whole sequence, else `defaultSeconds` from 0; the length is clamped to the composer's
 * range.
 */
export function spanOf(
  sequence: SequenceInfo,
  clips: readonly ClipInfo[],
  options: SpanOptions = {},
): TimelineSpan {
  const o = { ...DEFAULTS, ...options };
  let span: TimelineSpan = { start: 0, seconds: o.defaultSeconds, source: 'default' };
  const inOutEnd = sequence.outPoint ?? sequence.end;
  const inOutStart = sequence.inPoint ?? 0;
  if ((sequence.inPoint !== null || sequence.outPoint !== null) && inOutEnd > inOutStart)
    span = { start: inOutStart, seconds: inOutEnd - inOutStart, source: 'in/out' };
  else if (clips.length > 0) {
    const start = Math.min(...clips.map((c) => c.start));
    const end = Math.max(...clips.map((c) => c.end));
    if (end > start) span = { start, seconds: end - start, source: 'selection' };
  }
  if (span.source === 'default' && sequence.end > 0)
    span = { start: 0, seconds: sequence.end, source: 'sequence' };
  return {
    start: ms(Math.max(0, span.start)),
    seconds: ms(Math.min(o.maxSeconds, Math.max(o.minSeconds, span.seconds))),
    source: span.source,
  };
}

/** Edit points closer together than this (seconds) are one cut; one closer to an end of the span is none. */
export const CUT_TOLERANCE = 0.01;

/**
 * The edit points of the picture inside `span`: every start and end of a clip on any video track that lies
 * strictly inside the span, in seconds from its start, in order, those closer together than
 * {@link CUT_TOLERANCE} merged into the first; the span's own ends are not cuts.
 */
export function cutsInSpan(video: readonly VideoTrackInfo[], span: TimelineSpan): number[] {
  const end = span.start + span.seconds;
  const times = video
    .flatMap((t) => t.items.flatMap((i) => [i.start, i.end]))
    .filter((t) => Number.isFinite(t) && t > span.start + CUT_TOLERANCE && t < end - CUT_TOLERANCE)
    .sort((a, b) => a - b);
  const out: number[] = [];
  for (const t of times) if (out.length === 0 || t - out[out.length - 1] >= CUT_TOLERANCE) out.push(t);
  return out.map((t) => ms(t - span.start));
}

/**
 * Reads the project, the active sequence, its markers, the selected clips and the cuts in the span.
 * @throws {HostError} `no-project` when no project is open, `no-sequence` when no sequence is active.
 */
export async function readTimeline(host: PremiereHost, options: SpanOptions = {}): Promise<TimelineContext> {
  const project = await host.project();
  if (!project)
    throw new HostError(
      'No project is open. Open or create a project in Premiere Pro, then try again.',
      'no-project',
    );
  const sequence = await host.activeSequence();
  if (!sequence)
    throw new HostError(
      'No sequence is active. Open the sequence to score in the Timeline panel, then try again.',
      'no-sequence',
    );
  const [markers, clips, video] = await Promise.all([
    host.markers(),
    host.selectedClips(),
    // The cuts are a refinement: a host that cannot list its video tracks scores without them.
    host.videoTracks().catch(() => []),
  ]);
  const span = spanOf(sequence, clips, options);
  return { project, sequence, markers, clips, span, cuts: cutsInSpan(video, span) };
}

/** "1:05.5"-style time for messages. */
export function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds - m * 60;
  const text = Number.isInteger(s) ? String(s) : s.toFixed(1);
  return `${m}:${s < 10 ? '0' : ''}${text}`;
}
