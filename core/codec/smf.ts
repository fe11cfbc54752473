/**
 * Standard MIDI File bytes -> raw events, in one linear pass of our own (no @tonejs/midi, no midi-file:
 * both refuse a whole file for one malformed meta event). The container is unwrapped first (RIFF `.rmi`:
 * its `data` chunk; `.kar` files are plain SMF). Every track is walked once: note-ons and note-offs are
 * paired per (track, channel, pitch) first-in first-out as they arrive, so pairing is O(events) whatever
 * the track's size; program changes, tempos, meters, keys, markers and track names are collected on the
 * way.
 * Anything this pass repairs or skips is counted (`SmfCounts`, smf-data.ts).
 */
import { MidiParseError } from '../errors';

import type { RawNote, SmfData, SmfLimits } from './smf-data';

const tag = (b: Uint8Array, at: number): string =>
  String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
const u32 = (b: Uint8Array, at: number): number =>
  ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
const u32le = (b: Uint8Array, at: number): number =>
  (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;

/**
 * The SMF inside a RIFF `RMID` file (its `data` chunk); other bytes are returned as they are.
 * @throws {MidiParseError} when a RIFF file holds no `data` chunk.
 */
export function unwrapRiff(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 12 || tag(bytes, 0) !== 'RIFF' || tag(bytes, 8) !== 'RMID') return bytes;
  for (let at = 12; at + 8 <= bytes.length;) {
    const size = u32le(bytes, at + 4);
    if (tag(bytes, at) === 'data') return bytes.subarray(at + 8, Math.min(bytes.length, at + 8 + size));
    at += 8 + size + (size & 1);
  }
  throw new MidiParseError('RIFF MIDI (.rmi) file without a data chunk');
}

/** Latin-1 / UTF-8 text of a meta event. */
function text(b: Uint8Array, from: number, to: number): string {
  const slice = b.subarray(from, Math.min(to, from + 256));
  const Decoder = (globalThis as { TextDecoder?: typeof TextDecoder }).TextDecoder;
  if (Decoder)
    try {
      return new Decoder('utf-8', { fatal: true }).decode(slice);
    } catch {
      // not UTF-8: Latin-1 below
    }
  let s = '';
  for (const c of slice) s += String.fromCharCode(c);
  return s;
}

/** Most marker events kept from one file (a locator list, not data). */
const MAX_MARKERS = 10_000;

/** Lengths of system common / real-time messages that may stray into a track (they carry no timing). */
const SYSTEM_LENGTH: Record<number, number> = { 0xf1: 1, 0xf2: 2, 0xf3: 1 };

/** Per-track pairing state: open notes per (channel, pitch) key, first in first out. */
class Pairing {
  /** Note indices per key, in onset order. */
  private readonly byKey: (number[] | undefined)[] = new Array(2048);
  /** How many of `byKey[k]` are released (FIFO head). */
  private readonly head = new Int32Array(2048);

  constructor(private readonly notes: RawNote[]) {}

  on(index: number, key: number): void {
    (this.byKey[key] ??= []).push(index);
  }

  /** Releases the oldest sounding note of `key` at `tick`; false when none sounds. */
  off(key: number, tick: number): boolean {
    const list = this.byKey[key];
    if (!list || this.head[key] >= list.length) return false;
    this.notes[list[this.head[key]++]].off = tick;
    return true;
  }

  /** Leaves the unreleased notes open, each told the next onset of its key. Returns how many. */
  finish(): number {
    let open = 0;
    this.byKey.forEach((list, key) => {
      if (!list) return;
      for (let p = this.head[key]; p < list.length; p++) {
        const n = this.notes[list[p]];
        let q = p + 1;
        while (q < list.length && this.notes[list[q]].on <= n.on) q++;
        n.next = q < list.length ? this.notes[list[q]].on : -1;
        open++;
      }
    });
    return open;
  }
}

