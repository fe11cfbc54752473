/** Entry point of the `audiogenesis` command: dispatches to a command module and turns typed errors into messages. */
import { AudiogenesisError, UsageError } from '../core/errors';
import { COMMANDS } from './commands/index';

async function help(): Promise<string> {
  const rows = await Promise.all(
    Object.entries(COMMANDS).map(
      async ([name, load]) => `  ${name.padEnd(10)}${(await load()).command.summary}`,
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

/**
 * Runs the CLI with `argv` (without `node` and the script path).
 * @returns the process exit code: 0 success, 1 failure, 2 usage error.
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(await help());
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`audiogenesis: unknown command "${name}"\n\n${await help()}`);
    return 2;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`audiogenesis ${name}: ${err.message}\n\n${command.usage}`);
      return 2;
    }
    if (err instanceof AudiogenesisError) {
      console.error(`audiogenesis ${name}: ${err.name}: ${err.message}`);
      return 1;
    }
    if (
      err instanceof Error &&
      'code' in err &&
      typeof err.code === 'string' &&
      err.code.startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`audiogenesis ${name}: ${err.message}\n\n${command.usage}`);
      return 2;
    }
    throw err;
  }
}
