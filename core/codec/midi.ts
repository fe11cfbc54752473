/**
 * MIDI bytes <-> NoteSequence, through @tonejs/midi. Several tracks, tempo changes, time signatures, key
 * signatures, programs and drums on channel 10 are kept; times become beats.
 */
import toneMidi from '@tonejs/midi';
import midiFile from 'midi-file';
import type { MidiEvent } from 'midi-file';
import { MidiParseError } from '../errors';
import { withMarkers } from './markers';
import { parsePitchClass } from '../features/annotations';
import { roleOfTrack } from '../features/roles';
import type { KeySignatureEvent, Note, NoteSequence, Role, TrackInfo } from '../sequence';
import { DEFAULT_BPM, ROLES, sortNotes } from '../sequence';

/** Limits that reject absurd files before they cost memory or time. */
export interface MidiReadOptions {
  /** Largest file accepted, in bytes. Default 8 MiB. */
  maxBytes?: number;
  /** Most notes accepted. Default 400,000. */
  maxNotes?: number;
  /** Longest piece accepted, in beats. Default 40,000 (about 5.5 hours at 120 bpm). */
  maxBeats?: number;
}

// @tonejs/midi is CommonJS: Node's ESM loader sees only its default export.
const { Midi } = toneMidi;
type Midi = InstanceType<typeof Midi>;

const DEFAULTS: Required<MidiReadOptions> = {
  maxBytes: 8 * 1024 * 1024,
  maxNotes: 400_000,
  maxBeats: 40_000,
};
const tag = (b: Uint8Array, at: number): string =>
  String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
const u32 = (b: Uint8Array, at: number): number =>
  ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;

/** Walks the chunk structure: a truncated file or one with fewer track chunks than its header says is rejected. */
function checkChunks(bytes: Uint8Array): void {
  const headerLength = u32(bytes, 4);
  const tracks = (bytes[10] << 8) | bytes[11];
  if (tracks === 0) throw new MidiParseError('MIDI file has no tracks');
  let at = 8 + headerLength;
  let found = 0;
  while (at + 8 <= bytes.length) {
    const length = u32(bytes, at + 4);
    if (at + 8 + length > bytes.length)
      throw new MidiParseError(
        `truncated: chunk at byte ${at} needs ${length} bytes, ${bytes.length - at - 8} remain`,
      );
    if (tag(bytes, at) === 'MTrk') found++;
    at += 8 + length;
  }
  if (found < tracks)
    throw new MidiParseError(`truncated: header announces ${tracks} tracks, the file holds ${found}`);
}

