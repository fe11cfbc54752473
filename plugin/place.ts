/**
 * Placement: the first audio track with nothing on it over the music's span, else a new track, and the one
 * undoable transaction that lays the music there. Nothing the user has is overwritten or moved.
 */
import { HostError } from '../core/errors';
import type { AudioTracks, EditAction, Span, Transaction } from './host/types';
import { clock } from './timeline';

/** Settings of {@link placementFor}; every field has a default. */
export interface PlaceOptions {
  /** What Edit > Undo shows. Default "Audiogenesis: place music". */
  undoLabel?: string;
  /** Gap (seconds) tolerated where a clip's edge touches the span (frame rounding). Default 0.001. */
  tolerance?: number;
}

const DEFAULTS: Required<PlaceOptions> = { undoLabel: 'Audiogenesis: place music', tolerance: 0.001 };

/** Whether anything on a track overlaps `span`. */
export function overlaps(items: readonly Span[], span: Span, tolerance = DEFAULTS.tolerance): boolean {
  return items.some((i) => i.start < span.end - tolerance && i.end > span.start + tolerance);
}

/** The index of the first audio track free over `span`, or `null` when every track has something there. */
export function freeTrack(tracks: AudioTracks, span: Span, tolerance = DEFAULTS.tolerance): number | null {
  const free = [...tracks.tracks]
    .sort((a, b) => a.index - b.index)
    .find((t) => !overlaps(t.items, span, tolerance));
  return free ? free.index : null;
}

/**
 * The transaction that places `item` at `start` for `seconds`: an overwrite edit on the first free audio
 * track (free, so nothing is overwritten), else an insert on a new track after the last one (nothing else
 * moves).
 * @throws {HostError} `no-free-track` when every track is busy over the span and no track can be added.
 */
export function placementFor(
  tracks: AudioTracks,
  item: string,
  start: number,
  seconds: number,
  options: PlaceOptions = {},
): Transaction {
  const o = { ...DEFAULTS, ...options };
  const span = { start, end: start + seconds };
  const free = freeTrack(tracks, span, o.tolerance);
  let action: EditAction;
  if (free !== null) action = { kind: 'overwrite', item, time: start, audioTrack: free };
  else if (tracks.canAddTrack) {
    const next = tracks.tracks.reduce((m, t) => Math.max(m, t.index + 1), 0);
    action = { kind: 'insert-new-track', item, time: start, audioTrack: next };
  } else
    throw new HostError(
      `Every audio track has something on it from ${clock(span.start)} to ${clock(span.end)}, and no new track can be added. ` +
        'The music is in the Audiogenesis bin: free a track (or remove one you do not need) and drag it onto the timeline.',
      'no-free-track',
    );
  return { label: o.undoLabel, actions: [action] };
}
