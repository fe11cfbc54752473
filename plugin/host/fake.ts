/**
 * An in-memory Premiere Pro for tests and the browser preview: a project, a sequence with markers, a
 * selection, audio and video tracks, a Source Monitor and a disk. It records every file written, import,
 * transaction (one undo step each), audition and reveal, checks that no edit overlaps what is on a track,
 * shifts the picture as the worst case of an insert would, and can be told to fail in each way the real
 * one can.
 */
import type {
  AudioTrackInfo,
  AudioTracks,
  ClipInfo,
  EditAction,
  HostFiles,
  MarkerInfo,
  PremiereHost,
  ProjectInfo,
  SequenceInfo,
  Span,
  Transaction,
  VideoTrackInfo,
} from './types';

/** Ways the fake can be told to fail. */
export interface FakeFailures {
  /** `importFiles` answers false. */
  import?: boolean;
  /** The imported item cannot be found by its path. */
  findItem?: boolean;
  /** Writes fail with ENOSPC. */
  diskFull?: boolean;
  /** `executeTransaction` answers false. */
  transaction?: boolean;
  /** The Source Monitor refuses the file. */
  audition?: boolean;
}

/** A selected clip, with the transcript its media has (if any). */
export type FakeClip = ClipInfo & { transcript?: string };

/** The fake's starting state; every field has a default. */
export interface FakeOptions {
  /** Default a saved project at /Users/editor/Ads/Spot.prproj; `null` for none open. */
  project?: ProjectInfo | null;
  /** Default a 30 s sequence without in/out; `null` for none active. */
  sequence?: SequenceInfo | null;
  markers?: MarkerInfo[];
  clips?: FakeClip[];
  /** Audio tracks and their clips. Default: A1 with dialogue over 0..30 s, A2 empty. */
  tracks?: { name?: string; items: Span[] }[];
  /** Video tracks and their clips (the picture). Default: V1 with a clip over 0..30 s. */
  video?: { items: Span[] }[];
  /** Whether tracks can be renamed (Premiere 26.3+). Default true. */
  canNameTrack?: boolean;
  /** Most audio tracks the sequence may have. Default 99. */
  maxAudioTracks?: number;
  /** Files already on disk (path -> contents). */
  files?: Record<string, string>;
  dataFolder?: string;
  fail?: FakeFailures;
}

/** One imported project item. */
export interface FakeItem {
  id: string;
  path: string;
  bin: string;
  /** Media length read from the WAV header. */
  seconds: number;
}

/** One placed clip. */
export interface FakePlacement {
  /** The clip's id (for remove). */
  clip: string;
  item: string;
  path: string;
  audioTrack: number;
  start: number;
  end: number;
  newTrack: boolean;
  /** True if the edit landed on something already there (must never happen). */
  overwrote: boolean;
  /** False once removed (by a replacement, or undone). */
  onTimeline: boolean;
}

/** A JSON-safe view of what the fake recorded (for the browser test). */
export interface FakeSnapshot {
  files: { path: string; size: number; head: string }[];
  bins: string[];
  imports: { path: string; bin: string; ok: boolean }[];
  items: FakeItem[];
  transactions: (Transaction & { ok: boolean })[];
  placements: FakePlacement[];
  tracks: AudioTrackInfo[];
  video: VideoTrackInfo[];
  auditions: string[];
  reveals: string[];
  selected: string[];
}

