/**
 * A file (or a section of one) that a script generates: rewrite it when it changed, or with `--check` only
 * exit 1 when it is stale. Shared by `bridge-messages.ts` and `daw-protocol-doc.ts`.
 */
import { writeFileSync } from 'node:fs';

/**
 * Writes `next` to `path` unless it equals `current`; with `--check` among the arguments, writes nothing
 * and exits 1 when they differ. `name` says what is generated, `command` how to regenerate it.
 */
export function regenerate(
  path: string | URL,
  current: string,
  next: string,
  name: string,
  command: string,
): void {
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error(`${name} is stale; run \`${command}\`.`);
      process.exit(1);
    }
    console.log(`${name} is up to date.`);
  } else if (next !== current) {
    writeFileSync(path, next);
    console.log(`${name} rewritten.`);
  } else console.log(`${name} is up to date.`);
}
