/**
 * Hand-written validators of the bridge's protocol ({@link ClientMessage} in `schema.ts`): an untrusted text
 * frame becomes a typed message or a {@link BridgeProtocolError} with a machine-readable `reason`. Validated
 * values are fresh objects holding only known fields.
 */
import { BridgeProtocolError } from '../core/errors';
import {
  ROLES,
  type KeySignatureEvent,
  type Note,
  type NoteSequence,
  type Role,
  type TempoEvent,
  type TimeSignatureEvent,
  type TrackInfo,
} from '../core/sequence';
import type { ClientMessage, RequestBase, RequestId } from './schema';
import { CLIENT_MESSAGE_TYPES, LIMITS } from './schema';

function fail(path: string, what: string): never {
  throw new BridgeProtocolError(`${path} ${what}`, 'invalid');
}

function record(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'must be an object');
  return v as Record<string, unknown>;
}

function list(v: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(v)) fail(path, 'must be an array');
  if (v.length > max) fail(path, `has ${v.length} entries; at most ${max} are allowed`);
  return v;
}

function num(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
    fail(path, `must be a number ${min}..${max}`);
  return v;
}

function int(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    fail(path, `must be an integer ${min}..${max}`);
  }
  return v;
}

function bool(v: unknown, path: string, fallback?: boolean): boolean {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'boolean') fail(path, 'must be true or false');
  return v;
}

function text(v: unknown, path: string, max: number = LIMITS.stringLength, min = 0): string {
  if (typeof v !== 'string' || v.length < min || v.length > max)
    fail(path, `must be a string of ${min}..${max} characters`);
  return v;
}

function role(v: unknown, path: string): Role {
  if (typeof v !== 'string' || !(ROLES as readonly string[]).includes(v))
    fail(path, `must be one of ${ROLES.join(', ')}`);
  return v as Role;
}

function note(v: unknown, path: string, tracks: number): Note {
  const o = record(v, path);
  const start = num(o.start, `${path}.start`, 0, LIMITS.beats);
  const end = num(o.end, `${path}.end`, 0, LIMITS.beats);
  if (end <= start) fail(`${path}.end`, 'must be after start');
  const out: Note = {
    pitch: int(o.pitch, `${path}.pitch`, 0, 127),
    start,
    end,
    velocity: int(o.velocity, `${path}.velocity`, 1, 127),
    role: role(o.role, `${path}.role`),
    program: int(o.program ?? 0, `${path}.program`, 0, 127),
    isDrum: bool(o.isDrum, `${path}.isDrum`, false),
  };
  if (o.track !== undefined) out.track = int(o.track, `${path}.track`, 0, Math.max(0, tracks - 1));
  return out;
}

function tempo(v: unknown, path: string): TempoEvent {
  const o = record(v, path);
  return {
    beat: num(o.beat, `${path}.beat`, 0, LIMITS.beats),
    bpm: num(o.bpm, `${path}.bpm`, LIMITS.minBpm, LIMITS.maxBpm),
  };
}

function timeSignature(v: unknown, path: string): TimeSignatureEvent {
  const o = record(v, path);
  const denominator = int(o.denominator, `${path}.denominator`, 1, 64);
  if ((denominator & (denominator - 1)) !== 0) fail(`${path}.denominator`, 'must be a power of two');
  return {
    beat: num(o.beat, `${path}.beat`, 0, LIMITS.beats),
    numerator: int(o.numerator, `${path}.numerator`, 1, 64),
    denominator,
  };
}

function keySignature(v: unknown, path: string): KeySignatureEvent {
  const o = record(v, path);
  if (o.mode !== 'major' && o.mode !== 'minor') fail(`${path}.mode`, 'must be major or minor');
  return {
    beat: num(o.beat, `${path}.beat`, 0, LIMITS.beats),
    tonic: int(o.tonic, `${path}.tonic`, 0, 11),
    mode: o.mode,
  };
}

function track(v: unknown, path: string): TrackInfo {
  const o = record(v, path);
  return {
    name: text(o.name, `${path}.name`),
    program: int(o.program ?? 0, `${path}.program`, 0, 127),
    isDrum: bool(o.isDrum, `${path}.isDrum`, false),
    role: role(o.role, `${path}.role`),
  };
}

function meta(v: unknown, path: string): Record<string, string | number | boolean> {
  const o = record(v, path);
  const keys = Object.keys(o);
  if (keys.length > LIMITS.metaEntries)
    fail(path, `has ${keys.length} entries; at most ${LIMITS.metaEntries} are allowed`);
  const out: Record<string, string | number | boolean> = {};
  for (const k of keys) {
    text(k, `${path} key`);
    const x = o[k];
    if (typeof x === 'string') out[k] = text(x, `${path}.${k}`, 4096);
    else if (typeof x === 'number') out[k] = num(x, `${path}.${k}`, -Number.MAX_VALUE, Number.MAX_VALUE);
    else if (typeof x === 'boolean') out[k] = x;
    else fail(`${path}.${k}`, 'must be a string, number or boolean');
  }
  return out;
}

