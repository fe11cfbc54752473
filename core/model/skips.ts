/** The spans a role does not write ({@link RoleOptions.skip}), in grid steps, walked forward in time. */
import { GRID } from '../codec/events';
import type { Beats } from '../sequence';

/** Skip spans in grid steps; {@link landing} is asked for times that never go back. */
export class SkipSpans {
  private readonly spans: { start: number; end: number }[];
  /** The first span not behind the last landing. */
  private next = 0;

  constructor(spans: readonly { start: Beats; end: Beats }[] = []) {
    this.spans = spans.map((x) => ({ start: Math.round(x.start * GRID), end: Math.round(x.end * GRID) }));
  }

  /** Where an onset at grid step `t` lands: moved on by the length of every span it would fall inside. */
  landing(t: number): number {
    for (const k = this.spans; this.next < k.length;) {
      const x = k[this.next];
      if (x.end <= t) this.next++;
      else if (x.start <= t) t += x.end - x.start;
      else break;
    }
    return t;
  }

  /** The grid step where the next span after the last landing starts (Infinity when none). */
  get nextStart(): number {
    return this.spans[this.next]?.start ?? Infinity;
  }
}
