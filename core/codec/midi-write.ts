/**
 * NoteSequence -> Standard MIDI File bytes (format 1), each track written once: a conductor track (name,
 * tempos, meters, key signatures and the sequence's markers as marker events, in beat order), then one named track per entry of `seq.tracks` that has
 * notes (or, for notes without a track, one per role and program). A track's events are ordered by one
 * numeric sort of packed keys (tick, kind, note order), so writing is O(n log n) in native code.
 *
 * Channels: drums on channel 10; the first melody, harmony and bass tracks on their role's channel
 * ({@link ROLE_CHANNELS}); further tracks on the spare channels 4-9 and 11-16. Past 15 melodic tracks, a
 * track shares the channel of a track with the same main program when there is one, else the channel
 * with the fewest notes. A program change is written before every note whose program differs from its
 * channel's (and, at a tick where one does, before each note of that tick in its own track), so every
 * note keeps its program when read back, shared channel or not (the reader, like a synthesizer, keeps a
 * sounding note's program).
 * Tempos are written as whole microseconds per quarter note, rounded: a tempo read from a file comes back
 * to the microsecond.
 */
import type { KeySignatureEvent, Note, NoteSequence, Role, TrackInfo } from '../sequence';
import { ROLES } from '../sequence';
import { markerData } from './markers';

/** Options of {@link sequenceToMidi}. */
export interface MidiWriteOptions {
  /** Ticks per beat. Default 480 (a 1/12-beat grid lands on whole ticks). */
  ppq?: number;
  /** File name stored in the header. */
  name?: string;
}

/** MIDI channel (0-based) of each role: melody 1, harmony 2, bass 3, drums 10 (as the bridge plays them). */
export const ROLE_CHANNELS: Record<Role, number> = { melody: 0, harmony: 1, bass: 2, drums: 9 };
const SPARE = [3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15];

/** Sharps (+) or flats (-) of a key's signature. */
export function signatureAccidentals(tonic: number, mode: KeySignatureEvent['mode']): number {
  const major = mode === 'minor' ? (tonic + 3) % 12 : tonic;
  return ((((major * 7) % 12) + 5) % 12) - 5;
}

/** A byte writer of known capacity. */
class Writer {
  readonly buf: Uint8Array;
  at = 0;
  constructor(capacity: number) {
    this.buf = new Uint8Array(capacity);
  }
  byte(x: number): void {
    this.buf[this.at++] = x;
  }
  varint(v: number): void {
    let shift = 21;
    while (shift > 0 && v < 2 ** shift) shift -= 7;
    for (; shift > 0; shift -= 7) this.byte((Math.floor(v / 2 ** shift) & 0x7f) | 0x80);
    this.byte(v & 0x7f);
  }
  bytes(xs: readonly number[]): void {
    for (const x of xs) this.byte(x);
  }
  meta(type: number, data: readonly number[]): void {
    this.byte(0xff);
    this.byte(type);
    this.varint(data.length);
    this.bytes(data);
  }
}

/** UTF-8 bytes of a name (TextEncoder is global in Node and browsers; the panel installs it on old UXP). */
const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];

/** An MTrk chunk around a track body. */
function chunk(body: Writer): Uint8Array {
  const n = body.at;
  const out = new Uint8Array(8 + n);
  out.set([0x4d, 0x54, 0x72, 0x6b, n >>> 24, (n >> 16) & 255, (n >> 8) & 255, n & 255]);
  out.set(body.buf.subarray(0, n), 8);
  return out;
}

