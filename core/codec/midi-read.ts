/**
 * MIDI bytes -> NoteSequence, over the raw events of `smf.ts`: times become beats, each note keeps the
 * program in force on its channel when it started (a program change while it sounds does not move it),
 * notes a track never released are closed, and every track is placed in a role (`features/roles.ts`).
 * Marker events (locators) of every track become the sequence's `markers`, sorted by beat.
 *
 * - A note-on without a note-off ends at the next note-on of its pitch and channel in its track; without
 *   one, a drum ends a sixteenth after its onset and a pitched note at the end of its track. Each counts as
 *   repaired in the {@link MidiReadReport}.
 * - A track chunk that plays on several channels (format 0) becomes one track per channel.
 * - SMPTE time (frames per second instead of ticks per quarter note): ticks become seconds, and seconds
 *   become beats at the file's first tempo event (120 bpm without one); the piece gets that one tempo.
 * - Format 2 (independent sequences): the first sequence is read; the others are reported, not merged.
 * - Limits: the byte size is checked first, the note count while the events are read, the length in beats
 *   before the notes are sorted and placed.
 */
import { MidiParseError } from '../errors';
import type { Placement } from '../features/roles';
import { placeTracks, profileTrack } from '../features/roles';
import type {
  KeySignatureEvent,
  Note,
  NoteSequence,
  TempoEvent,
  TimeSignatureEvent,
  TrackInfo,
} from '../sequence';
import { sortNotes } from '../sequence';
import type { RawNote, RawProgram, SmfData } from './smf-data';
import { readSmf } from './smf';

/** Limits that reject absurd files before they cost memory or time. */
export interface MidiReadOptions {
  /** Largest file accepted, in bytes. Default 8 MiB. */
  maxBytes?: number;
  /** Most notes accepted. Default 400,000. */
  maxNotes?: number;
  /** Longest piece accepted, in beats. Default 40,000 (about 5.5 hours at 120 bpm). */
  maxBeats?: number;
}

/** What reading a file repaired, dropped or skipped. */
export interface MidiReadReport {
  format: number;
  timeBase: 'ticks per quarter' | 'smpte';
  /** Notes in the sequence. */
  notes: number;
  /** Notes never released in the file, closed by the reader. */
  repaired: number;
  /** Notes in the file that are not in the sequence (format 2's other sequences). */
  dropped: number;
  /** Note-offs with no sounding note. */
  orphanNoteOffs: number;
  /** Malformed or unknown events skipped. */
  skippedEvents: number;
  warnings: string[];
}

/** A file read: the sequence, its report and how each of its tracks was placed. */
export interface MidiRead {
  sequence: NoteSequence;
  report: MidiReadReport;
  /** One per `sequence.tracks` entry (a sound-effects track has a null role; the sequence calls it harmony). */
  placements: Placement[];
}

const DEFAULTS: Required<MidiReadOptions> = {
  maxBytes: 8 * 1024 * 1024,
  maxNotes: 400_000,
  maxBeats: 40_000,
};
/** Most silence after the last note that the reader keeps as part of the piece, in beats. */
const TRAILING_BEATS = 8;
/** The tempo SMPTE-timed files are read at when they state none. */
const SMPTE_BPM = 120;

/** Sorted by tick (stable); of several at one tick the last wins. */
function timeline<T extends { tick: number }>(events: readonly T[]): T[] {
  const sorted = events.map((e, i) => ({ e, i })).sort((a, b) => a.e.tick - b.e.tick || a.i - b.i);
  const out: T[] = [];
  for (const { e } of sorted)
    if (out.length && out[out.length - 1].tick === e.tick) out[out.length - 1] = e;
    else out.push(e);
  return out;
}

/** The program of a note: its own track's change at its tick, else the channel's last change by then. */
function programOf(n: RawNote, changes: readonly RawProgram[]): number {
  if (n.ownProgram >= 0) return n.ownProgram;
  let lo = 0;
  let hi = changes.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (changes[mid].tick <= n.on) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 ? changes[found].program : 0;
}

function maps(d: SmfData, ppq: number, smpteBpm: number | null) {
  const tempos: TempoEvent[] =
    smpteBpm !== null
      ? [{ beat: 0, bpm: smpteBpm }]
      : timeline(d.tempos).map((t) => ({ beat: t.tick / ppq, bpm: 60_000_000 / t.mpq }));
  if (tempos.length === 0 || tempos[0].beat > 0) tempos.unshift({ beat: 0, bpm: tempos[0]?.bpm ?? 120 });
  const timeSignatures: TimeSignatureEvent[] = timeline(d.timeSignatures).map((t) => ({
    beat: t.tick / ppq,
    numerator: t.numerator,
    denominator: t.denominator,
  }));
  if (timeSignatures.length === 0 || timeSignatures[0].beat > 0)
    timeSignatures.unshift({
      beat: 0,
      numerator: timeSignatures[0]?.numerator ?? 4,
      denominator: timeSignatures[0]?.denominator ?? 4,
    });
  const keySignatures: KeySignatureEvent[] = timeline(d.keySignatures).map((k) => {
    const major = (((k.sharps * 7) % 12) + 12) % 12;
    return {
      beat: k.tick / ppq,
      tonic: k.minor ? (major + 9) % 12 : major,
      mode: k.minor ? 'minor' : 'major',
    };
  });
  const markers = d.markers
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.tick - b.m.tick || a.i - b.i)
    .map(({ m }) => ({ beat: m.tick / ppq, text: m.text }));
  return { tempos, timeSignatures, keySignatures, ...(markers.length ? { markers } : {}) };
}

