/** Assertions shared by the CLI's bad-input tests: a run's JSON summary, a short generate, a plain failure. */
import { expect } from 'vitest';
import type { CliRun } from './cli';
import { crashed, runMain } from './cli';

/** The last stdout line of a successful `--json` run, parsed. */
export const summary = (r: CliRun): Record<string, string> => {
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out.trim().split('\n').pop()!) as Record<string, string>;
};

/** `generate PROMPT --seconds 2 --out OUT --json`, plus `extra`. */
export const generate = (out: string, prompt: string, ...extra: string[]): Promise<CliRun> =>
  runMain(['generate', prompt, '--seconds', '2', '--out', out, '--json', ...extra]);

/** The run failed with `code` and a message matching `message`, without a stack trace. */
export const expectPlain = (r: CliRun, code: number, message: RegExp): void => {
  expect({ code: r.code, err: r.err }).toMatchObject({ code, err: expect.stringMatching(message) });
  expect(crashed(r), r.err).toBe(false);
};