/** The conductor track: name, tempos, meters, key signatures and markers, each kind in beat order. */
function conductor(seq: NoteSequence, ppq: number, name: string | undefined, endTick: number): Uint8Array {
  const at = (beat: number): number => Math.max(0, Math.round(beat * ppq));
  const events: { tick: number; order: number; type: number; data: number[] }[] = [];
  if (name) events.push({ tick: 0, order: -1, type: 0x03, data: utf8(name) });
  seq.tempos.forEach((t, i) => {
    const mpq = Math.min(0xffffff, Math.max(1, Math.round(60_000_000 / t.bpm)));
    events.push({ tick: at(t.beat), order: i, type: 0x51, data: [mpq >> 16, (mpq >> 8) & 255, mpq & 255] });
  });
  seq.timeSignatures.forEach((t, i) => {
    const power = Math.max(0, Math.round(Math.log2(t.denominator)));
    events.push({ tick: at(t.beat), order: 1e6 + i, type: 0x58, data: [t.numerator & 255, power, 24, 8] });
  });
  seq.keySignatures.forEach((k, i) => {
    const sf = signatureAccidentals(k.tonic, k.mode) & 255;
    events.push({ tick: at(k.beat), order: 2e6 + i, type: 0x59, data: [sf, k.mode === 'minor' ? 1 : 0] });
  });
  (seq.markers ?? []).forEach((m, i) => {
    events.push({ tick: at(m.beat), order: 3e6 + i, type: 0x06, data: markerData(m.text) });
  });
  events.sort((a, b) => a.tick - b.tick || a.order - b.order);
  const w = new Writer(32 + events.reduce((s, e) => s + 8 + e.data.length, 0));
  let prev = 0;
  for (const e of events) {
    w.varint(e.tick - prev);
    prev = e.tick;
    w.meta(e.type, e.data);
  }
  w.varint(Math.max(0, endTick - prev));
  w.meta(0x2f, []);
  return chunk(w);
}

/** A written track: its info, its notes (sorted by onset, then pitch) with their ticks, and its channel. */
interface Group {
  info: TrackInfo;
  notes: Note[];
  on: Float64Array;
  off: Float64Array;
  /** Program change to write before each note (-1: none). */
  change: Int16Array;
  channel: number;
}

function makeGroup(info: TrackInfo, notes: Note[], ppq: number): Group {
  const ticks = notes.map((n) => Math.max(0, Math.round(n.start * ppq)));
  const order = notes.map((_, i) => i).sort((a, b) => ticks[a] - ticks[b] || notes[a].pitch - notes[b].pitch);
  const sorted = order.map((i) => notes[i]);
  const on = Float64Array.from(order, (i) => ticks[i]);
  const off = Float64Array.from(sorted, (n, i) => Math.max(on[i] + 1, Math.round(n.end * ppq)));
  return { info, notes: sorted, on, off, change: new Int16Array(sorted.length).fill(-1), channel: 0 };
}

/**
 * Groups notes into written tracks, in the order of `seq.tracks` (notes without a track after them, in role
 * order), and gives them channels (in role order: the first melody, harmony and bass take their role's).
 */
function groupTracks(seq: NoteSequence, ppq: number): Group[] {
  const byKey = new Map<string, { info: TrackInfo; notes: Note[]; rank: number }>();
  for (const n of seq.notes) {
    const own = n.track !== undefined && !!seq.tracks[n.track];
    const key = own ? `t${n.track}` : `${n.role}/${n.program}/${n.isDrum}`;
    let g = byKey.get(key);
    if (!g) {
      const info = own
        ? seq.tracks[n.track!]
        : { name: n.role, program: n.program, isDrum: n.isDrum, role: n.role };
      const rank = own ? n.track! : seq.tracks.length + ROLES.indexOf(n.role) * 1e6 + byKey.size;
      byKey.set(key, (g = { info, notes: [], rank }));
    }
    g.notes.push(n);
  }
  const order = (r: Role): number => ROLES.indexOf(r);
  const list = [...byKey.values()]
    .sort((a, b) => a.rank - b.rank)
    .map((g) => makeGroup(g.info, g.notes, ppq));
  const users = new Map<number, Group[]>();
  const spare = [...SPARE];
  const load = (gs: Group[]): number => gs.reduce((s, x) => s + x.notes.length, 0);
  for (const g of [...list].sort((a, b) => order(a.info.role) - order(b.info.role))) {
    const own = ROLE_CHANNELS[g.info.role];
    let channel: number;
    if (g.info.isDrum) channel = 9;
    else if (own !== 9 && !users.has(own)) channel = own;
    else if (spare.length) channel = spare.shift()!;
    else {
      const melodic = [...users.entries()].filter(([c]) => c !== 9);
      const same = melodic.find(([, gs]) => gs.every((x) => x.info.program === g.info.program));
      channel = (same ?? melodic.sort((a, b) => load(a[1]) - load(b[1]) || a[0] - b[0])[0])[0];
    }
    g.channel = channel;
    users.set(channel, [...(users.get(channel) ?? []), g]);
  }
  for (const [channel, gs] of users) if (channel !== 9) programChanges(gs);
  return list;
}

/**
 * Decides the program changes of one channel's tracks: before every note whose program differs from the
 * channel's; at a tick where one does, before each note of that tick in its own track (the reader takes a
 * note's own track's change at its tick first).
 */
