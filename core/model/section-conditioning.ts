/**
 * A role's conditioning vectors over time: the piece's, then each section's from its start on (a form's
 * sections, `RoleOptions.sections`), read as the role's writer moves forward in grid steps.
 */
import { GRID } from '../codec/events';
import { conditioningVector } from '../conditioning';
import type { RoleOptions } from './role-options';

/** The conditioning in force for one role as its time moves on (never backwards). */
export class SectionConditioning {
  private now: number[];
  /** Vectors from each later section's start (in grid steps), in order. */
  private readonly changes: { at: number; cond: number[] }[];

  constructor(o: Pick<RoleOptions, 'conditioning' | 'sections'>) {
    this.now = conditioningVector(o.conditioning);
    this.changes = (o.sections ?? []).map((x) => ({
      at: Math.round(x.start * GRID),
      cond: conditioningVector(x.conditioning),
    }));
    this.advance(0);
  }

  /** The vector in force at the current time (the same array until a section changes it). */
  get current(): number[] {
    return this.now;
  }

  /** The vector in force at grid step `t` (at or after the current time), without moving there. */
  at(t: number): number[] {
    let cond = this.now;
    for (const c of this.changes) {
      if (c.at > t) break;
      cond = c.cond;
    }
    return cond;
  }

  /** Moves to grid step `t`: the vector of the last section started by then becomes current. */
  advance(t: number): void {
    while (this.changes.length > 0 && this.changes[0].at <= t) this.now = this.changes.shift()!.cond;
  }
}
