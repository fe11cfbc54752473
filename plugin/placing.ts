/**
 * A take onto the timeline: placed on the music track in one undoable step (or its stems on adjacent
 * tracks, in the same one step), or swapped for the take that is there in one step ("Audiogenesis:
 * replace music"), with a check that the picture did not move.
 */
import { HostError } from '../core/errors';
import type { Role } from '../core/sequence';
import type { Take } from './flow';
import { BIN_NAME } from './flow';
import type { EditAction, PremiereHost, Span, Transaction, VideoTrackInfo } from './host/types';
import { basename } from './naming';
import type { Lay, PlacedTake } from './place';
import { layoutFor } from './place';

/** A take on the timeline. */
export interface Placement {
  /** The clips laid, in track order: the mix, or one per stem. */
  clips: PlacedTake[];
  /** The take's WAV (the mix, whose stems may be what was laid). */
  wavPath: string;
  /** Whether tracks were added for it. */
  newTrack: boolean;
  transaction: Transaction;
}

/** The name of the track a stem takes (when it is not a music track already). */
export const STEM_TRACK_NAMES: Record<Role, string> = {
  melody: 'Music Melody',
  harmony: 'Music Chords',
  bass: 'Music Bass',
  drums: 'Music Drums',
};

const spans = (video: VideoTrackInfo[]): string =>
  JSON.stringify(video.map((t) => t.items.map((s: Span) => [s.start.toFixed(4), s.end.toFixed(4)])));

type LayAction = Extract<EditAction, { kind: 'overwrite' | 'insert-new-track' }>;

/** What a take lays: its stems when it has them, else its mix. */
const laysOf = (take: Take): Lay[] =>
  take.stems
    ? take.stems.map((s) => ({ item: s.item, trackName: STEM_TRACK_NAMES[s.role] }))
    : [{ item: take.item, trackName: 'Music' }];

/**
 * Places `take` at its span's start (its stems on adjacent tracks when it has them), replacing `previous`
 * (the take now on the timeline) when given.
 * @throws {HostError} `no-free-track`, `transaction-failed`, or `picture-moved` (Premiere shifted video
 *   clips: the editor is told to undo).
 */
export async function placeTake(
  host: PremiereHost,
  take: Take,
  previous: Placement | null,
): Promise<Placement> {
  const [tracks, video] = await Promise.all([host.audioTracks(), host.videoTracks()]);
  const lays = laysOf(take);
  const start = take.span.start;
  const t = layoutFor(tracks, video, lays, start, take.audio.seconds, previous?.clips ?? []);
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
  const laid = t.actions.filter(
    (a): a is LayAction => a.kind === 'overwrite' || a.kind === 'insert-new-track',
  );
  const added = laid.filter((a) => a.kind === 'insert-new-track');
  if (added.length > 0 && tracks.canNameTrack)
    // A track that did not exist when the edit was made can only be named afterwards (its own undo step).
    await host.transact({
      label: `Audiogenesis: name the Music track${added.length > 1 ? 's' : ''}`,
      actions: added.map((a) => ({
        kind: 'name-track',
        audioTrack: a.audioTrack,
        name: lays[laid.indexOf(a)].trackName,
      })),
    });
  const span = { start, end: start + take.audio.seconds };
  const clips: PlacedTake[] = [];
  for (const a of laid)
    clips.push({
      clip: (await host.placedClip(a.item, a.audioTrack, start)) ?? '',
      audioTrack: a.audioTrack,
      span,
    });
  return { clips, wavPath: take.wavPath, newTrack: added.length > 0, transaction: t };
}

/** "A3" or "A3–A6": the tracks a placement lies on. */
export function tracksOf(p: Placement): string {
  const first = p.clips[0]?.audioTrack ?? 0;
  const last = p.clips[p.clips.length - 1]?.audioTrack ?? first;
  return first === last ? `A${first + 1}` : `A${first + 1}–A${last + 1}`;
}
