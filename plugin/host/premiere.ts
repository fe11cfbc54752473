/**
 * The real host: {@link PremiereHost} over Premiere Pro's UXP API (`require('premierepro')`, typed by
 * `@adobe/premierepro`). TickTimes become seconds from the sequence's first frame (in/out points that come
 * back as timecode are moved by the zero point; points outside the sequence count as unset); project items,
 * bins and clips are kept by id; edits run as `project.lockedAccess(() => project.executeTransaction(...))`
 * with every action created inside the lock. `importFiles` answers only a boolean, so the new item is found
 * by its media path ({@link pathMatch}), skipping anything that is not a clip.
 */
import type {
  AudioClipTrackItem,
  CompoundAction,
  FolderItem,
  premierepro,
  Project,
  ProjectItem,
  Sequence,
  TrackItemSelection,
  VideoClipTrackItem,
} from '@adobe/premierepro';
import { pathMatch } from './premiere-paths';
import { premiereReaders } from './premiere-read';
import type {
  AudioTrackInfo,
  AudioTracks,
  HostFiles,
  PremiereHost,
  ProjectInfo,
  Transaction,
  VideoTrackInfo,
} from './types';

/** The parts of the `premierepro` module the panel uses. */
export type PremiereApi = Pick<
  premierepro,
  | 'Project'
  | 'TickTime'
  | 'SequenceEditor'
  | 'Markers'
  | 'Transcript'
  | 'ClipProjectItem'
  | 'FolderItem'
  | 'ProjectItem'
  | 'Constants'
  | 'SourceMonitor'
  | 'TrackItemSelection'
>;

/** `require('uxp').shell`'s `openPath` (manifest: `launchProcess`). */
export interface UxpShell {
  openPath(path: string, developerText?: string): Promise<string>;
}

/** Settings of {@link createPremiereHost}; every field has a default. */
export interface PremiereHostOptions {
  /** Audio tracks a sequence may have (Premiere's limit). Default 99. */
  maxAudioTracks?: number;
  /** Opens folders in Finder or Explorer. Default none (Reveal then answers false). */
  shell?: UxpShell;
}

type TrackItem = AudioClipTrackItem | VideoClipTrackItem;

/** Runs `build` as one undoable transaction inside the project lock (actions are created in the lock). */
export function inTransaction(project: Project, label: string, build: (c: CompoundAction) => void): boolean {
  let ok = false;
  project.lockedAccess(() => {
    ok = project.executeTransaction((compound) => build(compound), label);
  });
  return ok;
}

