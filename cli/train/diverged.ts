/**
 * Telling a diverged training run from a slow one: a loss that is not finite, or many times that of a
 * uniform guess over the model's vocabularies, means the weights are ruined (a learning rate far too high),
 * and such a model must never be saved as the best.
 */
import { TrainingError } from '../../core/errors';
import type { ModelConfig } from '../../core/model/config';

/** How many times a uniform guess's loss counts as diverged. */
export const DIVERGED_FACTOR = 4;

/** The summed NLL (nats) of guessing uniformly over pitch, step, duration (and velocity) vocabularies. */
export function guessLoss(config: ModelConfig): number {
  const v = config.vocab;
  const heads = Math.log(v.pitch) + Math.log(v.step) + Math.log(v.duration);
  return config.architecture.kind === 'seed-baseline' ? heads : heads + Math.log(v.velocity);
}

/**
 * A check for a model of `config`: call it with each loss; it throws when the run has diverged.
 * @returns `(loss, where, lr)`, which throws {@link TrainingError} saying where and what to change.
 */
export function divergenceCheck(config: ModelConfig): (loss: number, where: string, lr: number) => void {
  const limit = DIVERGED_FACTOR * guessLoss(config);
  return (loss, where, lr) => {
    if (Number.isFinite(loss) && loss <= limit) return;
    const shown = Number.isFinite(loss) ? loss.toExponential(2) : String(loss);
    throw new TrainingError(
      `training diverged at ${where}: loss ${shown} (a uniform guess scores ${guessLoss(config).toFixed(1)}); nothing from this epoch was saved. Lower --lr (now ${lr}) and start again`,
    );
  };
}