/** Reads one track chunk's events (bytes `from`..`to`). */
function readTrack(
  b: Uint8Array,
  from: number,
  to: number,
  track: number,
  d: SmfData,
  limits: SmfLimits,
): void {
  const pairing = new Pairing(d.notes);
  const ownTick = new Float64Array(16).fill(-1);
  const ownProgram = new Int16Array(16);
  let at = from;
  let tick = 0;
  let status = 0;
  let name = '';
  let instrument = '';
  let ended = false;
  const varint = (): number => {
    let v = 0;
    for (let i = 0; i < 4 && at < to; i++) {
      const c = b[at++];
      v = v * 128 + (c & 0x7f);
      if (!(c & 0x80)) return v;
    }
    return v;
  };
  const warn = (m: string): void => {
    if (d.warnings.length < 20) d.warnings.push(`track ${track}: ${m}`);
  };
  while (at < to && !ended) {
    tick += varint();
    if (at >= to) break;
    let s = b[at];
    if (s >= 0x80) at++;
    else if (status) s = status;
    else {
      at++;
      d.counts.skippedEvents++;
      continue;
    }
    if (s < 0xf0) {
      status = s;
      const type = s >> 4;
      const channel = s & 15;
      const one = type === 0xc || type === 0xd;
      if (at + (one ? 1 : 2) > to) break;
      const a = b[at] & 0x7f;
      const v = one ? 0 : b[at + 1] & 0x7f;
      at += one ? 1 : 2;
      const key = channel * 128 + a;
      if (type === 0x9 && v > 0) {
        if (d.notes.length >= limits.maxNotes)
          throw new MidiParseError(`too many notes (more than ${limits.maxNotes})`);
        const own = ownTick[channel] === tick ? ownProgram[channel] : -1;
        pairing.on(d.notes.length, key);
        d.notes.push({ on: tick, off: -1, pitch: a, velocity: v, channel, track, ownProgram: own, next: -1 });
      } else if (type === 0x8 || type === 0x9) {
        if (!pairing.off(key, tick)) d.counts.orphanOffs++;
      } else if (type === 0xc) {
        d.programs[channel].push({ tick, track, program: a });
        ownTick[channel] = tick;
        ownProgram[channel] = a;
      }
    } else if (s === 0xff) {
      const type = b[at++];
      const length = varint();
      if (at + length > to) {
        warn(`a meta event runs past the end of its chunk at byte ${at}; the rest of the track is ignored`);
        d.counts.skippedEvents++;
        break;
      }
      if (type === 0x2f) ended = true;
      else if (type === 0x51 || type === 0x58 || type === 0x59) {
        if (!meta(b, at, length, type, tick, d)) {
          d.counts.skippedEvents++;
          warn(`malformed meta event 0x${type.toString(16)} (${length} bytes) at tick ${tick} skipped`);
        }
      } else if (type === 0x06) {
        if (d.markers.length < MAX_MARKERS) d.markers.push({ tick, text: text(b, at, at + length) });
        else if (d.markers.length === MAX_MARKERS)
          warn(`more than ${MAX_MARKERS} markers: the rest are ignored`);
      } else if (type === 0x03 && !name) name = text(b, at, at + length).trim();
      else if (type === 0x04 && !instrument) instrument = text(b, at, at + length).trim();
      at += length;
    } else if (s === 0xf0 || s === 0xf7) {
      at += varint();
    } else {
      at += SYSTEM_LENGTH[s] ?? 0;
      d.counts.skippedEvents++;
    }
  }
  d.counts.unreleased += pairing.finish();
  d.names[track] = name || instrument;
  d.ends[track] = tick;
}

/** Reads a tempo, meter or key meta event into `d`; false when it is malformed. */
function meta(b: Uint8Array, at: number, length: number, type: number, tick: number, d: SmfData): boolean {
  if (type === 0x51) {
    const mpq = length === 3 ? (b[at] << 16) | (b[at + 1] << 8) | b[at + 2] : 0;
    if (mpq > 0) d.tempos.push({ tick, mpq });
    return mpq > 0;
  }
  if (type === 0x58) {
    // A short time signature (2 bytes: numerator and denominator power, no metronome bytes) is fine.
    const ok = length >= 2 && b[at] > 0 && b[at + 1] <= 6;
    if (ok) d.timeSignatures.push({ tick, numerator: b[at], denominator: 1 << b[at + 1] });
    return ok;
  }
  const sharps = length >= 2 ? (b[at] << 24) >> 24 : 99;
  const ok = sharps >= -7 && sharps <= 7 && b[at + 1] <= 1;
  if (ok) d.keySignatures.push({ tick, sharps, minor: b[at + 1] === 1 });
  return ok;
}

