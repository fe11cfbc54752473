/**
 * One-shot calls to the local bridge (`audiogenesis bridge`): {@link sendToDaw} and {@link stopDaw} each open
 * a short-lived {@link BridgeLink} (`bridge-link.ts`), wait for it to pair, do their one request and close
 * it. The panel keeps a persistent link instead. Their settings are in `bridge-types.ts`.
 */
import type { NoteSequence } from '../core/sequence';
import { missingToken, refusal } from './bridge-errors';
import { BridgeLink } from './bridge-link';
import type { BridgeOptions } from './bridge-types';

/**
 * Plays `sequence` through a short-lived connection (the loop keeps playing after it closes); resolves
 * with the output's name. The panel uses a {@link BridgeLink}; this is for one-shot callers.
 */
export async function sendToDaw(
  sequence: NoteSequence,
  token: string,
  loop = false,
  options: BridgeOptions = {},
): Promise<{ output: string; notes: number; durationSeconds: number }> {
  return once(token, options, (link) => link.play(sequence, loop, true));
}

/** Stops what the bridge plays (with a panic), through a short-lived connection. */
export async function stopDaw(token: string, options: BridgeOptions = {}): Promise<void> {
  return once(token, options, (link) => link.stop());
}

async function once<T>(
  token: string,
  options: BridgeOptions,
  job: (link: BridgeLink) => Promise<T>,
): Promise<T> {
  if (!token.trim()) throw missingToken();
  const link = new BridgeLink({ ...options, token });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(link.problem()), options.timeoutMs ?? 5000);
      const off = link.onStatus((s) => {
        if (s.link === 'connecting') return;
        clearTimeout(timer);
        off();
        if (s.link === 'ready') resolve();
        else reject(s.link === 'refused' ? refusal('unauthorized', '') : link.problem());
      });
      link.start();
    });
    return await job(link);
  } finally {
    link.close();
  }
}
