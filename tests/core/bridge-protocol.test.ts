/**
 * The panel's check of what the bridge sends (core/bridge-protocol.ts's parseServerMessage): its schemas are
 * the ones generated from the zod schemas, it accepts and refuses what zod does, and every hostile frame
 * gets a BridgeProtocolError that says what is wrong, never another exception.
 */
import { describe, expect, it } from 'vitest';
import { serverMessageSchemas } from '../../bridge/protocol/json-schema';
import { SERVER_MESSAGES } from '../../bridge/protocol/schema';
import { SERVER_MESSAGE_SCHEMAS } from '../../core/bridge-messages';
import { parseServerMessage, SERVER_MESSAGE_TYPES } from '../../core/bridge-protocol';
import { BridgeProtocolError } from '../../core/errors';

/** One well-formed message of each type the bridge sends. */
const GOOD: Record<string, Record<string, unknown>> = {
  hello: { type: 'hello', protocol: 2, server: 'audiogenesis-bridge' },
  playing: {
    type: 'playing',
    id: 'panel-2',
    output: 'IAC',
    loop: false,
    notes: 1,
    durationSeconds: 0.5,
    startsAt: 1.5e12,
  },
  stopped: { type: 'stopped', id: 7 },
  outputs: {
    type: 'outputs',
    id: 'a',
    outputs: [{ name: 'IAC', id: 'i1', manufacturer: 'Apple', connected: true }],
    selected: null,
  },
  'output-selected': { type: 'output-selected', output: 'IAC' },
  status: {
    type: 'status',
    id: 'panel-1',
    state: 'idle',
    output: 'IAC',
    outputConnected: true,
    loop: false,
    positionBeats: 0,
    pass: 0,
    clock: false,
    clients: 1,
    timing: { sent: 3, meanLateMs: 0.2, maxLateMs: 1, dropped: 0 },
  },
  error: { type: 'error', id: 'panel-3', reason: 'no-output', message: 'No output.' },
  event: { type: 'event', event: 'started', output: 'IAC', loop: true },
};

const TYPES = 'hello, playing, stopped, outputs, output-selected, status, error, event';

const OTHERS: unknown[] = [null, 0, -1.5, 'x', '', true, [], [1], {}, { a: 1 }];

/** `value` with one field (at any depth) dropped or replaced by each of {@link OTHERS}. */
function mutations(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.length ? mutations(value[0]).map((m) => [m, ...value.slice(1)]) : [];
  if (typeof value !== 'object' || value === null) return OTHERS;
  const v = value as Record<string, unknown>;
  return Object.keys(v).flatMap((key) => {
    const { [key]: _dropped, ...without } = v;
    return [without, ...mutations(v[key]).map((m) => ({ ...v, [key]: m }))];
  });
}

/** What parseServerMessage says of `frame`: `reason: message`, or `accepted`. */
function verdict(frame: unknown): string {
  try {
    parseServerMessage(frame);
    return 'accepted';
  } catch (err) {
    expect(err).toBeInstanceOf(BridgeProtocolError);
    return `${(err as BridgeProtocolError).reason}: ${(err as Error).message}`;
  }
}

describe('parseServerMessage', () => {
  it('checks against the schemas generated from SERVER_MESSAGES (if not: node --import tsx scripts/bridge-messages.ts)', () => {
    expect(SERVER_MESSAGE_SCHEMAS).toEqual(serverMessageSchemas());
    expect(SERVER_MESSAGE_TYPES).toEqual(Object.keys(SERVER_MESSAGES));
    expect(Object.keys(GOOD)).toEqual(Object.keys(SERVER_MESSAGES));
  });

  it('accepts every message the bridge sends, as it was sent (fields it does not know included)', () => {
    for (const msg of Object.values(GOOD)) {
      expect(parseServerMessage(JSON.stringify(msg))).toEqual(msg);
      expect(verdict(JSON.stringify({ ...msg, later: [1] }))).toBe('accepted');
    }
  });

  it.each([
    ['42', 'not-an-object: not a JSON object'],
    ['null', 'not-an-object: not a JSON object'],
    ['"str"', 'not-an-object: not a JSON object'],
    ['[]', 'not-an-object: not a JSON object'],
    ['{nope', 'malformed-json: not valid JSON'],
    ['', 'malformed-json: not valid JSON'],
    ['{}', `unknown-type: type must be one of ${TYPES}`],
    ['{"type":5}', `unknown-type: type must be one of ${TYPES}`],
    ['{"type":"fly"}', `unknown-type: type must be one of ${TYPES}`],
    ['{"type":"constructor"}', `unknown-type: type must be one of ${TYPES}`],
    ['{"type":"__proto__"}', `unknown-type: type must be one of ${TYPES}`],
    [
      JSON.stringify({ ...GOOD.status, state: 5 }),
      'invalid: status.state must be one of idle, playing, interrupted',
    ],
    [JSON.stringify({ ...GOOD.status, timing: 'x' }), 'invalid: status.timing must be an object or null'],
    [JSON.stringify({ ...GOOD.playing, output: 5 }), 'invalid: playing.output must be a string'],
    [JSON.stringify({ ...GOOD.playing, id: { x: 1 } }), 'invalid: playing.id must be a string or a number'],
    [JSON.stringify({ ...GOOD.stopped, id: null }), 'invalid: stopped.id must be a string or a number'],
    [JSON.stringify({ ...GOOD.stopped, id: [] }), 'invalid: stopped.id must be a string or a number'],
    [JSON.stringify({ ...GOOD.hello, protocol: 3 }), 'invalid: hello.protocol must be 2'],
    [JSON.stringify({ type: 'playing', id: 'panel-2' }), 'invalid: playing.output is missing'],
    [JSON.stringify({ ...GOOD.event, output: 7 }), 'invalid: event.output must be a string'],
    [
      JSON.stringify({ ...GOOD.outputs, outputs: [{ ...(GOOD.outputs.outputs as object[])[0], name: 1 }] }),
      'invalid: outputs.outputs[0].name must be a string',
    ],
  ])('refuses %s, saying why', (frame, expected) => {
    expect(verdict(frame)).toBe(expected);
  });

  it('refuses a binary frame (anything but text)', () => {
    for (const data of [new Uint8Array([123, 125]), new ArrayBuffer(2), undefined, null, 42, {}])
      expect(verdict(data)).toBe('malformed-json: binary, not JSON text');
  });

  it('accepts exactly what zod accepts, field by field (nested fields too)', () => {
    for (const [type, msg] of Object.entries(GOOD)) {
      const schema = SERVER_MESSAGES[type as keyof typeof SERVER_MESSAGES];
      for (const v of mutations(msg).filter((m) => (m as { type?: unknown }).type === type))
        expect(verdict(JSON.stringify(v)) === 'accepted', JSON.stringify(v)).toBe(
          schema.safeParse(v).success,
        );
    }
  });
});
