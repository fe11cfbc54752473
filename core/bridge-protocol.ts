/**
 * The bridge protocol's constants: version, WebSocket subprotocols, limits, close codes, error reasons and
 * events, shared by the bridge (`bridge/protocol/schema.ts` builds the schemas from them) and the panel
 * (`plugin/bridge-link.ts`), whose bundle takes no schema library; and {@link parseServerMessage}, the
 * panel's one check of what the bridge sends, against JSON Schemas generated from those zod schemas
 * (`bridge-messages.ts`).
 */
import { SERVER_MESSAGE_SCHEMAS } from './bridge-messages';
import { BridgeProtocolError } from './errors';

/** Protocol version, announced in the `hello` message. */
export const PROTOCOL_VERSION = 2;

/** The WebSocket subprotocol a client offers (and the bridge selects). */
export const SUBPROTOCOL = 'audiogenesis.v2';

/** A client may offer its pairing token as a second subprotocol: this prefix, then the token. */
export const TOKEN_PROTOCOL_PREFIX = 'audiogenesis.token.';

/** The only address the bridge listens on. */
export const BRIDGE_HOST = '127.0.0.1';

/** The default TCP port. */
export const DEFAULT_BRIDGE_PORT = 8765;

/**
 * What a pairing token may look like: 16 to 128 of the characters a WebSocket subprotocol may carry
 * (letters, digits, `-` and `_`), so it can travel in the handshake.
 */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** Limits on what a client may send. */
export const LIMITS = {
  /** Largest frame, bytes; a larger one closes the connection (1009) before it is read. */
  messageBytes: 1024 * 1024,
  /** Largest frame before authentication (the `auth` message), bytes. */
  authBytes: 512,
  notes: 100_000,
  tempos: 1_000,
  timeSignatures: 1_000,
  keySignatures: 1_000,
  tracks: 64,
  /** Longest sequence, in beats (~14 h at 120 BPM). */
  beats: 100_000,
  minBpm: 1,
  maxBpm: 1_000,
  metaEntries: 64,
  stringLength: 256,
  idLength: 64,
  /** Shortest pass a loop may have, in beats. */
  minLoopBeats: 1,
  /** Shortest pass a loop may have, in seconds. */
  minLoopSeconds: 0.5,
  /** Most notes per second of a loop's pass (what one scheduler tick may have to hand over, bounded). */
  maxLoopNotesPerSecond: 2_000,
} as const;

/** Limits on connections, enforced by the server. */
export const CONNECTION_LIMITS = {
  /** Connections open at once (handshakes beyond it get HTTP 503). */
  maxClients: 16,
  /** Connections waiting for their `auth` frame at once. */
  maxPending: 4,
  /** How long a connection without a token in its handshake has to send `auth`, ms. */
  authTimeoutMs: 2_000,
  /** Frames per second a connection may send on average... */
  framesPerSecond: 20,
  /** ...and in a burst. */
  frameBurst: 40,
  /** The bridge pings every connection this often, ms; one that has not answered since is dropped. */
  pingIntervalMs: 15_000,
} as const;

/** Connection limits as settings (tests shorten the timeouts). */
export type ConnectionLimits = { [K in keyof typeof CONNECTION_LIMITS]: number };

/** WebSocket close codes the bridge uses (besides 1009, "message too big"). */
export const CLOSE_CODES = {
  /** A frame that is not a protocol message: not JSON, not an object, unknown type, binary. */
  badFrame: 1008,
  /** Missing or wrong pairing token. */
  unauthorized: 4401,
  /** No `auth` frame in time. */
  authTimeout: 4408,
  /** Too many frames. */
  tooFast: 4429,
} as const;

/** Why a request was refused: the `reason` of an `error` reply, with what it means. */
export const ERROR_REASONS = {
  'malformed-json': 'the frame is not valid JSON, or is binary (the connection is closed)',
  'not-an-object': 'the frame is JSON but not an object (the connection is closed)',
  unauthorized: 'missing or wrong pairing token (the connection is closed)',
  'unknown-type': 'the `type` is not a request type (the connection is closed)',
  invalid: 'a field is wrong; the message names it, e.g. `sequence.notes[3].pitch must be an integer 0..127`',
  'no-output': 'the bridge has no MIDI output to play to',
  'output-not-found': 'no MIDI output matches the name',
  'midi-port': 'the MIDI output failed',
  internal: 'a bug in the bridge',
} as const;

/** The `reason` of an `error` reply. */
export type ErrorReason = keyof typeof ERROR_REASONS;

