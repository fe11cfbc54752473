/** The shape of one CLI command. */
export interface Command {
  /** One line for `audiogenesis --help`. */
  summary: string;
  /** Full usage text for `audiogenesis <name> --help`. */
  usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}
