/**
 * Placement: where the music goes and the one undoable transaction that puts it there. The music goes on
 * the sequence's music track: a track named "Music" (or MX, Score, BGM) that is free over the span, else a
 * track with nothing on it at all whose name does not say dialogue or effects, else a new track named
 * "Music". It is laid with an overwrite edit on free space, so nothing is overwritten, and nothing moves:
 * a new track is made by an insert edit, aimed at a video track with no picture after the insert point.
 * Replacing a placed take removes its clip and lays the new one on the same track, in the same step.
 */
import { HostError } from '../core/errors';
import type { AudioTracks, EditAction, Span, Transaction, VideoTrackInfo } from './host/types';
import { clock } from './timeline';

/** Settings of {@link placementFor}; every field has a default. */
export interface PlaceOptions {
  /** What Edit > Undo shows for a placement. Default "Audiogenesis: place music". */
  undoLabel?: string;
  /** What Edit > Undo shows for a replacement. Default "Audiogenesis: replace music". */
  replaceLabel?: string;
  /** Gap (seconds) tolerated where a clip's edge touches the span (frame rounding). Default 0.001. */
  tolerance?: number;
  /** Name given to a track the music takes. Default "Music". */
  trackName?: string;
}

const DEFAULTS: Required<PlaceOptions> = {
  undoLabel: 'Audiogenesis: place music',
  replaceLabel: 'Audiogenesis: replace music',
  tolerance: 0.001,
  trackName: 'Music',
};

/** Track names that say music. */
const MUSIC_NAME = /\b(music|mx|score|bgm|soundtrack)\b/i;
/** Track names that say the track is someone else's (dialogue, voice-over, effects, ambience). */
const OTHER_NAME =
  /dia(log|logue)?\b|\bvo\b|voice|narrat|interview|sfx|\bfx\b|effect|foley|amb|nat\b|room ?tone|sync/i;

/** A take already on the timeline, to be replaced. */
export interface PlacedTake {
  /** The placed clip's id (from `PremiereHost.placedClip`). */
  clip: string;
  audioTrack: number;
  /** Where it lies. */
  span: Span;
}

/** Whether anything on a track overlaps `span`. */
export function overlaps(items: readonly Span[], span: Span, tolerance = DEFAULTS.tolerance): boolean {
  return items.some((i) => i.start < span.end - tolerance && i.end > span.start + tolerance);
}

/** The audio track the music takes, or `null` when a new one is needed. */
export function musicTrack(tracks: AudioTracks, span: Span, tolerance = DEFAULTS.tolerance): number | null {
  const sorted = [...tracks.tracks].sort((a, b) => a.index - b.index);
  const named = sorted.find((t) => MUSIC_NAME.test(t.name) && !overlaps(t.items, span, tolerance));
  if (named) return named.index;
  const empty = sorted.find((t) => t.items.length === 0 && !OTHER_NAME.test(t.name));
  return empty ? empty.index : null;
}

/** A video track with no clip at or after `time` (its index, or the next free index when all have). */
export function quietVideoTrack(video: readonly VideoTrackInfo[], time: number): number {
  const quiet = [...video].sort((a, b) => a.index - b.index).find((t) => t.items.every((i) => i.end <= time));
  return quiet ? quiet.index : video.reduce((m, t) => Math.max(m, t.index + 1), 0);
}

/**
 * The transaction that places `item` at `start` for `seconds` (see the module comment), replacing
 * `previous` when given.
 * @throws {HostError} `no-free-track` when no track can take the music and none can be added.
 */
export function placementFor(
  tracks: AudioTracks,
  video: readonly VideoTrackInfo[],
  item: string,
  start: number,
  seconds: number,
  previous: PlacedTake | null = null,
  options: PlaceOptions = {},
): Transaction {
  const o = { ...DEFAULTS, ...options };
  const span = { start, end: start + seconds };
  const actions: EditAction[] = [];
  let track: number | null = null;
  if (previous) {
    actions.push({ kind: 'remove', clip: previous.clip });
    const own = tracks.tracks.find((t) => t.index === previous.audioTrack);
    const others = own?.items.filter((i) => Math.abs(i.start - previous.span.start) > o.tolerance) ?? [];
    if (own && !overlaps(others, span, o.tolerance)) track = own.index;
  }
  track ??= musicTrack(tracks, span, o.tolerance);
  const label = previous ? o.replaceLabel : o.undoLabel;
  if (track !== null) {
    actions.push({ kind: 'overwrite', item, time: start, audioTrack: track });
    const name = tracks.tracks.find((t) => t.index === track)?.name ?? '';
    if (tracks.canNameTrack && !MUSIC_NAME.test(name))
      actions.push({ kind: 'name-track', audioTrack: track, name: o.trackName });
    return { label, actions };
  }
  if (!tracks.canAddTrack)
    throw new HostError(
      `No audio track can take the music from ${clock(span.start)} to ${clock(span.end)}, and no new track can be added. ` +
        'The music is in the Audiogenesis bin: add an audio track named Music, or drag it onto the timeline.',
      'no-free-track',
    );
  const next = tracks.tracks.reduce((m, t) => Math.max(m, t.index + 1), 0);
  actions.push({
    kind: 'insert-new-track',
    item,
    time: start,
    audioTrack: next,
    videoTrack: quietVideoTrack(video, start),
  });
  // The new track can only be named once it exists: placing.ts does that as its own step.
  return { label, actions };
}
