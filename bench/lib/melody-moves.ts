/**
 * How melodies move, pooled: the histogram of the intervals between a line's onsets and the shares of
 * repeats, steps and leaps ({@link moveClass}), the moves read as the evaluation reads a melody
 * (`lineMoves` and `moveShares` in `core/eval/roles.ts`). `bench/design/melody-moves.ts` prints it for
 * generated sets, POP909's melodies and each training corpus.
 */
import type { MoveClass } from '../../core/eval/roles';
import { moveClass } from '../../core/eval/roles';

/** Intervals of this many semitones or more share the histogram's last bin. */
export const MOVE_BINS = 13;

/** Moves pooled over lines, each line's moves counted `weight` times. */
export class MoveTally {
  readonly bins = new Array<number>(MOVE_BINS + 1).fill(0);
  lines = 0;
  moves = 0;
  weight = 0;

  /**
   * Adds one line's moves with a weight (a training stream's sampling weight; 1 for a piece). A line
   * without moves (no melody, or one note) is not counted.
   */
  add(moves: readonly number[], weight = 1): void {
    if (moves.length === 0) return;
    this.lines++;
    this.moves += moves.length;
    this.weight += weight * moves.length;
    for (const m of moves) this.bins[Math.min(MOVE_BINS, m)] += weight;
  }

  /** The weighted share of each interval bin (0, 1, ..., {@link MOVE_BINS} or more). */
  histogram(): number[] {
    return this.bins.map((b) => b / this.weight);
  }

  /** Repeats, steps and leaps as weighted shares of all moves. */
  shares(): Record<MoveClass, number> {
    const out: Record<MoveClass, number> = { repeat: 0, step: 0, leap: 0 };
    this.histogram().forEach((share, bin) => (out[moveClass(bin)] += share));
    return out;
  }
}
