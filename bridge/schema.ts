/**
 * The bridge's WebSocket protocol: message types and size limits (types only, so the panel can share
 * them). The validators that turn an untrusted frame into these types live in `validate.ts`.
 */
import type { NoteSequence } from '../core/sequence';

/** Protocol version, announced in the `hello` message. */
export const PROTOCOL_VERSION = 1;

/** Limits on what a client may send. */
export const LIMITS = {
  /** Largest text frame answered with a reply (bytes of UTF-8); larger ones get `oversize`. */
  messageBytes: 1024 * 1024,
  /** Frames beyond this are refused by the WebSocket layer itself, which closes the connection (1009). */
  frameBytes: 8 * 1024 * 1024,
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
} as const;

/** Why a message was refused; the `reason` of an `error` reply. */
export type ErrorReason =
  | 'oversize'
  | 'malformed-json'
  | 'not-an-object'
  | 'unauthorized'
  | 'unknown-type'
  | 'invalid'
  | 'no-output'
  | 'output-not-found'
  | 'midi-port'
  | 'internal';

/** A request id, echoed in the reply. */
export type RequestId = string | number;

/** Fields every request carries. */
export interface RequestBase {
  /** Optional id, echoed in the reply (a string of at most 64 characters, or a finite number). */
  id?: RequestId;
  /** The pairing token the bridge printed at start. */
  token: string;
}

/** Play a sequence (replacing what plays), optionally looped until `stop`. */
export interface PlayRequest extends RequestBase {
  type: 'play';
  sequence: NoteSequence;
  loop: boolean;
}
/** Stop playback (all notes off on the channels used); `panic` also sends All Sound Off and sustain off. */
export interface StopRequest extends RequestBase {
  type: 'stop';
  panic: boolean;
}
/** List the MIDI outputs. */
export interface ListOutputsRequest extends RequestBase {
  type: 'list-outputs';
}
/** Choose the MIDI output by name (exact, case-insensitive, or a unique part of it). */
export interface SelectOutputRequest extends RequestBase {
  type: 'select-output';
  name: string;
}
/** Ask where playback is. */
export interface StatusRequest extends RequestBase {
  type: 'status';
}

/** Everything a client may send. */
export type ClientMessage =
  PlayRequest | StopRequest | ListOutputsRequest | SelectOutputRequest | StatusRequest;

/** The `type`s of {@link ClientMessage}. */
export const CLIENT_MESSAGE_TYPES: readonly ClientMessage['type'][] = [
  'play',
  'stop',
  'list-outputs',
  'select-output',
  'status',
];

/** One MIDI output in a reply. */
export interface OutputEntry {
  name: string;
  id: string;
  manufacturer: string;
  connected: boolean;
}

/** Delivery figures of the current output. */
export interface TimingEntry {
  sent: number;
  meanLateMs: number;
  maxLateMs: number;
  dropped: number;
}

/** Everything the bridge sends. Replies echo the request's `id`. */
export type ServerMessage =
  | { type: 'hello'; protocol: number; server: 'audiogenesis-bridge' }
  | { type: 'playing'; id?: RequestId; output: string; loop: boolean; notes: number; durationSeconds: number }
  | { type: 'stopped'; id?: RequestId }
  | { type: 'outputs'; id?: RequestId; outputs: OutputEntry[]; selected: string | null }
  | { type: 'output-selected'; id?: RequestId; output: string }
  | {
      type: 'status';
      id?: RequestId;
      state: 'idle' | 'playing' | 'interrupted';
      output: string | null;
      outputConnected: boolean;
      loop: boolean;
      positionBeats: number;
      pass: number;
      clock: boolean;
      timing: TimingEntry | null;
    }
  | { type: 'error'; id?: RequestId; reason: ErrorReason; message: string }
  | {
      type: 'event';
      event: 'output-lost' | 'output-restored' | 'ended' | 'interrupted' | 'resumed';
      output?: string;
    };