/** The real Premiere Pro host. */
export function createPremiereHost(
  ppro: PremiereApi,
  files: HostFiles,
  options: PremiereHostOptions = {},
): PremiereHost {
  const maxAudioTracks = options.maxAudioTracks ?? 99;
  const bins = new Map<string, FolderItem>();
  const items = new Map<string, ProjectItem>();
  const placed = new Map<string, TrackItem>();
  const read = premiereReaders(ppro);
  const { project, sequence, mustSequence } = read;

  /** Whether a project item is a bin: by its type where Premiere says which type bins have, else by kind. */
  const isBin = async (item: ProjectItem): Promise<boolean> => {
    const typeBin = (ppro.ProjectItem as { TYPE_BIN?: unknown }).TYPE_BIN;
    if (typeof typeBin === 'number') return item.type === typeBin;
    try {
      const folder = ppro.FolderItem.cast(item);
      return typeof folder?.getItems === 'function' && Array.isArray(await folder.getItems());
    } catch {
      return false;
    }
  };
  const findBin = async (root: FolderItem, name: string): Promise<FolderItem | null> => {
    for (const item of await root.getItems())
      if (item.name === name && (await isBin(item))) return ppro.FolderItem.cast(item);
    return null;
  };
  /** A clip's media path, or null for anything that is not a clip with media (bins, sequences...). */
  const mediaPath = async (item: ProjectItem): Promise<string | null> => {
    try {
      const clip = ppro.ClipProjectItem.cast(item);
      if (!clip || typeof clip.getMediaFilePath !== 'function') return null;
      return (await clip.getMediaFilePath()) || null;
    } catch {
      return null;
    }
  };
  const selectionOf = (clip: TrackItem): TrackItemSelection | null => {
    let selection: TrackItemSelection | null = null;
    ppro.TrackItemSelection.createEmptySelection((s) => {
      selection = s;
    });
    const s = selection as TrackItemSelection | null;
    if (s) s.addItem(clip, true);
    return s;
  };

  return {
    files,
    project: read.projectInfo,
    activeSequence: read.sequenceInfo,
    markers: read.markers,
    selectedClips: read.selectedClips,
    transcript: read.transcript,
    async audioTracks(): Promise<AudioTracks> {
      const s = await mustSequence();
      const count = await s.sequence.getAudioTrackCount();
      const tracks: AudioTrackInfo[] = [];
      let canNameTrack = count > 0;
      for (let index = 0; index < count; index++) {
        const track = await s.sequence.getAudioTrack(index);
        const spans = [];
        for (const item of track.getTrackItems(ppro.Constants.TrackItemType.CLIP, false))
          spans.push(await read.span(item));
        tracks.push({ index, name: track.name ?? '', items: spans });
        canNameTrack &&=
          typeof (track as { createSetNameAction?: unknown }).createSetNameAction === 'function';
      }
      return { tracks, canAddTrack: count < maxAudioTracks, canNameTrack };
    },
    async videoTracks(): Promise<VideoTrackInfo[]> {
      const s = await mustSequence();
      const out: VideoTrackInfo[] = [];
      const count = await s.sequence.getVideoTrackCount();
      for (let index = 0; index < count; index++) {
        const track = await s.sequence.getVideoTrack(index);
        const spans = [];
        for (const item of track.getTrackItems(ppro.Constants.TrackItemType.CLIP, false))
          spans.push(await read.span(item));
        out.push({ index, items: spans });
      }
      return out;
    },
    async ensureBin(name: string): Promise<string> {
      const p = await project();
      if (!p) throw new Error('no open project');
      const root = await p.getRootItem();
      let bin = await findBin(root, name);
      if (!bin) {
        inTransaction(p, `Audiogenesis: create the ${name} bin`, (c) =>
          c.addAction(root.createBinAction(name, false)),
        );
        bin = await findBin(root, name);
      }
      if (!bin) throw new Error(`could not create the ${name} bin`);
      const id = ppro.ProjectItem.cast(bin).getId();
      bins.set(id, bin);
      return id;
    },
    async importFile(path: string, binId: string): Promise<boolean> {
      const p = await project();
      const bin = bins.get(binId);
      if (!p || !bin) return false;
      try {
        return await p.importFiles([path], true, ppro.ProjectItem.cast(bin));
      } catch {
        return false;
      }
    },
    async findItem(path: string, binId: string): Promise<string | null> {
      const bin = bins.get(binId);
      if (!bin) return null;
      let byName: ProjectItem | null = null;
      for (const item of (await bin.getItems()).reverse()) {
        if (await isBin(item)) continue;
        const media = await mediaPath(item);
        const match = media ? pathMatch(media, path) : 0;
        if (match === 2 || (match === 1 && !byName)) {
          byName = item;
          if (match === 2) break;
        }
      }
      if (!byName) return null;
      items.set(byName.getId(), byName);
      return byName.getId();
    },
    async transact(t: Transaction): Promise<boolean> {
      const s = await mustSequence();
      for (const a of t.actions)
        if ((a.kind === 'overwrite' || a.kind === 'insert-new-track') && !items.has(a.item)) return false;
        else if (a.kind === 'remove' && !placed.has(a.clip)) return false;
      const editor = ppro.SequenceEditor.getEditor(s.sequence);
      const count = await s.sequence.getAudioTrackCount();
      const named = new Map<number, Awaited<ReturnType<Sequence['getAudioTrack']>>>();
      for (const a of t.actions)
        if (a.kind === 'name-track' && a.audioTrack < count)
          named.set(a.audioTrack, await s.sequence.getAudioTrack(a.audioTrack));
      const removals = new Map<string, TrackItemSelection | null>();
      for (const a of t.actions)
        if (a.kind === 'remove') removals.set(a.clip, selectionOf(placed.get(a.clip)!));
      return inTransaction(s.project, t.label, (compound) => {
        for (const a of t.actions) {
          if (a.kind === 'remove') {
            const selection = removals.get(a.clip);
            if (selection)
              compound.addAction(
                editor.createRemoveItemsAction(selection, false, ppro.Constants.MediaType.AUDIO, false),
              );
          } else if (a.kind === 'name-track') {
            const track = named.get(a.audioTrack) as
              { createSetNameAction?: (n: string) => object } | undefined;
            if (track?.createSetNameAction)
              compound.addAction(
                track.createSetNameAction(a.name) as Parameters<CompoundAction['addAction']>[0],
              );
          } else {
            const item = items.get(a.item)!;
            const time = ppro.TickTime.createWithSeconds(a.time);
            compound.addAction(
              a.kind === 'overwrite'
                ? editor.createOverwriteItemAction(item, time, 0, a.audioTrack)
                : editor.createInsertProjectItemAction(item, time, a.videoTrack, a.audioTrack, true),
            );
          }
        }
      });
    },
    async placedClip(itemId: string, audioTrack: number, time: number): Promise<string | null> {
      const s = await mustSequence();
      const item = items.get(itemId);
      if (!item || audioTrack >= (await s.sequence.getAudioTrackCount())) return null;
      const track = await s.sequence.getAudioTrack(audioTrack);
      for (const clip of track.getTrackItems(ppro.Constants.TrackItemType.CLIP, false)) {
        if (Math.abs((await read.span(clip)).start - time) > 0.01) continue;
        const source = await clip.getProjectItem();
        if (source && (source.getId?.() === itemId || source.name === item.name)) {
          const id = `placed-${placed.size + 1}`;
          placed.set(id, clip);
          return id;
        }
      }
      return null;
    },
    async audition(path: string): Promise<boolean> {
      try {
        if (!(await ppro.SourceMonitor.openFilePath(path))) return false;
        return (await ppro.SourceMonitor.play(1.0)) !== false;
      } catch {
        return false;
      }
    },
    async reveal(folder: string): Promise<boolean> {
      if (!options.shell) return false;
      try {
        return (
          (await options.shell.openPath(folder, 'Shows the folder where Audiogenesis saved the music.')) ===
          ''
        );
      } catch {
        return false;
      }
    },
    async selectClip(clip: string): Promise<boolean> {
      const s = await sequence();
      const item = placed.get(clip);
      if (!s || !item) return false;
      const selection = selectionOf(item);
      if (!selection) return false;
      // 25.6 answers a Promise, 26.3 a boolean.
      return (await (s.sequence.setSelection(selection) as boolean | Promise<boolean>)) !== false;
    },
  };
}

export type { ProjectInfo };
