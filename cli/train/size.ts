/**
 * `audiogenesis train --units A,B --head-units H --restarts F`: the size of a named configuration,
 * overridden, and the share of windows started as a piece starts.
 */
import { UsageError } from '../../core/errors';
import type { ModelConfig } from '../../core/model/config';

const whole = (v: string, name: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 4096)
    throw new UsageError(`--${name} takes whole numbers 1..4096`);
  return n;
};

/**
 * Resizes a configuration: `units` as comma-separated LSTM widths (one per layer), `headUnits` the width
 * of a band LSTM's head layers.
 * @throws {UsageError} on a malformed number, or a size the architecture does not have.
 */
export function resizeConfig(config: ModelConfig, units?: string, headUnits?: string): ModelConfig {
  const arch = config.architecture;
  if ((units !== undefined || headUnits !== undefined) && arch.kind === 'seed-baseline')
    throw new UsageError('--units and --head-units size the LSTM generators, not the baseline');
  if (headUnits !== undefined && arch.kind !== 'band-lstm')
    throw new UsageError('--head-units sizes the band LSTM only');
  const out = structuredClone(config);
  if (units !== undefined && out.architecture.kind !== 'seed-baseline')
    out.architecture.units = units.split(',').map((u) => whole(u, 'units'));
  if (headUnits !== undefined && out.architecture.kind === 'band-lstm')
    out.architecture.headUnits = whole(headUnits, 'head-units');
  return out;
}

/**
 * The share of training windows started as a stream starts (`--restarts`), or `dflt`.
 * @throws {UsageError} unless it is a number in 0..1.
 */
export function restartShare(v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new UsageError('--restarts takes a share 0..1');
  return n;
}
