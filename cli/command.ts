import { UsageError } from '../core/errors';

/** The shape of one CLI command. */
export interface Command {
  /** One line for `audiogenesis --help`. */
  summary: string;
  /** Full usage text for `audiogenesis <name> --help`. */
  usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** The range and kind of a numeric option; see {@link numberOption}. */
export interface NumberRule {
  /** Smallest value allowed. */
  min?: number;
  /** Largest value allowed. */
  max?: number;
  /** True when `min` itself is not allowed (a value must be above it). */
  above?: boolean;
  /** Whole numbers only (no sign, point or exponent). */
  integer?: boolean;
}

const DECIMAL = /^\+?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const WHOLE = /^\+?\d+$/;

/**
 * Reads a numeric option strictly: plain decimal only (no hex such as `0x10`, no empty `--seed=`, no
 * `Infinity`), within the rule's range; `undefined` when the option was not given.
 * @throws {UsageError} naming the option, the accepted range and what was given.
 */
export function numberOption(
  value: string | undefined,
  name: string,
  rule: NumberRule = {},
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const shape = rule.integer ? WHOLE : DECIMAL;
  const inRange =
    (rule.min === undefined || (rule.above ? n > rule.min : n >= rule.min)) &&
    (rule.max === undefined || n <= rule.max);
  if (shape.test(value.trim()) && Number.isFinite(n) && inRange) return n;
  const kind = rule.integer ? 'a whole number' : 'a number';
  const low = rule.min === undefined ? '' : rule.above ? `above ${rule.min}` : `from ${rule.min}`;
  const high =
    rule.max === undefined ? '' : `${low ? ' ' : ''}${rule.above || !low ? 'up ' : ''}to ${rule.max}`;
  const range = low || high ? ` ${low}${high}` : '';
  throw new UsageError(`--${name} takes ${kind}${range} (got "${value}")`);
}

/** An option that must not be empty when given (`--out=`); `undefined` when not given. */
export function textOption(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!value.trim()) throw new UsageError(`--${name} needs a value (got an empty one)`);
  return value;
}

/**
 * A prompt given as words on the command line, joined by spaces. A word that names one of the command's
 * options (`--seconds`, `--out=x`) can only have come after `--`, where it would silently become part of
 * the prompt; it is refused instead.
 * @throws {UsageError} naming the option and where it goes.
 */
export function promptWords(
  positionals: readonly string[],
  options: Readonly<Record<string, unknown>>,
): string {
  const stray = positionals.find(
    (w) => w.startsWith('--') && Object.hasOwn(options, w.slice(2).split('=')[0]),
  );
  if (stray)
    throw new UsageError(
      `"${stray}" comes after "--", so it would be read as words of the prompt: put options before "--" (${stray} ... -- "<prompt>")`,
    );
  return positionals.join(' ');
}
