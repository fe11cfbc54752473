/**
 * The real host: {@link PremiereHost} over Premiere Pro's UXP API (`require('premierepro')`, typed by
 * `@adobe/premierepro`). TickTimes become seconds; project items, bins and clips are kept by id; edits run
 * as `project.lockedAccess(() => project.executeTransaction(...))` with every action created inside the
 * lock. `importFiles` answers only a boolean, so the new item is found by its media path.
 */
import type {
  AudioClipTrackItem,
  ClipProjectItem,
  CompoundAction,
  FolderItem,
  premierepro,
  Project,
  ProjectItem,
  Sequence,
  TickTime,
  VideoClipTrackItem,
} from '@adobe/premierepro';
import type {
  AudioTrackInfo,
  AudioTracks,
  ClipInfo,
  HostFiles,
  MarkerInfo,
  PremiereHost,
  ProjectInfo,
  SequenceInfo,
  Transaction,
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
>;

/** Settings of {@link createPremiereHost}; every field has a default. */
export interface PremiereHostOptions {
  /** Audio tracks a sequence may have (Premiere's limit). Default 99. */
  maxAudioTracks?: number;
  /** Video track index passed with audio-only edits. Default 0. */
  videoTrack?: number;
}

type TrackItem = AudioClipTrackItem | VideoClipTrackItem;

/** Differences below this (seconds) are the same time. */
const EPSILON = 0.0005;
const seconds = (t: TickTime | null | undefined): number => (t && Number.isFinite(t.seconds) ? t.seconds : 0);
const samePath = (a: string, b: string): boolean => {
  const norm = (p: string) => p.replace(/\\/g, '/');
  return /^[a-z]:/i.test(a) ? norm(a).toLowerCase() === norm(b).toLowerCase() : norm(a) === norm(b);
};

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
  const videoTrack = options.videoTrack ?? 0;
  const clips = new Map<string, TrackItem>();
  const bins = new Map<string, FolderItem>();
  const items = new Map<string, ProjectItem>();

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
  const findBin = async (root: FolderItem, name: string): Promise<FolderItem | null> => {
    for (const item of await root.getItems())
      if (item.type === ppro.ProjectItem.TYPE_BIN && item.name === name) return ppro.FolderItem.cast(item);
    return null;
  };

  return {
    files,
    async project(): Promise<ProjectInfo | null> {
      const p = await project();
      if (!p) return null;
      return { name: p.name, path: p.path && /\.prproj$/i.test(p.path) ? p.path : null };
    },
    async activeSequence(): Promise<SequenceInfo | null> {
      const s = await sequence();
      if (!s) return null;
      const end = seconds(await s.sequence.getEndTime());
      const inAt = seconds(await s.sequence.getInPoint());
      const outAt = seconds(await s.sequence.getOutPoint());
      // Premiere reports 0 and the sequence end when nothing is marked.
      const inPoint = inAt > EPSILON ? inAt : null;
      const outPoint =
        outAt > EPSILON && Math.abs(outAt - end) > EPSILON && outAt > (inPoint ?? 0) ? outAt : null;
      return { name: s.sequence.name, end, inPoint, outPoint };
    },
    async markers(): Promise<MarkerInfo[]> {
      const s = await mustSequence();
      const markers = await ppro.Markers.getMarkers(s.sequence);
      return markers.getMarkers().map((m) => ({
        name: m.getName() ?? '',
        comments: m.getComments() ?? '',
        start: seconds(m.getStart()),
        duration: seconds(m.getDuration()),
      }));
    },
    async selectedClips(): Promise<ClipInfo[]> {
      const s = await mustSequence();
      const selected = await (await s.sequence.getSelection()).getTrackItems();
      const out: ClipInfo[] = [];
      const seen = new Set<string>();
      for (const item of selected) {
        const name = await item.getName();
        const start = seconds(await item.getStartTime());
        const key = `${name}@${start.toFixed(3)}`;
        if (seen.has(key)) continue; // the audio and video halves of one linked clip
        seen.add(key);
        const id = `clip-${clips.size + 1}`;
        clips.set(id, item);
        out.push({
          id,
          name,
          start,
          end: seconds(await item.getEndTime()),
          sourceIn: seconds(await item.getInPoint()),
        });
      }
      return out;
    },
    async transcript(clipId: string): Promise<string | null> {
      const item = clips.get(clipId);
      if (!item) return null;
      const clip: ClipProjectItem = ppro.ClipProjectItem.cast(await item.getProjectItem());
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
    async audioTracks(): Promise<AudioTracks> {
      const s = await mustSequence();
      const count = await s.sequence.getAudioTrackCount();
      const tracks: AudioTrackInfo[] = [];
      for (let index = 0; index < count; index++) {
        const track = await s.sequence.getAudioTrack(index);
        const spans = [];
        for (const item of track.getTrackItems(ppro.Constants.TrackItemType.CLIP, false))
          spans.push({ start: seconds(await item.getStartTime()), end: seconds(await item.getEndTime()) });
        tracks.push({ index, name: track.name, items: spans });
      }
      return { tracks, canAddTrack: count < maxAudioTracks };
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
      for (const item of (await bin.getItems()).reverse()) {
        if (item.type === ppro.ProjectItem.TYPE_BIN) continue;
        const media = await ppro.ClipProjectItem.cast(item).getMediaFilePath();
        if (media && samePath(media, path)) {
          items.set(item.getId(), item);
          return item.getId();
        }
      }
      return null;
    },
    async transact(t: Transaction): Promise<boolean> {
      const s = await mustSequence();
      if (t.actions.some((a) => !items.has(a.item))) return false;
      const editor = ppro.SequenceEditor.getEditor(s.sequence);
      return inTransaction(s.project, t.label, (compound) => {
        for (const a of t.actions) {
          const item = items.get(a.item)!;
          const time = ppro.TickTime.createWithSeconds(a.time);
          compound.addAction(
            a.kind === 'overwrite'
              ? editor.createOverwriteItemAction(item, time, videoTrack, a.audioTrack)
              : editor.createInsertProjectItemAction(item, time, videoTrack, a.audioTrack, true),
          );
        }
      });
    },
  };
}
