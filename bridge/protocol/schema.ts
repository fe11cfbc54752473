/**
 * The bridge protocol, defined once: the zod schemas of every message, from which the types (`z.infer`), the
 * validation of untrusted frames (`parse.ts`; the panel's, `json-schema.ts`) and docs/daw.md's protocol
 * section (`doc.ts`) all follow. The panel imports types only from here (no zod in its bundle).
 */
import { z } from 'zod';
import { ROLES, beatsToSeconds, type NoteSequence, type Role } from '../../core/sequence';
import { BRIDGE_EVENTS, ERROR_REASONS, LIMITS, PROTOCOL_VERSION } from '../../core/bridge-protocol';

const inRange = (min: number, max: number) => `must be a number ${min}..${max}`;
const num = (min: number, max: number) =>
  z
    .number({ error: inRange(min, max) })
    .min(min, { error: inRange(min, max) })
    .max(max, { error: inRange(min, max) });
const int = (min: number, max: number) => {
  const error = `must be an integer ${min}..${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const bool = () => z.boolean({ error: 'must be true or false' });
const text = (max: number, min = 0) => {
  const error = `must be a string of ${min}..${max} characters`;
  return z.string({ error }).min(min, { error }).max(max, { error });
};
const list = <T extends z.ZodType>(item: T, max: number) =>
  z.array(item, { error: 'must be an array' }).max(max, { error: `has more than ${max} entries` });
const role = () => z.enum(ROLES as [Role, ...Role[]], { error: `must be one of ${ROLES.join(', ')}` });
const beat = () => num(0, LIMITS.beats);

/** One note (`core/sequence.ts`'s `Note`). */
export const NoteSchema = z
  .object({
    pitch: int(0, 127).describe('MIDI pitch'),
    start: beat().describe('onset, in beats'),
    end: beat().describe('end, in beats (after `start`)'),
    velocity: int(1, 127),
    role: role().describe(`one of ${ROLES.join(', ')}: it picks the MIDI channel (drums on 10)`),
    program: int(0, 127).default(0).describe('General MIDI program'),
    isDrum: bool().default(false).describe('percussion (channel 10)'),
    track: int(0, LIMITS.tracks - 1)
      .optional()
      .describe('index into `tracks`'),
  })
  .refine((n) => n.end > n.start, { path: ['end'], error: 'must be after start' });

const TempoSchema = z.object({ beat: beat(), bpm: num(LIMITS.minBpm, LIMITS.maxBpm) });
const TimeSignatureSchema = z.object({
  beat: beat(),
  numerator: int(1, 64),
  denominator: int(1, 64).refine((d) => (d & (d - 1)) === 0, { error: 'must be a power of two' }),
});
const KeySignatureSchema = z.object({
  beat: beat(),
  tonic: int(0, 11).describe('pitch class, 0 = C'),
  mode: z.enum(['major', 'minor'], { error: 'must be major or minor' }),
});
const TrackSchema = z.object({
  name: text(LIMITS.stringLength),
  program: int(0, 127).default(0),
  isDrum: bool().default(false),
  role: role(),
});
const MetaSchema = z
  .record(text(LIMITS.stringLength), z.union([text(4096), z.number(), z.boolean()]), {
    error: 'must be an object of strings, numbers and booleans',
  })
  .refine((m) => Object.keys(m).length <= LIMITS.metaEntries, {
    error: `has more than ${LIMITS.metaEntries} entries`,
  });

/** A `NoteSequence` (`core/sequence.ts`), normalised: events sorted, defaults filled in. */
export const SequenceSchema = z
  .object({
    notes: list(NoteSchema, LIMITS.notes),
    tempos: list(TempoSchema, LIMITS.tempos).default([]).describe('tempo map; none means 120 BPM'),
    timeSignatures: list(TimeSignatureSchema, LIMITS.timeSignatures).default([]),
    keySignatures: list(KeySignatureSchema, LIMITS.keySignatures).default([]),
    tracks: list(TrackSchema, LIMITS.tracks).default([]),
    totalBeats: beat().optional().describe('length in beats (default: the last note end)'),
    meta: MetaSchema.optional(),
  })
  .superRefine((s, ctx) => {
    s.notes.forEach((n, i) => {
      if (n.track !== undefined && n.track >= s.tracks.length)
        ctx.addIssue({
          code: 'custom',
          path: ['notes', i, 'track'],
          message: `must be an integer 0..${Math.max(0, s.tracks.length - 1)}`,
        });
    });
  })
  .transform((s): NoteSequence => {
    const lastEnd = s.notes.reduce((m, n) => Math.max(m, n.end), 0);
    const byBeat = <T extends { beat: number }>(a: T, b: T) => a.beat - b.beat;
    const seq: NoteSequence = {
      notes: s.notes,
      tempos: s.tempos.length ? s.tempos.sort(byBeat) : [{ beat: 0, bpm: 120 }],
      timeSignatures: s.timeSignatures.length
        ? s.timeSignatures.sort(byBeat)
        : [{ beat: 0, numerator: 4, denominator: 4 }],
      keySignatures: s.keySignatures.sort(byBeat),
      tracks: s.tracks,
      totalBeats: Math.max(s.totalBeats ?? lastEnd, lastEnd),
    };
    if (s.meta) seq.meta = s.meta;
    return seq;
  });

/**
 * Why `seq` cannot loop, or `undefined` when it can: a pass must last at least {@link LIMITS.minLoopBeats}
 * beats and {@link LIMITS.minLoopSeconds} s, with at most {@link LIMITS.maxLoopNotesPerSecond} notes per
 * second, so that no scheduler tick has unbounded work (a 1e-9-beat loop would repeat forever in one tick).
 */
export function loopProblem(seq: NoteSequence): string | undefined {
  const passBeats = seq.notes.reduce((m, n) => Math.max(m, n.end), Math.max(0, seq.totalBeats));
  const seconds = beatsToSeconds(passBeats, seq.tempos);
  const fmt = (x: number) => Number(x.toPrecision(4)).toString();
  if (passBeats < LIMITS.minLoopBeats || seconds < LIMITS.minLoopSeconds)
    return `needs a pass of at least ${LIMITS.minLoopBeats} beat and ${LIMITS.minLoopSeconds} s; this one lasts ${fmt(passBeats)} beats (${fmt(seconds)} s)`;
  const rate = seq.notes.length / seconds;
  if (rate > LIMITS.maxLoopNotesPerSecond)
    return `allows at most ${LIMITS.maxLoopNotesPerSecond} notes per second of a pass; this one has ${fmt(rate)}`;
  return undefined;
}

const RequestId = z
  .union([text(LIMITS.idLength), z.number().finite()], {
    error: `must be a string of at most ${LIMITS.idLength} characters or a number`,
  })
  .optional()
  .describe('echoed in the reply');

/** Every request a client may send, by `type` (after authentication; `auth` also before it). */
export const REQUESTS = {
  auth: z
    .object({ type: z.literal('auth'), id: RequestId, token: text(128).describe('the pairing token') })
    .describe(
      'Authenticates a connection whose handshake did not carry the token; must be the first frame, within 2 s. Answered by `hello`.',
    ),
  play: z
    .object({
      type: z.literal('play'),
      id: RequestId,
      sequence: SequenceSchema.describe('the music (a `NoteSequence`, below)'),
      loop: bool().default(false).describe('play again and again until `stop`'),
      keepPlaying: bool()
        .default(false)
        .describe('keep a loop playing after every client has left (default: it stops)'),
    })
    .superRefine((m, ctx) => {
      const problem = m.loop ? loopProblem(m.sequence) : undefined;
      if (problem) ctx.addIssue({ code: 'custom', path: ['loop'], message: problem });
    })
    .describe('Plays a sequence (replacing what plays). Answered by `playing`.'),
  stop: z
    .object({
      type: z.literal('stop'),
      id: RequestId,
      panic: bool().default(false).describe('also All Sound Off and sustain off on every channel used'),
    })
    .describe('Stops playback: note-off for every sounding note, All Notes Off. Answered by `stopped`.'),
  'list-outputs': z
    .object({ type: z.literal('list-outputs'), id: RequestId })
    .describe('Lists the MIDI outputs. Answered by `outputs`.'),
  'select-output': z
    .object({
      type: z.literal('select-output'),
      id: RequestId,
      name: text(LIMITS.stringLength, 1).describe('exact, any case, or a unique part of the name'),
    })
    .describe('Chooses the MIDI output. Answered by `output-selected`.'),
  status: z
    .object({ type: z.literal('status'), id: RequestId })
    .describe('Asks where playback is. Answered by `status`.'),
} as const;

/** A request `type`. */
export type RequestType = keyof typeof REQUESTS;
/** A validated request (defaults filled in), as the bridge handles it. */
export type ClientMessage = { [K in RequestType]: z.output<(typeof REQUESTS)[K]> }[RequestType];
/** A request as a client writes it (fields with defaults may be left out). */
export type ClientRequest = { [K in RequestType]: z.input<(typeof REQUESTS)[K]> }[RequestType];
/** The request `type`s. */
export const REQUEST_TYPES = Object.keys(REQUESTS) as RequestType[];

const OutputEntry = z.object({
  name: z.string(),
  id: z.string(),
  manufacturer: z.string(),
  connected: z.boolean(),
});
const Timing = z
  .object({ sent: z.number(), meanLateMs: z.number(), maxLateMs: z.number(), dropped: z.number() })
  .describe('delivery figures of the output: messages sent, lateness in ms, messages dropped');
const ReplyId = z.union([z.string(), z.number()]).optional().describe("the request's `id`");

/** Everything the bridge sends, by `type`. */
export const SERVER_MESSAGES = {
  hello: z
    .object({
      type: z.literal('hello'),
      protocol: z.literal(PROTOCOL_VERSION),
      server: z.literal('audiogenesis-bridge'),
      id: ReplyId,
    })
    .describe('Sent once the connection is authenticated.'),
  playing: z
    .object({
      type: z.literal('playing'),
      id: ReplyId,
      output: z.string(),
      loop: z.boolean(),
      notes: z.number(),
      durationSeconds: z.number().describe('one pass'),
      startsAt: z.number().describe('when beat 0 sounds: ms since 1970 (fractional)'),
    })
    .describe('Reply to `play`.'),
  stopped: z.object({ type: z.literal('stopped'), id: ReplyId }).describe('Reply to `stop`.'),
  outputs: z
    .object({
      type: z.literal('outputs'),
      id: ReplyId,
      outputs: z.array(OutputEntry),
      selected: z.string().nullable(),
    })
    .describe('Reply to `list-outputs`.'),
  'output-selected': z
    .object({ type: z.literal('output-selected'), id: ReplyId, output: z.string() })
    .describe('Reply to `select-output`: the full name.'),
  status: z
    .object({
      type: z.literal('status'),
      id: ReplyId,
      state: z.enum(['idle', 'playing', 'interrupted']),
      output: z.string().nullable(),
      outputConnected: z.boolean(),
      loop: z.boolean(),
      positionBeats: z.number().describe('position within the pass'),
      pass: z.number().describe('completed passes of a loop'),
      clock: z.boolean().describe('MIDI clock on'),
      clients: z.number().describe('authenticated connections'),
      timing: Timing.nullable(),
    })
    .describe('Reply to `status`.'),
  error: z
    .object({
      type: z.literal('error'),
      id: ReplyId,
      reason: z.enum(Object.keys(ERROR_REASONS) as [keyof typeof ERROR_REASONS]),
      message: z.string(),
    })
    .describe('A refused request (reasons below).'),
  event: z
    .object({
      type: z.literal('event'),
      event: z.enum(Object.keys(BRIDGE_EVENTS) as [keyof typeof BRIDGE_EVENTS]),
      output: z.string().optional(),
      loop: z.boolean().optional().describe('with `started`'),
    })
    .describe('Broadcast to every authenticated client (events below).'),
} as const;

/** Everything the bridge sends. */
export type ServerMessage = {
  [K in keyof typeof SERVER_MESSAGES]: z.output<(typeof SERVER_MESSAGES)[K]>;
}[keyof typeof SERVER_MESSAGES];
/** A broadcast event. */
export type BridgeEvent = Extract<ServerMessage, { type: 'event' }>;
/** One MIDI output in a reply. */
export type OutputEntry = z.output<typeof OutputEntry>;
/** Delivery figures of the current output. */
export type TimingEntry = z.output<typeof Timing>;
/** A request id. */
export type RequestId = string | number;
