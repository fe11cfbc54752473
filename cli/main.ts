/**
 * Entry point of the `audiogenesis` command: dispatches to a command module and turns every error into one
 * plain line and an exit code (2 for usage, 1 for everything else), never a stack trace.
 */
import { AudiogenesisError, UsageError } from '../core/errors';
import { COMMANDS } from './commands/index';
import { asFileError } from './input';

/** The command list: each name padded to the longest one's width plus two spaces. */
async function help(): Promise<string> {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 2;
  const rows = await Promise.all(
    Object.entries(COMMANDS).map(
      async ([name, load]) => `  ${name.padEnd(width)}${(await load()).command.summary}`,
    ),
  );
  return [
    'usage: audiogenesis <command> [options]',
    '',
    'commands:',
    ...rows,
    '',
    'Run `audiogenesis <command> --help` for its options.',
  ].join('\n');
}

const debug = (): boolean => Boolean(process.env.AUDIOGENESIS_DEBUG);

/** One line for an error no typed error describes (a bug): its message, and the stack with AUDIOGENESIS_DEBUG=1. */
function internal(err: unknown): string {
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  const more =
    debug() && err instanceof Error && err.stack
      ? `\n${err.stack}`
      : ' (a bug: please report it; AUDIOGENESIS_DEBUG=1 shows where it happened)';
  return `internal error: ${message}${more}`;
}

/**
 * Prints `err` as one plain message and returns its exit code: 2 for usage errors, else 1.
 * File-system errors (a missing file, a read-only or full disk...) become {@link FileError}s.
 */
export function reportError(prefix: string, err: unknown, usage?: string): number {
  const isParse =
    err instanceof Error &&
    'code' in err &&
    typeof err.code === 'string' &&
    err.code.startsWith('ERR_PARSE_ARGS');
  if (err instanceof UsageError || isParse) {
    console.error(`${prefix}: ${(err as Error).message}${usage ? `\n\n${usage}` : ''}`);
    return 2;
  }
  const e = asFileError(err);
  if (e instanceof AudiogenesisError) {
    console.error(`${prefix}: ${e.name}: ${e.message}`);
    if (debug() && e.stack) console.error(e.stack);
    return 1;
  }
  console.error(`${prefix}: ${internal(e)}`);
  return 1;
}

let crashHandlers = false;

/**
 * Makes errors thrown outside the command's own promise (a callback, a stray rejection) end the process
 * with a plain message and exit 1. Installed before any library (tfjs's WebAssembly runtime adds handlers
 * that rethrow, which Node reports as exit code 7 with a stack trace), so these run first.
 */
export function installCrashHandlers(): void {
  if (crashHandlers) return;
  crashHandlers = true;
  const crash = (err: unknown): void => {
    process.exit(reportError('audiogenesis', err));
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}

/** Settings of {@link main}. */
export interface MainOptions {
  /** Install {@link installCrashHandlers}. Default true (false when embedding `main` in a test). */
  crashHandlers?: boolean;
}

/**
 * Runs the CLI with `argv` (without `node` and the script path).
 * @returns the process exit code: 0 success, 1 failure, 2 usage error. Never rejects.
 */
export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  if (options.crashHandlers ?? true) installCrashHandlers();
  const [name, ...rest] = argv;
  try {
    if (!name || name === '--help' || name === '-h') {
      console.log(await help());
      return name ? 0 : 2;
    }
    if (!Object.hasOwn(COMMANDS, name)) {
      console.error(`audiogenesis: unknown command "${name}"\n\n${await help()}`);
      return 2;
    }
    const { command } = await COMMANDS[name]();
    if (rest.includes('--help') || rest.includes('-h')) {
      console.log(command.usage);
      return 0;
    }
    try {
      return await command.run(rest);
    } catch (err) {
      return reportError(`audiogenesis ${name}`, err, command.usage);
    }
  } catch (err) {
    return reportError('audiogenesis', err);
  }
}
