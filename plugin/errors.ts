/**
 * Failures as the editor reads them: every error the flow can meet becomes one plain sentence or two that
 * say what happened and what to do. Typed errors keep their own (already plain) message.
 */
import { AudiogenesisError, HostError } from '../core/errors';

/** What the panel shows for a failure. */
export interface UserMessage {
  /** Short heading ("Disk full"). */
  title: string;
  /** What happened and what to do. */
  text: string;
  /** The error's code (`HOST`, `PROMPT`...) and reason, for tests and bug reports. */
  code: string;
}

const TITLES: Record<string, string> = {
  'no-project': 'No project open',
  'no-sequence': 'No active sequence',
  'import-failed': 'Import failed',
  'no-free-track': 'No free audio track',
  'disk-full': 'Disk full',
  'write-failed': 'Could not save',
  'no-free-name': 'Could not save',
  'transaction-failed': 'Could not place the music',
  'picture-moved': 'The picture moved',
  'audition-failed': 'Could not play the take',
  'bridge-offline': 'Bridge not running',
  'bridge-refused': 'Bridge refused the music',
  'bridge-unreadable': 'Bridge message unreadable',
};

const CODE_TITLES: Record<string, string> = {
  PROMPT: 'Nothing to read',
  MODEL_LOAD: 'Model missing',
  CANCELLED: 'Stopped',
  RENDER: 'Could not render',
  BRIDGE_PROTOCOL: 'Bridge refused the music',
};

const DISK_FULL = /ENOSPC|no space|out ?of ?space|disk (is )?full|quota/i;

/** Whether an error from a file write means the disk (or quota) is full. */
export function isDiskFull(err: unknown): boolean {
  if (!err || typeof err !== 'object') return typeof err === 'string' && DISK_FULL.test(err);
  const e = err as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
    constructor?: { name?: unknown };
  };
  // UXP's storage throws OutOfSpaceError (by class: its message may say little).
  if (
    [e.code, e.name, e.message, e.constructor?.name].some((x) => typeof x === 'string' && DISK_FULL.test(x))
  )
    return true;
  return e.cause !== undefined && e.cause !== err && isDiskFull(e.cause);
}

const messageOf = (err: unknown): string =>
  err instanceof Error ? err.message : typeof err === 'string' ? err : 'unknown error';

/** The plain message for any error the panel meets. */
export function userMessage(err: unknown): UserMessage {
  if (err instanceof HostError)
    return { title: TITLES[err.reason] ?? 'Premiere Pro', text: err.message, code: `HOST:${err.reason}` };
  if (err instanceof AudiogenesisError)
    return { title: CODE_TITLES[err.code] ?? 'Audiogenesis', text: err.message, code: err.code };
  return {
    title: 'Something went wrong',
    text: messageOf(err),
    code: 'UNKNOWN',
  };
}
