/**
 * Placement: where the music goes and the one undoable transaction that puts it there. The music goes on
 * the sequence's music track: a track named "Music" (or MX, Score, BGM) that is free over the span, else a
 * track with nothing on it at all whose name does not say dialogue or effects, else a new track named
 * "Music". It is laid with an overwrite edit on free space, so nothing is overwritten, and nothing moves:
 * a new track is made by an insert edit, aimed at a video track with no picture after the insert point.
 * Replacing a placed take removes its clip and lays the new one on the same track, in the same step.
 */
import { HostError } from '../core/errors';
import type {
  AudioTrackInfo,
  AudioTracks,
  EditAction,
  Span,
  Transaction,
  VideoTrackInfo,
} from './host/types';
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
  const at = runStart(sorted, 1, (t) => takes(t, span, false, tolerance));
  return at < sorted.length ? sorted[at].index : null;
}

/** A video track with no clip at or after `time` (its index, or the next free index when all have). */
export function quietVideoTrack(video: readonly VideoTrackInfo[], time: number): number {
  const quiet = [...video].sort((a, b) => a.index - b.index).find((t) => t.items.every((i) => i.end <= time));
  return quiet ? quiet.index : video.reduce((m, t) => Math.max(m, t.index + 1), 0);
}

/** One clip to lay: a project item, and the name a track it takes is given (when not named for music). */
export interface Lay {
  item: string;
  trackName: string;
}

/** Whether a track may take the music over `span` (see the module comment); `own` tracks held the last take. */
const takes = (t: AudioTrackInfo, span: Span, own: boolean, tolerance: number): boolean =>
  own || MUSIC_NAME.test(t.name)
    ? !overlaps(t.items, span, tolerance)
    : t.items.length === 0 && !OTHER_NAME.test(t.name);

/**
 * The first track of the run of `n` adjacent existing tracks that take the music (the last take's first
 * track first, then a run that starts on a music track, then the lowest), or the first of the free tracks
 * at the end (new tracks follow them) when no run is long enough.
 */
function runStart(
  after: readonly AudioTrackInfo[],
  n: number,
  ok: (t: AudioTrackInfo) => boolean,
  first?: number,
): number {
  let best: { at: number; rank: number } | null = null;
  for (let at = 0; at + n <= after.length; at++) {
    if (!after.slice(at, at + n).every(ok)) continue;
    const rank = at === first ? 0 : MUSIC_NAME.test(after[at].name) ? 1 : 2;
    if (!best || rank < best.rank) best = { at, rank };
  }
  if (best) return best.at;
  let at = after.length;
  while (at > 0 && ok(after[at - 1])) at--;
  return at;
}

/**
 * The transaction that lays `lays` on adjacent audio tracks from `start` for `seconds` (one clip each: the
 * mix, or one stem per track), replacing `previous` (the clips of the take on the timeline) in the same
 * step. Tracks are chosen as for the mix (see the module comment); when no run of existing tracks is long
 * enough, the free tracks at the end are used and new tracks added after them.
 * @throws {HostError} `no-free-track` when the tracks cannot take the music and new ones cannot be added.
 */
export function layoutFor(
  tracks: AudioTracks,
  video: readonly VideoTrackInfo[],
  lays: readonly Lay[],
  start: number,
  seconds: number,
  previous: readonly PlacedTake[] = [],
  options: PlaceOptions = {},
): Transaction {
  const o = { ...DEFAULTS, ...options };
  const span = { start, end: start + seconds };
  const actions: EditAction[] = previous.map((p) => ({ kind: 'remove', clip: p.clip }));
  const gone = (t: AudioTrackInfo, i: Span): boolean =>
    previous.some((p) => p.audioTrack === t.index && Math.abs(i.start - p.span.start) <= o.tolerance);
  // The tracks as they are once the last take is off them.
  const after = [...tracks.tracks]
    .sort((a, b) => a.index - b.index)
    .map((t) => ({ ...t, items: t.items.filter((i) => !gone(t, i)) }));
  const own = new Set(previous.map((p) => p.audioTrack));
  const ok = (t: AudioTrackInfo): boolean => takes(t, span, own.has(t.index), o.tolerance);
  const at = runStart(after, lays.length, ok, previous[0]?.audioTrack);
  const label = previous.length > 0 ? o.replaceLabel : o.undoLabel;
  if (at + lays.length > after.length && !tracks.canAddTrack)
    throw new HostError(
      `No audio track can take the music from ${clock(span.start)} to ${clock(span.end)}, and no new track can be added. ` +
        'The music is in the Audiogenesis bin: add an audio track named Music, or drag it onto the timeline.',
      'no-free-track',
    );
  const videoTrack = quietVideoTrack(video, start);
  lays.forEach(({ item, trackName }, i) => {
    const track = after[at + i];
    if (!track) {
      // A new track can only be named once it exists: placing.ts does that as its own step.
      actions.push({ kind: 'insert-new-track', item, time: start, audioTrack: at + i, videoTrack });
      return;
    }
    actions.push({ kind: 'overwrite', item, time: start, audioTrack: track.index });
    if (tracks.canNameTrack && !MUSIC_NAME.test(track.name))
      actions.push({ kind: 'name-track', audioTrack: track.index, name: trackName });
  });
  return { label, actions };
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
  const trackName = options.trackName ?? DEFAULTS.trackName;
  return layoutFor(tracks, video, [{ item, trackName }], start, seconds, previous ? [previous] : [], options);
}