function parse(bytes: Uint8Array): Midi {
  if (bytes.length < 14) throw new MidiParseError(`file too short (${bytes.length} bytes) to be MIDI`);
  if (tag(bytes, 0) !== 'MThd') throw new MidiParseError('not a MIDI file (no MThd header)');
  checkChunks(bytes);
  try {
    return new Midi(bytes);
  } catch (cause) {
    throw new MidiParseError(`corrupt MIDI: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

/**
 * Reads a Standard MIDI File into a NoteSequence (times in beats, tempo map kept).
 * Track roles come from {@link roleOfTrack}.
 * @throws {MidiParseError} when the bytes are truncated, corrupt, empty, have no tracks or notes, or exceed the limits.
 */
export function midiToSequence(bytes: Uint8Array, options: MidiReadOptions = {}): NoteSequence {
  const o = { ...DEFAULTS, ...options };
  if (bytes.length > o.maxBytes)
    throw new MidiParseError(`file too large (${bytes.length} bytes > ${o.maxBytes})`);
  const midi = parse(bytes);
  try {
    return convert(midi, o);
  } catch (cause) {
    if (cause instanceof MidiParseError) throw cause;
    throw new MidiParseError(`corrupt MIDI: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

function convert(midi: Midi, o: Required<MidiReadOptions>): NoteSequence {
  const ppq = midi.header.ppq;
  if (!Number.isFinite(ppq) || ppq <= 0) throw new MidiParseError(`invalid time division (${ppq})`);
  if (midi.tracks.length === 0) throw new MidiParseError('MIDI file has no tracks');
  const count = midi.tracks.reduce((s, t) => s + t.notes.length, 0);
  if (count === 0) throw new MidiParseError('MIDI file has no notes');
  if (count > o.maxNotes) throw new MidiParseError(`too many notes (${count} > ${o.maxNotes})`);

  const tracks: TrackInfo[] = [];
  const notes: Note[] = [];
  for (const t of midi.tracks) {
    if (t.notes.length === 0) continue;
    const isDrum = t.channel === 9 || t.instrument.percussion;
    const program = isDrum ? 0 : t.instrument.number;
    const meanPitch = t.notes.reduce((s, n) => s + n.midi, 0) / t.notes.length;
    const role = roleOfTrack({ name: t.name, program, isDrum, meanPitch });
    const track = tracks.push({ name: t.name || role, program, isDrum, role }) - 1;
    for (const n of t.notes) {
      const start = n.ticks / ppq;
      const end = (n.ticks + Math.max(1, n.durationTicks)) / ppq;
      if (!Number.isFinite(start) || start < 0) throw new MidiParseError('note with an invalid time');
      const velocity = Math.min(127, Math.max(1, Math.round(n.velocity * 127)));
      notes.push({ pitch: n.midi, start, end, velocity, role, program, isDrum, track });
    }
  }
  const lastEnd = notes.reduce((m, n) => Math.max(m, n.end), 0);
  // Trailing silence that the end-of-track marks (a loop's last rest), up to two bars of it.
  const marked = Math.max(0, ...midi.tracks.map((t) => (t.endOfTrackTicks ?? 0) / ppq));
  const totalBeats = Math.max(lastEnd, Math.min(marked, lastEnd + TRAILING_BEATS));
  if (!(totalBeats <= o.maxBeats))
    throw new MidiParseError(`piece too long (${Math.round(totalBeats)} beats > ${o.maxBeats})`);

  const tempos = midi.header.tempos
    .filter((t) => Number.isFinite(t.bpm) && t.bpm > 0)
    .map((t) => ({ beat: t.ticks / ppq, bpm: t.bpm }));
  if (tempos.length === 0 || tempos[0].beat > 0)
    tempos.unshift({ beat: 0, bpm: tempos[0]?.bpm ?? DEFAULT_BPM });
  const timeSignatures = midi.header.timeSignatures
    .filter((t) => t.timeSignature[0] > 0 && t.timeSignature[1] > 0)
    .map((t) => ({ beat: t.ticks / ppq, numerator: t.timeSignature[0], denominator: t.timeSignature[1] }));
  if (timeSignatures.length === 0 || timeSignatures[0].beat > 0)
    timeSignatures.unshift({
      beat: 0,
      numerator: timeSignatures[0]?.numerator ?? 4,
      denominator: timeSignatures[0]?.denominator ?? 4,
    });
  // @tonejs/midi names a key signature by its major key (sharps/flats), also when the mode is minor.
  const keySignatures: KeySignatureEvent[] = midi.header.keySignatures.flatMap((k) => {
    const major = parsePitchClass(k.key ?? '');
    if (major === null) return [];
    const minor = k.scale === 'minor';
    return [
      { beat: k.ticks / ppq, tonic: minor ? (major + 9) % 12 : major, mode: minor ? 'minor' : 'major' },
    ];
  });
  return {
    notes: sortNotes(notes),
    tempos,
    timeSignatures,
    keySignatures,
    tracks,
    totalBeats,
    ...(midi.header.name ? { meta: { name: midi.header.name } } : {}),
  };
}

/** Options of {@link sequenceToMidi}. */
export interface MidiWriteOptions {
  /** Ticks per beat. Default 480 (a 1/12-beat grid lands on whole ticks). */
  ppq?: number;
  /** File name stored in the header. */
  name?: string;
}

/** MIDI channel (0-based) of each role: melody 1, harmony 2, bass 3, drums 10 (as the bridge plays them). */
export const ROLE_CHANNELS: Record<Role, number> = { melody: 0, harmony: 1, bass: 2, drums: 9 };

/** Sharps (+) or flats (-) of a key's signature. */
export function signatureAccidentals(tonic: number, mode: KeySignatureEvent['mode']): number {
  const major = mode === 'minor' ? (tonic + 3) % 12 : tonic;
  return ((((major * 7) % 12) + 5) % 12) - 5;
}

/**
 * Adds key-signature meta events to the first track of written MIDI bytes (@tonejs/midi 2.0.28 writes the
 * key byte off by seven, so it is not used for them).
 */
/** Most silence after the last note that the reader keeps as part of the piece, in beats. */
const TRAILING_BEATS = 8;

/**
 * Adds key signatures to the conductor track (@tonejs/midi writes them wrongly) and puts every track's
 * end-of-track at `endTick` at the earliest, so that a piece ending in a rest keeps its length.
 */
function finishConductor(
  bytes: Uint8Array,
  keys: readonly KeySignatureEvent[],
  ppq: number,
  endTick: number,
): Uint8Array {
  const data = midiFile.parseMidi(bytes);
  data.tracks = data.tracks.map((track, i) => {
    let t = 0;
    const timed = track.map((e) => ({ e, at: (t += e.deltaTime) }));
    if (i === 0)
      for (const k of keys)
        timed.push({
          e: {
            type: 'keySignature',
            meta: true,
            key: signatureAccidentals(k.tonic, k.mode),
            scale: k.mode === 'minor' ? 1 : 0,
            deltaTime: 0,
          } as MidiEvent,
          at: Math.round(k.beat * ppq),
        });
    const body = timed.filter((x) => x.e.type !== 'endOfTrack').sort((a, b) => a.at - b.at);
    const last = body.reduce((m, x) => Math.max(m, x.at), 0);
    const end = {
      e: { type: 'endOfTrack', meta: true, deltaTime: 0 } as MidiEvent,
      at: Math.max(last, endTick),
    };
    let prev = 0;
    return [...body, end].map(({ e, at }) => {
      const delta = Math.max(0, at - prev);
      prev = Math.max(prev, at);
      return { ...e, deltaTime: delta };
    });
  });
  return Uint8Array.from(midiFile.writeMidi(data));
}

/**
 * Writes a NoteSequence as a Standard MIDI File: one named track per entry of `seq.tracks` (or, for notes
 * without a track, one per role and program), each role on its channel ({@link ROLE_CHANNELS}; a second
 * track of a role takes a spare channel), drums on channel 10, program changes first.
 */
export function sequenceToMidi(seq: NoteSequence, options: MidiWriteOptions = {}): Uint8Array {
  const ppq = options.ppq ?? 480;
  const midi = new Midi();
  // @tonejs/midi exposes ppq read-only; its header keeps it in a private field.
  (midi.header as unknown as { _ppq: number })._ppq = ppq;
  if (options.name ?? seq.meta?.name) midi.header.name = String(options.name ?? seq.meta?.name);
  midi.header.tempos = seq.tempos.map((t) => ({ ticks: Math.round(t.beat * ppq), bpm: t.bpm }));
  midi.header.timeSignatures = seq.timeSignatures.map((t) => ({
    ticks: Math.round(t.beat * ppq),
    timeSignature: [t.numerator, t.denominator],
  }));
  midi.header.update();

  const groups = new Map<string, { info: TrackInfo; notes: Note[] }>();
  for (const n of seq.notes) {
    const info: TrackInfo =
      n.track !== undefined && seq.tracks[n.track]
        ? seq.tracks[n.track]
        : { name: n.role, program: n.program, isDrum: n.isDrum, role: n.role };
    const key =
      n.track !== undefined && seq.tracks[n.track] ? `t${n.track}` : `${n.role}/${n.program}/${n.isDrum}`;
    const g = groups.get(key) ?? groups.set(key, { info, notes: [] }).get(key)!;
    g.notes.push(n);
  }
  const order = (r: Role): number => ROLES.indexOf(r);
  const used = new Set<number>();
  const spare = [3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15];
  for (const { info, notes } of [...groups.values()].sort(
    (a, b) => order(a.info.role) - order(b.info.role),
  )) {
    const track = midi.addTrack();
    track.name = info.name;
    const own = info.isDrum ? 9 : ROLE_CHANNELS[info.role];
    track.channel = info.isDrum || !used.has(own) ? own : (spare.shift() ?? own);
    used.add(track.channel);
    track.instrument.number = info.isDrum ? 0 : info.program;
    for (const n of notes) {
      const ticks = Math.round(n.start * ppq);
      track.addNote({
        midi: n.pitch,
        ticks,
        durationTicks: Math.max(1, Math.round(n.end * ppq) - ticks),
        velocity: (Math.min(127, Math.max(1, Math.round(n.velocity))) + 0.5) / 127,
      });
    }
  }
  const bytes = finishConductor(midi.toArray(), seq.keySignatures, ppq, Math.round(seq.totalBeats * ppq));
  return withMarkers(bytes, seq.markers ?? [], ppq);
}
