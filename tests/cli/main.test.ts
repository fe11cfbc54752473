/**
 * The top-level help: every command is listed, each with its summary in one column, and an unknown
 * command is a usage error that prints the same list.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../cli/commands/index';
import { runMain } from '../helpers/cli';

/** The `  name  summary` rows of the help text. */
function commandRows(text: string): string[] {
  const lines = text.split('\n');
  const from = lines.indexOf('commands:') + 1;
  return lines.slice(from, lines.indexOf('', from));
}

describe('cli/main help', () => {
  it('lists every command with its summary, the summaries aligned and apart from the names', async () => {
    const r = await runMain(['--help']);
    expect(r.code).toBe(0);
    const rows = commandRows(r.out);
    const names = Object.keys(COMMANDS);
    expect(rows).toHaveLength(names.length);
    const columns = new Set<number>();
    rows.forEach((row, i) => {
      const m = /^ {2}(\S+)( {2,})(\S.*)$/.exec(row);
      expect(m, row).not.toBeNull();
      expect(m![1]).toBe(names[i]);
      columns.add(2 + m![1].length + m![2].length);
    });
    expect([...columns]).toHaveLength(1);
  });

  it('answers no command with the help and exit 2, an unknown one on stderr with exit 2', async () => {
    const none = await runMain([]);
    expect(none.code).toBe(2);
    expect(commandRows(none.out)).toHaveLength(Object.keys(COMMANDS).length);
    const unknown = await runMain(['compose-everything']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "compose-everything"');
    expect(commandRows(unknown.err)).toHaveLength(Object.keys(COMMANDS).length);
  });
});