/** Notes with their times in ticks resolved (unreleased ones closed), grouped by (track chunk, channel). */
function resolveNotes(d: SmfData, ppq: number): { groups: Map<number, RawNote[]>; lastTick: number } {
  const programs = d.programs.map((list) => [...list].sort((a, b) => a.tick - b.tick || a.track - b.track));
  const groups = new Map<number, RawNote[]>();
  const sixteenth = Math.max(1, Math.round(ppq / 4));
  let lastTick = 0;
  for (const n of d.notes) {
    if (n.off < 0) {
      const drum = n.channel === 9;
      const next = n.next > n.on ? n.next : Infinity;
      const end = drum ? Math.min(next, n.on + sixteenth) : Math.min(next, d.ends[n.track]);
      n.off = end > n.on && Number.isFinite(end) ? end : n.on + sixteenth;
    }
    if (n.off <= n.on) n.off = n.on + 1;
    n.ownProgram = n.channel === 9 ? 0 : programOf(n, programs[n.channel]);
    lastTick = Math.max(lastTick, n.off);
    const key = n.track * 16 + n.channel;
    const g = groups.get(key);
    if (g) g.push(n);
    else groups.set(key, [n]);
  }
  return { groups, lastTick };
}

/**
 * Reads a Standard MIDI File (`.mid`, `.kar`, or RIFF `.rmi`) into a NoteSequence with a report of what
 * was repaired, dropped or skipped, and how each track was placed in a role.
 * @throws {MidiParseError} when the bytes are not MIDI, truncated, have no tracks or notes, or exceed a limit.
 */
export function readMidi(bytes: Uint8Array, options: MidiReadOptions = {}): MidiRead {
  try {
    return read(bytes, { ...DEFAULTS, ...options });
  } catch (cause) {
    if (cause instanceof MidiParseError) throw cause;
    throw new MidiParseError(`corrupt MIDI: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

function read(bytes: Uint8Array, o: Required<MidiReadOptions>): MidiRead {
  if (bytes.length > o.maxBytes)
    throw new MidiParseError(`file too large (${bytes.length} bytes > ${o.maxBytes})`);
  const d = readSmf(bytes, { maxNotes: o.maxNotes });
  if (d.notes.length === 0) throw new MidiParseError('MIDI file has no notes');
  const smpteBpm = d.smpte ? (d.tempos[0] ? 60_000_000 / d.tempos[0].mpq : SMPTE_BPM) : null;
  const ppq = d.smpte ? (d.smpte.fps * d.smpte.ticksPerFrame * 60) / smpteBpm! : d.ppq!;
  if (d.smpte)
    d.warnings.push(
      `SMPTE time (${d.smpte.fps} fps x ${d.smpte.ticksPerFrame}): seconds read as beats at ${+smpteBpm!.toFixed(3)} bpm`,
    );
  const { groups, lastTick } = resolveNotes(d, ppq);
  const marked = Math.max(0, ...d.ends) / ppq;
  const lastEnd = lastTick / ppq;
  const totalBeats = Math.max(lastEnd, Math.min(marked, lastEnd + TRAILING_BEATS));
  if (!(totalBeats <= o.maxBeats))
    throw new MidiParseError(`piece too long (${Math.round(totalBeats)} beats > ${o.maxBeats})`);

  const keys = [...groups.keys()].sort((a, b) => a - b);
  const channelsOf = new Map<number, number>();
  for (const k of keys) channelsOf.set(k >> 4, (channelsOf.get(k >> 4) ?? 0) + 1);
  const notes: Note[] = [];
  const tracks: TrackInfo[] = [];
  const trackNotes: Note[][] = [];
  for (const key of keys) {
    const chunk = key >> 4;
    const channel = key & 15;
    const isDrum = channel === 9;
    const own = groups.get(key)!.map((n): Note => ({
      pitch: n.pitch,
      start: n.on / ppq,
      end: n.off / ppq,
      velocity: n.velocity,
      role: 'harmony',
      program: n.ownProgram,
      isDrum,
      track: tracks.length,
    }));
    const base = d.names[chunk] ?? '';
    const name =
      channelsOf.get(chunk)! > 1 ? `${base || `track ${chunk + 1}`} ch${channel + 1}`.trim() : base;
    tracks.push({ name, program: 0, isDrum, role: 'harmony' });
    trackNotes.push(own);
    for (const n of own) notes.push(n);
  }
  const profiles = tracks.map((t, i) => profileTrack(t.name, t.isDrum, trackNotes[i]));
  const placements = placeTracks(profiles);
  tracks.forEach((t, i) => {
    const role = placements[i].role ?? 'harmony';
    Object.assign(t, { name: t.name || role, program: t.isDrum ? 0 : profiles[i].program, role });
    for (const n of trackNotes[i]) n.role = role;
  });
  const sequence: NoteSequence = {
    notes: sortNotes(notes),
    ...maps(d, ppq, smpteBpm),
    tracks,
    totalBeats,
    ...(d.names[0] ? { meta: { name: d.names[0] } } : {}),
  };
  const report: MidiReadReport = {
    format: d.format,
    timeBase: d.smpte ? 'smpte' : 'ticks per quarter',
    notes: notes.length,
    repaired: d.counts.unreleased,
    dropped: d.droppedNotes,
    orphanNoteOffs: d.counts.orphanOffs,
    skippedEvents: d.counts.skippedEvents,
    warnings: d.warnings,
  };
  return { sequence, report, placements };
}

/**
 * Reads a Standard MIDI File into a NoteSequence (times in beats, tempo map kept); see {@link readMidi}.
 * @throws {MidiParseError} when the bytes are truncated, corrupt, empty, have no tracks or notes, or exceed the limits.
 */
export function midiToSequence(bytes: Uint8Array, options: MidiReadOptions = {}): NoteSequence {
  return readMidi(bytes, options).sequence;
}