function programChanges(groups: Group[]): void {
  const ons: { g: Group; gi: number; i: number }[] = [];
  groups.forEach((g, gi) => g.notes.forEach((_, i) => ons.push({ g, gi, i })));
  if (groups.length > 1) ons.sort((a, b) => a.g.on[a.i] - b.g.on[b.i] || a.gi - b.gi || a.i - b.i);
  let current = -1;
  for (let i = 0; i < ons.length;) {
    const tick = ons[i].g.on[ons[i].i];
    let j = i;
    let differs = false;
    for (; j < ons.length && ons[j].g.on[ons[j].i] === tick; j++)
      differs ||= (ons[j].g.notes[ons[j].i].program & 127) !== current;
    if (differs) {
      const last = new Map<Group, number>();
      for (let k = i; k < j; k++) {
        const { g, i: n } = ons[k];
        const program = g.notes[n].program & 127;
        if (last.get(g) !== program) g.change[n] = program;
        last.set(g, program);
        current = program;
      }
    }
    i = j;
  }
}

const KIND_OFF = 0;
const KIND_ON = 1;
const SLOT = 2 ** 21;

/** A note track: name, then note-offs before note-ons at a tick, each program change just before its note. */
function noteTrack(g: Group, endTick: number): Uint8Array {
  const n = g.notes.length;
  // Key = (tick * 2 + kind) * SLOT + slot; note-on slots 2i + 1, its program change 2i, note-off slots i.
  let maxTick = endTick;
  for (const t of g.off) maxTick = Math.max(maxTick, t);
  if (maxTick > 0x0fffffff || 2 * n + 1 >= SLOT)
    throw new RangeError(`track too long to write (${n} notes, ${maxTick} ticks)`);
  const keys = new Float64Array(2 * n + g.change.filter((c) => c >= 0).length);
  let k = 0;
  for (let i = 0; i < n; i++) {
    keys[k++] = (g.on[i] * 2 + KIND_ON) * SLOT + 2 * i + 1;
    if (g.change[i] >= 0) keys[k++] = (g.on[i] * 2 + KIND_ON) * SLOT + 2 * i;
    keys[k++] = (g.off[i] * 2 + KIND_OFF) * SLOT + i;
  }
  keys.sort();
  const name = g.info.name ? utf8(g.info.name) : [];
  const w = new Writer(16 + name.length + keys.length * 8);
  if (name.length) {
    w.varint(0);
    w.meta(0x03, name);
  }
  let prev = 0;
  for (const key of keys) {
    const slot = key % SLOT;
    const tickKind = (key - slot) / SLOT;
    const tick = Math.floor(tickKind / 2);
    const i = tickKind % 2 === KIND_ON ? slot >> 1 : slot;
    w.varint(tick - prev);
    prev = tick;
    const note = g.notes[i];
    if (tickKind % 2 === KIND_OFF) w.bytes([0x80 | g.channel, note.pitch & 127, 0]);
    else if (slot % 2 === 0) w.bytes([0xc0 | g.channel, g.change[i]]);
    else w.bytes([0x90 | g.channel, note.pitch & 127, Math.min(127, Math.max(1, Math.round(note.velocity)))]);
  }
  w.varint(Math.max(0, endTick - prev));
  w.meta(0x2f, []);
  return chunk(w);
}

/**
 * Writes a NoteSequence as a Standard MIDI File (format 1): a conductor track, then one named track per
 * entry of `seq.tracks` with notes (or, for notes without a track, one per role and program), channels and
 * program changes as the module comment says, drums on channel 10.
 * @throws {RangeError} for a track beyond what a file can address (a million notes, 2^28 ticks).
 */
export function sequenceToMidi(seq: NoteSequence, options: MidiWriteOptions = {}): Uint8Array {
  const ppq = Math.max(1, Math.min(0x7fff, Math.round(options.ppq ?? 480)));
  const name = options.name ?? (seq.meta?.name !== undefined ? String(seq.meta.name) : undefined);
  const endTick = Math.max(0, Math.round(seq.totalBeats * ppq));
  const chunks = [
    conductor(seq, ppq, name, endTick),
    ...groupTracks(seq, ppq).map((g) => noteTrack(g, endTick)),
  ];
  const out = new Uint8Array(14 + chunks.reduce((s, c) => s + c.length, 0));
  const count = chunks.length;
  out.set([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, count >> 8, count & 255, ppq >> 8, ppq & 255]);
  let at = 14;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