/** The events the bridge broadcasts to authenticated clients, with what they mean. */
export const BRIDGE_EVENTS = {
  started: 'a sequence started playing (any client asked)',
  stopped: 'playback was stopped (a `stop`, a new `play`, or the last client of a loop left)',
  ended: 'the sequence played to its end',
  'output-lost': 'the MIDI output vanished (the bridge keeps time and waits for it)',
  'output-restored': 'the MIDI output is back',
  interrupted: 'playback lost its output mid-play',
  resumed: 'playback resumed on the output where the music is by now',
} as const;

/** An event name. */
export type BridgeEventName = keyof typeof BRIDGE_EVENTS;

/** The JSON Schema keywords {@link parseServerMessage} reads (those zod writes for what the bridge sends). */
export const SCHEMA_KEYWORDS = ['type', 'const', 'enum', 'anyOf', 'properties', 'required', 'items'] as const;

/** A JSON Schema type name. */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array';

/** A JSON Schema in the subset of {@link SCHEMA_KEYWORDS}; properties it does not name are let through. */
export interface JsonSchema {
  type?: JsonType | JsonType[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
}

/** A frame from the bridge that {@link parseServerMessage} accepted: one of `ServerMessage` (`bridge/protocol`). */
export type ServerFrame = { type: string } & Record<string, unknown>;

/** The `type`s of everything the bridge sends. */
export const SERVER_MESSAGE_TYPES: readonly string[] = Object.keys(SERVER_MESSAGE_SCHEMAS);

const TYPE_WORDS: Record<JsonType, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  null: 'null',
  object: 'an object',
  array: 'an array',
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function isType(type: JsonType, v: unknown): boolean {
  if (type === 'object') return isObject(v);
  if (type === 'array') return Array.isArray(v);
  if (type === 'null') return v === null;
  if (type === 'integer') return Number.isInteger(v);
  if (type === 'number') return typeof v === 'number' && Number.isFinite(v);
  return typeof v === type;
}

function expected(s: JsonSchema): string {
  if (s.anyOf) return s.anyOf.map(expected).join(' or ');
  if (s.const !== undefined) return String(s.const);
  if (s.enum) return `one of ${s.enum.map(String).join(', ')}`;
  const types = s.type === undefined ? [] : [s.type].flat();
  return types.map((t) => TYPE_WORDS[t]).join(' or ') || 'anything';
}

/** The first way `v` breaks `s`, as `where must be what` or `where is missing`; `undefined` if it fits. */
function issueOf(s: JsonSchema, v: unknown, where: string): string | undefined {
  const wrong = `${where} must be ${expected(s)}`;
  if (s.anyOf) return s.anyOf.some((alt) => issueOf(alt, v, where) === undefined) ? undefined : wrong;
  if (s.type !== undefined && ![s.type].flat().some((t) => isType(t, v))) return wrong;
  if ((s.const !== undefined && v !== s.const) || (s.enum && !s.enum.includes(v))) return wrong;
  if (Array.isArray(v) && s.items)
    for (const [i, item] of v.entries()) {
      const issue = issueOf(s.items, item, `${where}[${i}]`);
      if (issue) return issue;
    }
  if (!isObject(v)) return undefined;
  // In the schema's order (zod's), so that the first problem named is the one zod would name first.
  for (const key of new Set([...Object.keys(s.properties ?? {}), ...(s.required ?? [])])) {
    const at = `${where}.${key}`;
    if (!Object.hasOwn(v, key)) {
      if (s.required?.includes(key)) return `${at} is missing`;
      continue;
    }
    const issue = issueOf(s.properties?.[key] ?? {}, v[key], at);
    if (issue) return issue;
  }
  return undefined;
}

/**
 * Checks one frame from the bridge, in order: text, JSON, object, a `type` the bridge sends, its fields
 * (the fields zod would refuse, e.g. `status.state must be one of idle, playing, interrupted`). It never
 * throws anything but the error below, whatever `frame` is.
 * @param frame - A WebSocket message's `data` (a string for a text frame).
 * @throws BridgeProtocolError whose message says what is wrong, with `reason` `malformed-json` (binary or not
 *   JSON), `not-an-object`, `unknown-type` or `invalid`
 */
export function parseServerMessage(frame: unknown): ServerFrame {
  if (typeof frame !== 'string') throw new BridgeProtocolError('binary, not JSON text', 'malformed-json');
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    throw new BridgeProtocolError('not valid JSON', 'malformed-json');
  }
  if (!isObject(value)) throw new BridgeProtocolError('not a JSON object', 'not-an-object');
  const type = value.type;
  if (typeof type !== 'string' || !Object.hasOwn(SERVER_MESSAGE_SCHEMAS, type))
    throw new BridgeProtocolError(`type must be one of ${SERVER_MESSAGE_TYPES.join(', ')}`, 'unknown-type');
  const issue = issueOf(SERVER_MESSAGE_SCHEMAS[type], value, type);
  if (issue) throw new BridgeProtocolError(issue, 'invalid');
  return value as ServerFrame;
}
