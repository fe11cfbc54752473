/**
 * MIDI bytes <-> NoteSequence, through @tonejs/midi. Several tracks, tempo changes, time signatures, key
 * signatures, programs and drums on channel 10 are kept; times become beats.
 */
import { Midi } from '@tonejs/midi';
import { MidiParseError } from '../errors';
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

const DEFAULTS: Required<MidiReadOptions> = { maxBytes: 8 * 1024 * 1024, maxNotes: 400_000, maxBeats: 40_000 };
const KEY_NAMES: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

function pitchClassOf(name: string): number {
  const base = KEY_NAMES[name[0]?.toUpperCase() ?? ''] ?? 0;
  const acc = name.slice(1).replace(/[^#b]/g, '');
  return (((base + [...acc].reduce((s, c) => s + (c === '#' ? 1 : -1), 0)) % 12) + 12) % 12;
}

function parse(bytes: Uint8Array): Midi {
  if (bytes.length < 14) throw new MidiParseError(`file too short (${bytes.length} bytes) to be MIDI`);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== 'MThd') throw new MidiParseError('not a MIDI file (no MThd header)');
  try {
    return new Midi(bytes);
  } catch (cause) {
    throw new MidiParseError(`corrupt MIDI: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Reads a Standard MIDI File into a NoteSequence (times in beats, tempo map kept).
 * Track roles come from {@link roleOfTrack}.
 * @throws {MidiParseError} when the bytes are truncated, corrupt, empty, have no tracks or notes, or exceed the limits.
 */
export function midiToSequence(bytes: Uint8Array, options: MidiReadOptions = {}): NoteSequence {
  const o = { ...DEFAULTS, ...options };
  if (bytes.length > o.maxBytes) throw new MidiParseError(`file too large (${bytes.length} bytes > ${o.maxBytes})`);
  const midi = parse(bytes);
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
  const totalBeats = notes.reduce((m, n) => Math.max(m, n.end), 0);
  if (!(totalBeats <= o.maxBeats)) throw new MidiParseError(`piece too long (${Math.round(totalBeats)} beats > ${o.maxBeats})`);

  const tempos = midi.header.tempos
    .filter((t) => Number.isFinite(t.bpm) && t.bpm > 0)
    .map((t) => ({ beat: t.ticks / ppq, bpm: t.bpm }));
  if (tempos.length === 0 || tempos[0].beat > 0) tempos.unshift({ beat: 0, bpm: tempos[0]?.bpm ?? DEFAULT_BPM });
  const timeSignatures = midi.header.timeSignatures
    .filter((t) => t.timeSignature[0] > 0 && t.timeSignature[1] > 0)
    .map((t) => ({ beat: t.ticks / ppq, numerator: t.timeSignature[0], denominator: t.timeSignature[1] }));
  if (timeSignatures.length === 0 || timeSignatures[0].beat > 0)
    timeSignatures.unshift({ beat: 0, numerator: timeSignatures[0]?.numerator ?? 4, denominator: timeSignatures[0]?.denominator ?? 4 });
  const keySignatures: KeySignatureEvent[] = midi.header.keySignatures.map((k) => ({
    beat: k.ticks / ppq,
    tonic: pitchClassOf(k.key),
    mode: k.scale === 'minor' ? 'minor' : 'major',
  }));
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

const MAJOR_KEYS = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'Gb', 'G', 'Ab', 'A', 'Bb', 'B'];
const MINOR_KEYS = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'G#', 'A', 'Bb', 'B'];

/**
 * Writes a NoteSequence as a Standard MIDI File: one named track per entry of `seq.tracks` (or, for notes
 * without a track, one per role and program), drums on channel 10, other tracks on their own channels.
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
  midi.header.keySignatures = seq.keySignatures.map((k) => ({
    ticks: Math.round(k.beat * ppq),
    key: (k.mode === 'minor' ? MINOR_KEYS : MAJOR_KEYS)[k.tonic],
    scale: k.mode,
  }));
  midi.header.update();

  const groups = new Map<string, { info: TrackInfo; notes: Note[] }>();
  for (const n of seq.notes) {
    const info: TrackInfo =
      n.track !== undefined && seq.tracks[n.track]
        ? seq.tracks[n.track]
        : { name: n.role, program: n.program, isDrum: n.isDrum, role: n.role };
    const key = n.track !== undefined && seq.tracks[n.track] ? `t${n.track}` : `${n.role}/${n.program}/${n.isDrum}`;
    const g = groups.get(key) ?? groups.set(key, { info, notes: [] }).get(key)!;
    g.notes.push(n);
  }
  const order = (r: Role): number => ROLES.indexOf(r);
  let channel = 0;
  for (const { info, notes } of [...groups.values()].sort((a, b) => order(a.info.role) - order(b.info.role))) {
    const track = midi.addTrack();
    track.name = info.name;
    if (info.isDrum) track.channel = 9;
    else {
      if (channel === 9) channel++;
      track.channel = channel % 16;
      channel++;
    }
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
  return midi.toArray();
}