/** Validates an untrusted value as a {@link NoteSequence}; throws {@link BridgeProtocolError} (`invalid`). */
export function validateSequence(v: unknown, path = 'sequence'): NoteSequence {
  const o = record(v, path);
  const tracks =
    o.tracks === undefined
      ? []
      : list(o.tracks, `${path}.tracks`, LIMITS.tracks).map((t, i) => track(t, `${path}.tracks[${i}]`));
  const notes = list(o.notes, `${path}.notes`, LIMITS.notes).map((n, i) =>
    note(n, `${path}.notes[${i}]`, tracks.length),
  );
  const tempos =
    o.tempos === undefined
      ? []
      : list(o.tempos, `${path}.tempos`, LIMITS.tempos).map((t, i) => tempo(t, `${path}.tempos[${i}]`));
  const timeSignatures =
    o.timeSignatures === undefined
      ? []
      : list(o.timeSignatures, `${path}.timeSignatures`, LIMITS.timeSignatures).map((t, i) =>
          timeSignature(t, `${path}.timeSignatures[${i}]`),
        );
  const keySignatures =
    o.keySignatures === undefined
      ? []
      : list(o.keySignatures, `${path}.keySignatures`, LIMITS.keySignatures).map((k, i) =>
          keySignature(k, `${path}.keySignatures[${i}]`),
        );
  let lastEnd = 0;
  for (const n of notes) lastEnd = Math.max(lastEnd, n.end);
  const totalBeats =
    o.totalBeats === undefined ? lastEnd : num(o.totalBeats, `${path}.totalBeats`, 0, LIMITS.beats);
  const seq: NoteSequence = {
    notes,
    tempos: tempos.length ? tempos.sort((a, b) => a.beat - b.beat) : [{ beat: 0, bpm: 120 }],
    timeSignatures: timeSignatures.length
      ? timeSignatures.sort((a, b) => a.beat - b.beat)
      : [{ beat: 0, numerator: 4, denominator: 4 }],
    keySignatures: keySignatures.sort((a, b) => a.beat - b.beat),
    tracks,
    totalBeats: Math.max(totalBeats, lastEnd),
  };
  if (o.meta !== undefined) seq.meta = meta(o.meta, `${path}.meta`);
  return seq;
}

/** The request id of a parsed frame, if it has a well-formed one (used to address error replies). */
export function requestIdOf(v: unknown): RequestId | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const id = (v as Record<string, unknown>).id;
  if (typeof id === 'string' && id.length <= LIMITS.idLength) return id;
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  return undefined;
}

/**
 * Parses and validates one text frame. Checks, in order: size, JSON, object, pairing token (before
 * anything else is looked at), type, fields.
 * @param frame the frame's text
 * @param tokenOk compares the frame's `token` field with the pairing token (in constant time)
 * @throws BridgeProtocolError with `reason` `oversize`, `malformed-json`, `not-an-object`, `unauthorized`,
 *   `unknown-type` or `invalid`
 */
export function parseClientMessage(frame: string, tokenOk: (token: unknown) => boolean): ClientMessage {
  if (Buffer.byteLength(frame, 'utf8') > LIMITS.messageBytes) {
    throw new BridgeProtocolError(`Messages are limited to ${LIMITS.messageBytes} bytes.`, 'oversize');
  }
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    throw new BridgeProtocolError('The message is not valid JSON.', 'malformed-json');
  }
  return validateClientMessage(value, tokenOk);
}

/** Validates a parsed frame (see {@link parseClientMessage}). */
export function validateClientMessage(value: unknown, tokenOk: (token: unknown) => boolean): ClientMessage {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BridgeProtocolError('A message must be a JSON object.', 'not-an-object');
  }
  const o = value as Record<string, unknown>;
  if (typeof o.token !== 'string' || !tokenOk(o.token)) {
    throw new BridgeProtocolError('Missing or wrong pairing token.', 'unauthorized');
  }
  const type = o.type;
  if (typeof type !== 'string' || !(CLIENT_MESSAGE_TYPES as readonly string[]).includes(type)) {
    throw new BridgeProtocolError(
      `Unknown message type; expected one of ${CLIENT_MESSAGE_TYPES.join(', ')}.`,
      'unknown-type',
    );
  }
  const base: RequestBase = { token: o.token };
  if (o.id !== undefined) {
    const id = requestIdOf(o);
    if (id === undefined) fail('id', `must be a string of at most ${LIMITS.idLength} characters or a number`);
    base.id = id;
  }
  switch (type as ClientMessage['type']) {
    case 'play': {
      const sequence = validateSequence(o.sequence);
      const loop = bool(o.loop, 'loop', false);
      if (loop && sequence.totalBeats <= 0) fail('loop', 'needs a sequence longer than 0 beats');
      return { ...base, type: 'play', sequence, loop };
    }
    case 'stop':
      return { ...base, type: 'stop', panic: bool(o.panic, 'panic', false) };
    case 'list-outputs':
      return { ...base, type: 'list-outputs' };
    case 'select-output':
      return { ...base, type: 'select-output', name: text(o.name, 'name', LIMITS.stringLength, 1) };
    case 'status':
      return { ...base, type: 'status' };
  }
}
