import { describe, expect, it } from 'vitest';
import { parseAuth, parseClientMessage } from '../../../bridge/protocol/parse';
import { tokenMatcher } from '../../../bridge/gate';
import { LIMITS } from '../../../core/bridge-protocol';
import { BridgeProtocolError } from '../../../core/errors';
import { note, sequence } from '../helpers';

const reason = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(BridgeProtocolError);
    return (err as BridgeProtocolError).reason;
  }
  return 'accepted';
};

describe('parseClientMessage', () => {
  it('gives each kind of bad frame its reason, in order: JSON, object, type, fields', () => {
    expect(reason(() => parseClientMessage('{'))).toBe('malformed-json');
    expect(reason(() => parseClientMessage('"x"'))).toBe('not-an-object');
    expect(reason(() => parseClientMessage('{"type":"fly"}'))).toBe('unknown-type');
    expect(reason(() => parseClientMessage('{"type":"stop","panic":1}'))).toBe('invalid');
    expect(reason(() => parseClientMessage('{"type":"stop"}'))).toBe('accepted');
  });

  it('names the field in the message', () => {
    const bad = {
      type: 'play',
      sequence: { ...sequence([note(60, 0, 1)]), notes: [{ ...note(60, 0, 1), pitch: 200 }] },
    };
    expect(() => parseClientMessage(JSON.stringify(bad))).toThrow(
      'sequence.notes[0].pitch must be an integer 0..127',
    );
  });

  it('fills in defaults', () => {
    expect(
      parseClientMessage(JSON.stringify({ type: 'play', id: 'a', sequence: sequence([note(60, 0, 1)]) })),
    ).toMatchObject({
      type: 'play',
      id: 'a',
      loop: false,
      keepPlaying: false,
    });
  });
});

describe('parseAuth', () => {
  const ok = tokenMatcher('the-right-token-0123');
  it('accepts the auth message with the right token, and returns its id', () => {
    expect(parseAuth(JSON.stringify({ type: 'auth', token: 'the-right-token-0123', id: 3 }), ok)).toBe(3);
  });
  it('refuses, as unauthorized, a wrong token, another message, bad JSON and anything longer than the cap', () => {
    for (const frame of [
      JSON.stringify({ type: 'auth', token: 'the-right-token-0124' }),
      JSON.stringify({ type: 'status', token: 'the-right-token-0123' }),
      '{',
      `{"type":"auth","token":"the-right-token-0123","pad":"${'x'.repeat(LIMITS.authBytes)}"}`,
    ])
      expect(
        reason(() => parseAuth(frame, ok)),
        frame.slice(0, 40),
      ).toBe('unauthorized');
  });
});
