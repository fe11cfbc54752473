import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../bridge/schema';
import { parseClientMessage, validateSequence } from '../../bridge/validate';
import { BridgeProtocolError } from '../../core/errors';
import { note, sequence } from './helpers';

const ok = (t: unknown) => t === 'secret-token-0123456789';
const reasonOf = (frame: string): string => {
  try {
    parseClientMessage(frame, ok);
    return 'accepted';
  } catch (err) {
    expect(err).toBeInstanceOf(BridgeProtocolError);
    return (err as BridgeProtocolError).reason;
  }
};
const msg = (o: Record<string, unknown>) => JSON.stringify({ token: 'secret-token-0123456789', ...o });

describe('schema', () => {
  it('accepts each request type and copies only known fields', () => {
    const seq = sequence([note(60, 0, 1)]);
    const play = parseClientMessage(
      msg({ type: 'play', id: 'a1', sequence: { ...seq, evil: 1 }, loop: true }),
      ok,
    );
    expect(play).toMatchObject({ type: 'play', id: 'a1', loop: true });
    expect(play.type === 'play' && Object.keys(play.sequence)).not.toContain('evil');
    expect(parseClientMessage(msg({ type: 'stop' }), ok)).toMatchObject({ type: 'stop', panic: false });
    expect(parseClientMessage(msg({ type: 'list-outputs', id: 7 }), ok)).toMatchObject({ id: 7 });
    expect(parseClientMessage(msg({ type: 'select-output', name: 'IAC' }), ok)).toMatchObject({
      name: 'IAC',
    });
    expect(parseClientMessage(msg({ type: 'status' }), ok)).toMatchObject({ type: 'status' });
  });

  it('checks size, JSON, object, token, type, then fields', () => {
    expect(reasonOf('x'.repeat(LIMITS.messageBytes + 1))).toBe('oversize');
    expect(reasonOf('{"type":')).toBe('malformed-json');
    expect(reasonOf('[1,2]')).toBe('not-an-object');
    expect(reasonOf('null')).toBe('not-an-object');
    expect(reasonOf(JSON.stringify({ type: 'status' }))).toBe('unauthorized');
    expect(reasonOf(JSON.stringify({ type: 'status', token: 'nope' }))).toBe('unauthorized');
    expect(reasonOf(JSON.stringify({ type: 'nope', token: 'nope' }))).toBe('unauthorized');
    expect(reasonOf(msg({ type: 'nope' }))).toBe('unknown-type');
    expect(reasonOf(msg({ type: 'toString' }))).toBe('unknown-type');
    expect(reasonOf(msg({ type: 'select-output', name: '' }))).toBe('invalid');
    expect(reasonOf(msg({ type: 'status', id: { a: 1 } }))).toBe('invalid');
  });

  it.each([
    ['pitch 128', { pitch: 128 }],
    ['pitch -1', { pitch: -1 }],
    ['fractional pitch', { pitch: 60.5 }],
    ['velocity 0', { velocity: 0 }],
    ['velocity 128', { velocity: 128 }],
    ['negative start', { start: -1 }],
    ['end before start', { start: 2, end: 1 }],
    ['NaN-ish start', { start: '0' }],
    ['unknown role', { role: 'lead' }],
    ['program 128', { program: 128 }],
    ['beyond the beat limit', { end: LIMITS.beats + 1 }],
  ])('refuses a note with %s', (_, patch) => {
    const seq = sequence([{ ...note(60, 0, 1), ...patch } as never]);
    expect(() => validateSequence(seq)).toThrow(BridgeProtocolError);
  });

  it('refuses bad tempo maps and too many notes', () => {
    expect(() => validateSequence({ ...sequence([]), tempos: [{ beat: -1, bpm: 120 }] })).toThrow(
      /tempos\[0\]\.beat/,
    );
    expect(() => validateSequence({ ...sequence([]), tempos: [{ beat: 0, bpm: 0 }] })).toThrow(/bpm/);
    expect(() =>
      validateSequence({ ...sequence([]), timeSignatures: [{ beat: 0, numerator: 4, denominator: 3 }] }),
    ).toThrow(/power of two/);
    const many = { notes: Array.from({ length: LIMITS.notes + 1 }, () => 0) };
    expect(() => validateSequence(many)).toThrow(/at most 100000/);
  });
});
