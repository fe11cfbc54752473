/**
 * The bridge link's failures as the panel says them: each a {@link HostError} with a plain message and a
 * reason (`bridge-offline`, `bridge-refused` or `bridge-unreadable`) that `errors.ts` titles.
 */
import { HostError } from '../core/errors';

/** The bridge's refusal (an `error` reply, or a closed handshake) for `reason`, with its `message`. */
export function refusal(reason: string, message: string): HostError {
  if (reason === 'unauthorized')
    return new HostError(
      'The bridge refused the pairing token. Paste the token it printed when it started.',
      'bridge-refused',
    );
  if (reason === 'no-output')
    return new HostError(
      'The bridge has no MIDI output. Restart it with --output "<port name>" (audiogenesis ports lists them).',
      'bridge-refused',
    );
  return new HostError(`The bridge refused the music: ${message}`, 'bridge-refused');
}

/** No pairing token yet. */
export function missingToken(): HostError {
  return new HostError('Paste the pairing token the bridge printed when it started.', 'bridge-refused');
}

/** Nothing answers at `url`. */
export function notRunning(url: string): HostError {
  return new HostError(
    `The bridge is not running at ${url}. Start it with "npx audiogenesis bridge" (see docs/daw.md) and try again.`,
    'bridge-offline',
  );
}

/** A request's reply did not come in time from the bridge at `url`. */
export function noAnswer(url: string): HostError {
  return new HostError(`The bridge at ${url} did not answer.`, 'bridge-offline');
}

/** The request is larger than the bridge reads in one message. */
export function tooLong(): HostError {
  return new HostError(
    'The music is too long to send to the bridge in one go: export the MIDI instead.',
    'bridge-refused',
  );
}

/** The bridge answered a request with a reply of another `type`. */
export function unexpectedReply(type: string): HostError {
  return new HostError(`The bridge answered ${type}.`, 'bridge-refused');
}

/**
 * The bridge at `url` (or whatever listens on its port) sent a frame that is not a message of the protocol;
 * `detail` says how (`parseServerMessage`'s message, e.g. `not a JSON object`).
 */
export function unreadable(url: string, detail: string): HostError {
  return new HostError(
    `The bridge at ${url} sent a message the panel cannot read (${detail}); the panel ignored it.`,
    'bridge-unreadable',
  );
}
