/**
 * The panel's one boundary to Premiere Pro and the disk, in the panel's own terms: times in seconds, items
 * and bins by opaque ids, edits as plain action descriptors. `premiere.ts` implements it over UXP and the
 * `premierepro` module; `fake.ts` implements it in memory for tests and the browser preview. Everything else
 * in `plugin/` runs against this interface only.
 */

/** The open project. */
export interface ProjectInfo {
  name: string;
  /** Native path of the saved `.prproj`, or `null` for a project that was never saved. */
  path: string | null;
}

/**
 * The active sequence. Times everywhere in this interface are seconds from the sequence's first frame
 * (0), whatever timecode that frame shows: `zeroPoint` is that timecode (00:59:50:00 -> 3590), for display.
 */
export interface SequenceInfo {
  name: string;
  /** End of the last clip (0 for an empty sequence). */
  end: number;
  /** The in point, or `null` when none is set (or it lies outside the sequence). */
  inPoint: number | null;
  /** The out point, or `null` when none is set (or it lies outside the sequence). */
  outPoint: number | null;
  /** Timecode of the first frame, seconds (0 unless the sequence starts at e.g. 01:00:00:00). */
  zeroPoint: number;
}

/** A sequence marker. */
export interface MarkerInfo {
  name: string;
  comments: string;
  /** Start in sequence seconds. */
  start: number;
  /** Length in seconds (0 for a point marker). */
  duration: number;
}

/** A selected clip on the timeline. */
export interface ClipInfo {
  /** Opaque id for {@link PremiereHost.transcript}. */
  id: string;
  name: string;
  /** Start and end on the timeline, sequence seconds. */
  start: number;
  end: number;
  /** The clip's in point in its source media, seconds (transcript times are source times). */
  sourceIn: number;
}

/** A span of time on a track that a clip occupies, sequence seconds. */
export interface Span {
  start: number;
  end: number;
}

/** An audio track and what is on it. */
export interface AudioTrackInfo {
  /** 0-based index in the sequence's audio tracks. */
  index: number;
  name: string;
  /** Clips (and transitions) on the track. */
  items: Span[];
}

/** The audio tracks of the active sequence. */
export interface AudioTracks {
  tracks: AudioTrackInfo[];
  /** Whether Premiere may add one more audio track. */
  canAddTrack: boolean;
  /** Whether tracks can be renamed (Premiere 26.3 and newer). */
  canNameTrack: boolean;
}

/** A video track and what is on it (the picture, which placement must never move). */
export interface VideoTrackInfo {
  index: number;
  items: Span[];
}

/** One edit of a transaction. Times in sequence seconds. */
export type EditAction =
  | {
      /** Lays the item on an audio track that is free over its span: nothing is overwritten. */
      kind: 'overwrite';
      item: string;
      time: number;
      audioTrack: number;
    }
  | {
      /**
       * Inserts the item on a new audio track (index = current track count). `videoTrack` is a video track
       * with nothing at or after `time`, so that even an insert that shifts its video track moves no picture.
       */
      kind: 'insert-new-track';
      item: string;
      time: number;
      audioTrack: number;
      videoTrack: number;
    }
  | {
      /** Takes a clip this panel placed off the timeline (no ripple: nothing else moves). */
      kind: 'remove';
      clip: string;
    }
  | {
      /** Names an audio track (Premiere 26.3+). */
      kind: 'name-track';
      audioTrack: number;
      name: string;
    };

/** An undoable group of edits, one entry in Premiere's undo history. */
export interface Transaction {
  /** What Edit > Undo shows. */
  label: string;
  actions: EditAction[];
}

/** Files on the user's disk. Paths are native paths; writing never replaces an existing file. */
export interface HostFiles {
  /** The plugin's own data folder (for unsaved projects). */
  dataFolder(): Promise<string>;
  /** Whether a file or folder exists. */
  exists(path: string): Promise<boolean>;
  /** Creates a folder (and its parents) if it is missing. */
  makeFolder(path: string): Promise<void>;
  /**
   * Writes a new file. A failed write leaves nothing behind; an existing file is never touched.
   * @throws when the file exists already, or the write fails (disk full: an error whose code or message
   *   says ENOSPC / out of space).
   */
  writeNew(path: string, bytes: Uint8Array): Promise<void>;
  /** Deletes a file this panel wrote (when a later file of the same result could not be written). */
  remove(path: string): Promise<void>;
}

/** Everything the panel needs from Premiere Pro. */
export interface PremiereHost {
  readonly files: HostFiles;
  /** The open project, or `null` when none is open. */
  project(): Promise<ProjectInfo | null>;
  /** The active sequence, or `null` when none is active. */
  activeSequence(): Promise<SequenceInfo | null>;
  /** The active sequence's markers. */
  markers(): Promise<MarkerInfo[]>;
  /** The clips selected on the timeline. */
  selectedClips(): Promise<ClipInfo[]>;
  /** The transcript of a clip's media as Premiere exports it (JSON text), or `null` when it has none. */
  transcript(clipId: string): Promise<string | null>;
  /** The active sequence's audio tracks and their clips. */
  audioTracks(): Promise<AudioTracks>;
  /** The id of the project bin called `name` at the root, creating it when missing. */
  ensureBin(name: string): Promise<string>;
  /** Imports a file into a bin; `false` when Premiere refuses it (Premiere's own answer). */
  importFile(path: string, bin: string): Promise<boolean>;
  /** The id of the project item whose media is `path`, in `bin`, or `null`. */
  findItem(path: string, bin: string): Promise<string | null>;
  /** Runs the edits as one undoable transaction; `false` when Premiere refuses it. */
  transact(t: Transaction): Promise<boolean>;
  /** The active sequence's video tracks and their clips. */
  videoTracks(): Promise<VideoTrackInfo[]>;
  /** The id of the clip of `item` that starts at `time` on audio track `audioTrack`, or `null`. */
  placedClip(item: string, audioTrack: number, time: number): Promise<string | null>;
  /** Opens a file in the Source Monitor and plays it; `false` when Premiere refuses. */
  audition(path: string): Promise<boolean>;
  /** Shows a folder in Finder or Explorer; `false` when the system refused (or the editor said no). */
  reveal(folder: string): Promise<boolean>;
  /** Selects a placed clip on the timeline (from there, Reveal in Project finds it in its bin). */
  selectClip(clip: string): Promise<boolean>;
}
