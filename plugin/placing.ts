/**
 * A take onto the timeline: placed on the music track in one undoable step, or swapped for the take that is
 * there in one step ("Audiogenesis: replace music"), with a check that the picture did not move.
 */
import { HostError } from '../core/errors';
import type { Take } from './flow';
import { BIN_NAME } from './flow';
import type { PremiereHost, Span, Transaction, VideoTrackInfo } from './host/types';
import { basename } from './naming';
import type { PlacedTake } from './place';
import { placementFor } from './place';

/** A take on the timeline. */
export interface Placement extends PlacedTake {
  /** The take's WAV. */
  wavPath: string;
  /** Whether a track was added for it. */
  newTrack: boolean;
  transaction: Transaction;
}

const spans = (video: VideoTrackInfo[]): string =>
  JSON.stringify(video.map((t) => t.items.map((s: Span) => [s.start.toFixed(4), s.end.toFixed(4)])));

/**
 * Places `take` at its span's start, replacing `previous` (the take now on the timeline) when given.
 * @throws {HostError} `no-free-track`, `transaction-failed`, or `picture-moved` (Premiere shifted video
 *   clips: the editor is told to undo).
 */
export async function placeTake(
  host: PremiereHost,
  take: Take,
  previous: Placement | null,
): Promise<Placement> {
  const [tracks, video] = await Promise.all([host.audioTracks(), host.videoTracks()]);
  const t = placementFor(tracks, video, take.item, take.span.start, take.audio.seconds, previous);
  if (!(await host.transact(t)))
    throw new HostError(
      `Premiere Pro did not place the music. ${basename(take.wavPath)} is in the ${BIN_NAME} bin: drag it onto the timeline.`,
      'transaction-failed',
    );
  if (spans(await host.videoTracks()) !== spans(video))
    throw new HostError(
      'Premiere moved video clips while adding the music track. Press Undo (Cmd/Ctrl+Z) once to put them back, add an audio track named Music yourself, and place again.',
      'picture-moved',
    );
  const lay = t.actions.find((a) => a.kind === 'overwrite' || a.kind === 'insert-new-track');
  const audioTrack = lay && 'audioTrack' in lay ? lay.audioTrack : 0;
  const newTrack = lay?.kind === 'insert-new-track';
  if (newTrack && tracks.canNameTrack)
    // A track that did not exist when the edit was made can only be named afterwards (its own undo step).
    await host.transact({
      label: 'Audiogenesis: name the Music track',
      actions: [{ kind: 'name-track', audioTrack, name: 'Music' }],
    });
  const clip = await host.placedClip(take.item, audioTrack, take.span.start);
  return {
    clip: clip ?? '',
    audioTrack,
    span: { start: take.span.start, end: take.span.start + take.audio.seconds },
    wavPath: take.wavPath,
    newTrack,
    transaction: t,
  };
}
