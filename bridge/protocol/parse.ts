/**
 * Untrusted frames -> typed requests, through the schemas of `schema.ts`. Every refusal is a
 * {@link BridgeProtocolError} whose `reason` says what was wrong and whose message names the field.
 */
import type { z } from 'zod';
import { BridgeProtocolError } from '../../core/errors';
import { LIMITS } from '../../core/bridge-protocol';
import { REQUESTS, REQUEST_TYPES, type ClientMessage, type RequestId, type RequestType } from './schema';

/** `['sequence', 'notes', 3, 'pitch']` -> `sequence.notes[3].pitch`. */
function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

/** The first problem zod found, as `field what` (e.g. `sequence.notes[3].pitch must be an integer 0..127`). */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = pathText(issue?.path ?? []);
  return where ? `${where} ${issue.message}` : (issue?.message ?? 'is invalid');
}

/** Parses JSON text into an object; throws `malformed-json` or `not-an-object`. */
export function parseObject(frame: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    throw new BridgeProtocolError('The message is not valid JSON.', 'malformed-json');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BridgeProtocolError('A message must be a JSON object.', 'not-an-object');
  return value as Record<string, unknown>;
}

/** The request id of a parsed frame, if it has a well-formed one (used to address error replies). */
export function requestIdOf(v: unknown): RequestId | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const id = (v as Record<string, unknown>).id;
  if (typeof id === 'string' && id.length <= LIMITS.idLength) return id;
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  return undefined;
}

/** Validates a parsed value as a request; throws `unknown-type` or `invalid`. */
export function validateClientMessage(value: Record<string, unknown>): ClientMessage {
  const type = value.type;
  if (typeof type !== 'string' || !(REQUEST_TYPES as string[]).includes(type))
    throw new BridgeProtocolError(
      `Unknown message type; expected one of ${REQUEST_TYPES.join(', ')}.`,
      'unknown-type',
    );
  const result = REQUESTS[type as RequestType].safeParse(value);
  if (!result.success) throw new BridgeProtocolError(describeIssue(result.error), 'invalid');
  return result.data as ClientMessage;
}

/**
 * Parses one text frame of an authenticated connection. Checks, in order: JSON, object, type, fields.
 * @throws BridgeProtocolError with `reason` `malformed-json`, `not-an-object`, `unknown-type` or `invalid`
 */
export function parseClientMessage(frame: string): ClientMessage {
  return validateClientMessage(parseObject(frame));
}

/**
 * Checks the first frame of a connection whose handshake carried no token: at most
 * {@link LIMITS.authBytes} bytes, `{"type":"auth","token":...}` with the right token. Bounded work: the
 * size is checked before anything is parsed.
 * @param tokenOk compares a candidate with the pairing token in constant time
 * @returns the frame's request id, if any
 * @throws BridgeProtocolError `unauthorized` for anything else
 */
export function parseAuth(frame: string, tokenOk: (token: unknown) => boolean): RequestId | undefined {
  const refuse = () => new BridgeProtocolError('Missing or wrong pairing token.', 'unauthorized');
  if (frame.length > LIMITS.authBytes) throw refuse();
  let value: Record<string, unknown>;
  try {
    value = parseObject(frame);
  } catch {
    throw refuse();
  }
  if (value.type !== 'auth' || !tokenOk(value.token)) throw refuse();
  return requestIdOf(value);
}
