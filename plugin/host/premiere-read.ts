/**
 * Reading the timeline through Premiere's UXP API: the project, the active sequence and its in/out points
 * (defended: see {@link sequencePoints}), markers, the selected clips and their transcripts.
 */
import type { ClipProjectItem, Project, Sequence, TickTime } from '@adobe/premierepro';
import type { PremiereApi } from './premiere';
import type { ClipInfo, MarkerInfo, ProjectInfo, SequenceInfo, Span } from './types';

/** Differences below this (seconds) are the same time. */
const EPSILON = 0.0005;
const seconds = (t: TickTime | null | undefined): number => (t && Number.isFinite(t.seconds) ? t.seconds : 0);

/**
 * In and out points as seconds from the sequence's first frame, or `null` when unset. What Premiere answers
 * when none is set is not documented, so each answer it might give reads as unset: nothing or NaN, a point
 * at or before the start, an in point at or after the end, an out point at or after the end (Premiere's
 * "whole sequence") or at or before the in point. A point given as timecode (the sequence's zero point,
 * e.g. 01:00:00:00, added) is moved back by the zero point first.
 */
export function sequencePoints(
  raw: { inAt: number | null; outAt: number | null },
  end: number,
  zero: number,
): { inPoint: number | null; outPoint: number | null } {
  const fromZero = (t: number | null): number | null => {
    if (t === null || !Number.isFinite(t)) return null;
    if (zero > 0 && t > end + EPSILON && t - zero >= -EPSILON && t - zero <= end + EPSILON) return t - zero;
    return t;
  };
  const i = fromZero(raw.inAt);
  const o = fromZero(raw.outAt);
  const inPoint = i !== null && i > EPSILON && i < end - EPSILON ? i : null;
  const outPoint = o !== null && o > (inPoint ?? 0) + EPSILON && o < end - EPSILON ? o : null;
  return { inPoint, outPoint };
}

/** The readers the host is built from. */
export function premiereReaders(ppro: PremiereApi) {
  const clips = new Map<string, { getProjectItem(): Promise<unknown> }>();
  const project = async (): Promise<Project | null> => {
    try {
      return (await ppro.Project.getActiveProject()) ?? null;
    } catch {
      return null;
    }
  };
  const sequence = async (): Promise<{ project: Project; sequence: Sequence } | null> => {
    const p = await project();
    if (!p) return null;
    try {
      const s = await p.getActiveSequence();
      return s ? { project: p, sequence: s } : null;
    } catch {
      return null;
    }
  };
  const mustSequence = async (): Promise<{ project: Project; sequence: Sequence }> => {
    const s = await sequence();
    if (!s) throw new Error('no active sequence');
    return s;
  };
  const safe = async (f: () => Promise<TickTime>): Promise<number | null> => {
    try {
      const t = await f();
      return t && Number.isFinite(t.seconds) ? t.seconds : null;
    } catch {
      return null;
    }
  };
  const zeroOf = async (s: Sequence): Promise<number> => {
    const z = typeof s.getZeroPoint === 'function' ? await safe(() => s.getZeroPoint()) : null;
    return z !== null && z > 0 ? z : 0;
  };
  const span = async (item: {
    getStartTime(): Promise<TickTime>;
    getEndTime(): Promise<TickTime>;
  }): Promise<Span> => ({
    start: seconds(await item.getStartTime()),
    end: seconds(await item.getEndTime()),
  });

  return {
    project,
    sequence,
    mustSequence,
    span,
    async projectInfo(): Promise<ProjectInfo | null> {
      const p = await project();
      if (!p) return null;
      return { name: p.name, path: p.path && /\.prproj$/i.test(p.path) ? p.path : null };
    },
    async sequenceInfo(): Promise<SequenceInfo | null> {
      const s = await sequence();
      if (!s) return null;
      const end = seconds(await s.sequence.getEndTime());
      const zeroPoint = await zeroOf(s.sequence);
      const points = sequencePoints(
        {
          inAt: await safe(() => s.sequence.getInPoint()),
          outAt: await safe(() => s.sequence.getOutPoint()),
        },
        end,
        zeroPoint,
      );
      return { name: s.sequence.name, end, ...points, zeroPoint };
    },
    async markers(): Promise<MarkerInfo[]> {
      const s = await mustSequence();
      const end = seconds(await s.sequence.getEndTime());
      const zero = await zeroOf(s.sequence);
      const markers = await ppro.Markers.getMarkers(s.sequence);
      return markers.getMarkers().map((m) => {
        const start = seconds(m.getStart());
        return {
          name: m.getName() ?? '',
          comments: m.getComments() ?? '',
          start: zero > 0 && start > end + EPSILON && start - zero <= end + EPSILON ? start - zero : start,
          duration: seconds(m.getDuration()),
        };
      });
    },
    async selectedClips(): Promise<ClipInfo[]> {
      const s = await mustSequence();
      const selected = await (await s.sequence.getSelection()).getTrackItems();
      const out: ClipInfo[] = [];
      const seen = new Set<string>();
      for (const item of selected) {
        const name = await item.getName();
        const { start, end } = await span(item);
        const key = `${name}@${start.toFixed(3)}`;
        if (seen.has(key)) continue; // the audio and video halves of one linked clip
        seen.add(key);
        const id = `clip-${clips.size + 1}`;
        clips.set(id, item);
        out.push({ id, name, start, end, sourceIn: seconds(await item.getInPoint()) });
      }
      return out;
    },
    async transcript(clipId: string): Promise<string | null> {
      const item = clips.get(clipId);
      if (!item) return null;
      const clip: ClipProjectItem = ppro.ClipProjectItem.cast(
        (await item.getProjectItem()) as Parameters<PremiereApi['ClipProjectItem']['cast']>[0],
      );
      // hasTranscript arrived in Premiere 26.3; the manifest allows 25.6, where exportToJSON alone answers
      // (an empty string, or a rejection, when the clip has no transcript).
      const has = (ppro.Transcript as { hasTranscript?: (c: ClipProjectItem) => boolean }).hasTranscript;
      if (typeof has === 'function' && !has(clip)) return null;
      try {
        return (await ppro.Transcript.exportToJSON(clip)) || null;
      } catch {
        return null;
      }
    },
  };
}