/** Seconds of a PCM WAV from its header, or `null` when the bytes are not a WAV. */
export function wavSeconds(b: Uint8Array): number | null {
  const tag = (o: number): string => String.fromCharCode(b[o], b[o + 1], b[o + 2], b[o + 3]);
  if (b.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let byteRate = 0;
  for (let o = 12; o + 8 <= b.length;) {
    const size = view.getUint32(o + 4, true);
    if (tag(o) === 'fmt ') byteRate = view.getUint32(o + 16, true);
    if (tag(o) === 'data') return byteRate > 0 ? Math.min(size, b.length - o - 8) / byteRate : null;
    o += 8 + size + (size % 2);
  }
  return null;
}

const enospc = (path: string): Error =>
  Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC' });

/** The fake Premiere Pro. */
export class FakePremiereHost implements PremiereHost {
  readonly disk = new Map<string, Uint8Array>();
  readonly folders = new Set<string>();
  readonly bins = new Map<string, string>();
  readonly items: FakeItem[] = [];
  readonly imports: { path: string; bin: string; ok: boolean }[] = [];
  readonly transactions: (Transaction & { ok: boolean })[] = [];
  readonly placements: FakePlacement[] = [];
  readonly tracks: AudioTrackInfo[];
  readonly video: VideoTrackInfo[];
  readonly auditions: string[] = [];
  readonly reveals: string[] = [];
  readonly selected: string[] = [];
  private readonly canNameTrack: boolean;
  readonly fail: FakeFailures;
  readonly files: HostFiles;
  private readonly o: Required<Omit<FakeOptions, 'fail' | 'tracks' | 'files' | 'video' | 'canNameTrack'>>;

  constructor(options: FakeOptions = {}) {
    this.o = {
      project:
        options.project === undefined
          ? { name: 'Spot', path: '/Users/editor/Ads/Spot.prproj' }
          : options.project,
      sequence:
        options.sequence === undefined
          ? { name: 'Spot 30s', end: 30, inPoint: null, outPoint: null, zeroPoint: 0 }
          : options.sequence,
      markers: options.markers ?? [],
      clips: options.clips ?? [],
      maxAudioTracks: options.maxAudioTracks ?? 99,
      dataFolder: options.dataFolder ?? '/Users/editor/Library/Application Support/Audiogenesis/PluginData',
    };
    this.fail = { ...options.fail };
    this.tracks = (
      options.tracks ?? [{ name: 'Dialogue', items: [{ start: 0, end: 30 }] }, { items: [] }]
    ).map((t, index) => ({
      index,
      name: t.name ?? `Audio ${index + 1}`,
      items: t.items.map((s) => ({ ...s })),
    }));
    this.video = (options.video ?? [{ items: [{ start: 0, end: 30 }] }]).map((t, index) => ({
      index,
      items: t.items.map((x) => ({ ...x })),
    }));
    this.canNameTrack = options.canNameTrack ?? true;
    for (const [path, text] of Object.entries(options.files ?? {}))
      this.disk.set(path, new TextEncoder().encode(text));
    this.files = {
      dataFolder: async () => this.o.dataFolder,
      exists: async (path) => this.disk.has(path) || this.folders.has(path),
      makeFolder: async (path) => void this.folders.add(path),
      writeNew: async (path, bytes) => {
        if (this.disk.has(path)) throw new Error(`EEXIST: file already exists, '${path}'`);
        if (this.fail.diskFull) throw enospc(path);
        this.disk.set(path, bytes.slice());
      },
      remove: async (path) => void this.disk.delete(path),
    };
  }

  async project(): Promise<ProjectInfo | null> {
    return this.o.project;
  }

  async activeSequence(): Promise<SequenceInfo | null> {
    return this.o.project ? this.o.sequence : null;
  }

  async markers(): Promise<MarkerInfo[]> {
    return this.o.markers.map((m) => ({ ...m }));
  }

  async selectedClips(): Promise<ClipInfo[]> {
    return this.o.clips.map(({ transcript: _t, ...c }) => c);
  }

  async transcript(clipId: string): Promise<string | null> {
    return this.o.clips.find((c) => c.id === clipId)?.transcript ?? null;
  }

  async audioTracks(): Promise<AudioTracks> {
    return {
      tracks: this.tracks.map((t) => ({ ...t, items: t.items.map((s) => ({ ...s })) })),
      canAddTrack: this.tracks.length < this.o.maxAudioTracks,
      canNameTrack: this.canNameTrack,
    };
  }

  async videoTracks(): Promise<VideoTrackInfo[]> {
    return this.video.map((t) => ({ index: t.index, items: t.items.map((x) => ({ ...x })) }));
  }

  async ensureBin(name: string): Promise<string> {
    if (!this.bins.has(name)) this.bins.set(name, `bin-${this.bins.size + 1}`);
    return this.bins.get(name)!;
  }

  async importFile(path: string, bin: string): Promise<boolean> {
    const bytes = this.disk.get(path);
    const seconds = bytes ? wavSeconds(bytes) : null;
    const ok = !this.fail.import && seconds !== null && [...this.bins.values()].includes(bin);
    this.imports.push({ path, bin, ok });
    if (ok) this.items.push({ id: `item-${this.items.length + 1}`, path, bin, seconds: seconds! });
    return ok;
  }

  async findItem(path: string, bin: string): Promise<string | null> {
    if (this.fail.findItem) return null;
    return this.items.find((i) => i.path === path && i.bin === bin)?.id ?? null;
  }

  async transact(t: Transaction): Promise<boolean> {
    const known = (a: EditAction): boolean =>
      a.kind === 'remove'
        ? this.placements.some((p) => p.clip === a.clip && p.onTimeline)
        : a.kind === 'name-track'
          ? a.audioTrack < this.tracks.length && this.canNameTrack
          : this.items.some((i) => i.id === a.item);
    // As in Premiere, every action is made before any runs: a track that does not exist yet cannot be named.
    const ok = !this.fail.transaction && t.actions.every(known);
    this.transactions.push({ ...t, actions: t.actions.map((a) => ({ ...a })), ok });
    if (!ok) return false;
    for (const a of t.actions) this.run(a);
    return true;
  }

  private run(a: EditAction): void {
    if (a.kind === 'remove') {
      const p = this.placements.find((x) => x.clip === a.clip)!;
      p.onTimeline = false;
      const track = this.tracks[p.audioTrack];
      track.items = track.items.filter((s) => !(s.start === p.start && s.end === p.end));
      return;
    }
    if (a.kind === 'name-track') {
      this.tracks[a.audioTrack].name = a.name;
      return;
    }
    const item = this.items.find((i) => i.id === a.item)!;
    const span = { start: a.time, end: a.time + item.seconds };
    const newTrack = a.kind === 'insert-new-track';
    if (newTrack) {
      if (a.audioTrack !== this.tracks.length)
        throw new Error(`fake: a new track is index ${this.tracks.length}, not ${a.audioTrack}`);
      this.tracks.push({ index: this.tracks.length, name: `Audio ${this.tracks.length + 1}`, items: [] });
      // The worst case the docs leave open: an insert shifts what lies after it on its video track too.
      const v = this.video[a.videoTrack];
      if (v)
        v.items = v.items.map((x) =>
          x.end > a.time
            ? {
                start: Math.max(x.start, a.time) === x.start ? x.start + item.seconds : x.start,
                end: x.end + item.seconds,
              }
            : x,
        );
    }
    const track = this.tracks[a.audioTrack];
    if (!track) throw new Error(`fake: no audio track ${a.audioTrack}`);
    const overwrote = track.items.some((s) => s.start < span.end && s.end > span.start);
    track.items.push(span);
    this.placements.push({
      clip: `clip-${this.placements.length + 1}`,
      item: item.id,
      path: item.path,
      audioTrack: a.audioTrack,
      ...span,
      newTrack,
      overwrote,
      onTimeline: true,
    });
  }

  async placedClip(item: string, audioTrack: number, time: number): Promise<string | null> {
    const p = this.placements.find(
      (x) =>
        x.onTimeline && x.item === item && x.audioTrack === audioTrack && Math.abs(x.start - time) < 0.01,
    );
    return p?.clip ?? null;
  }

  async audition(path: string): Promise<boolean> {
    if (this.fail.audition || !this.disk.has(path)) return false;
    this.auditions.push(path);
    return true;
  }

  async reveal(folder: string): Promise<boolean> {
    this.reveals.push(folder);
    return this.folders.has(folder);
  }

  async selectClip(clip: string): Promise<boolean> {
    if (!this.placements.some((p) => p.clip === clip && p.onTimeline)) return false;
    this.selected.push(clip);
    return true;
  }

  /** What was recorded, as plain JSON data. */
  snapshot(): FakeSnapshot {
    return {
      files: [...this.disk].map(([path, b]) => ({
        path,
        size: b.length,
        head: String.fromCharCode(...b.subarray(0, 4)),
      })),
      bins: [...this.bins.keys()],
      imports: this.imports.map((i) => ({ ...i })),
      items: this.items.map((i) => ({ ...i })),
      transactions: this.transactions.map((t) => ({ ...t, actions: t.actions.map((a) => ({ ...a })) })),
      placements: this.placements.map((p) => ({ ...p })),
      tracks: this.tracks.map((t) => ({ ...t, items: t.items.map((s) => ({ ...s })) })),
      video: this.video.map((t) => ({ index: t.index, items: t.items.map((s) => ({ ...s })) })),
      auditions: [...this.auditions],
      reveals: [...this.reveals],
      selected: [...this.selected],
    };
  }
}