/** Finds the track chunks; a chunk that runs past the end of the file, or missing chunks, are refused. */
function trackChunks(b: Uint8Array, announced: number): [number, number][] {
  const out: [number, number][] = [];
  let at = 8 + u32(b, 4);
  while (at + 8 <= b.length) {
    const length = u32(b, at + 4);
    if (at + 8 + length > b.length)
      throw new MidiParseError(
        `truncated: chunk at byte ${at} needs ${length} bytes, ${b.length - at - 8} remain`,
      );
    if (tag(b, at) === 'MTrk') out.push([at + 8, at + 8 + length]);
    at += 8 + length;
  }
  if (out.length < announced)
    throw new MidiParseError(`truncated: header announces ${announced} tracks, the file holds ${out.length}`);
  return out.slice(0, announced);
}

function emptyData(format: number, ppq: number | null, smpte: SmfData['smpte'], chunks: number): SmfData {
  return {
    format,
    ppq,
    smpte,
    tracks: format === 2 ? 1 : chunks,
    chunks,
    notes: [],
    programs: Array.from({ length: 16 }, () => []),
    tempos: [],
    timeSignatures: [],
    keySignatures: [],
    markers: [],
    names: [],
    ends: [],
    counts: { unreleased: 0, orphanOffs: 0, skippedEvents: 0 },
    warnings: [],
  };
}

/**
 * Reads SMF (or RIFF-wrapped SMF) bytes into raw events. Format 2 files hold independent sequences: the
 * first is read, the others are reported as a warning with their notes counted as dropped.
 * @throws {MidiParseError} when the bytes are not MIDI, are truncated, have no tracks or too many notes.
 */
export function readSmf(input: Uint8Array, limits: SmfLimits): SmfData & { droppedNotes: number } {
  const b = unwrapRiff(input);
  if (b.length < 14) throw new MidiParseError(`file too short (${b.length} bytes) to be MIDI`);
  if (tag(b, 0) !== 'MThd') throw new MidiParseError('not a MIDI file (no MThd header)');
  const format = (b[8] << 8) | b[9];
  const announced = (b[10] << 8) | b[11];
  const division = (b[12] << 8) | b[13];
  if (announced === 0) throw new MidiParseError('MIDI file has no tracks');
  const chunks = trackChunks(b, announced);
  // SMPTE division: the high byte is minus the frame rate (29 stands for 29.97 drop-frame).
  const frames = 256 - (division >> 8);
  const smpte =
    division & 0x8000 ? { fps: frames === 29 ? 29.97 : frames, ticksPerFrame: division & 0xff } : null;
  if (smpte) {
    if (![24, 25, 29.97, 30].includes(smpte.fps) || smpte.ticksPerFrame === 0)
      throw new MidiParseError(
        `invalid SMPTE time division (${smpte.fps} fps, ${smpte.ticksPerFrame} ticks)`,
      );
  } else if (division === 0) throw new MidiParseError('invalid time division (0 ticks per quarter note)');
  const d = emptyData(format, smpte ? null : division, smpte, chunks.length);
  chunks.slice(0, d.tracks).forEach(([from, to], i) => readTrack(b, from, to, i, d, limits));
  let droppedNotes = 0;
  if (format === 2 && chunks.length > 1) {
    const rest = emptyData(format, d.ppq, smpte, chunks.length);
    chunks.slice(1).forEach(([from, to], i) => readTrack(b, from, to, i + 1, rest, limits));
    droppedNotes = rest.notes.length;
    d.warnings.push(
      `format 2: ${chunks.length} independent sequences; the first is read, the other ${chunks.length - 1} (${droppedNotes} notes) are not`,
    );
  }
  return { ...d, droppedNotes };
}
