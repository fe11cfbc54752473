/**
 * Sampling weights that balance a corpus of many sources and styles, so that one large source (POP909's
 * pop piano) does not drown the rest. Each (corpus, style) cell of the training split gets a share of the
 * draws: styles (`unknown` counting as one) share in proportion to the square root of their events, and
 * the corpora within a style in proportion to the square root of theirs (tempered sampling, as for
 * multilingual text models: thin cells are drawn more often than their size, never as often as the big
 * ones). A stream's per-event weight is its cell's share divided by the cell's events, scaled so the mean
 * weight over all events is 1: a batcher that draws windows in proportion to `weight * length` follows
 * the shares.
 */

/** One file's contribution: its corpus, style, split and events (all roles together). */
export interface BalanceItem {
  corpus: string;
  style: string;
  split: 'train' | 'valid';
  events: number;
  seconds: number;
}

/** One (corpus, style) cell: its size and its share of events before and after weighting. */
export interface BalanceCell {
  corpus: string;
  style: string;
  files: number;
  events: number;
  hours: number;
  /** Share of the training events as they are. */
  before: number;
  /** Share of the draws with the weights. */
  after: number;
  /** Per-event weight. */
  weight: number;
}

/** Exponent of the tempering (0.5: square root). */
export const BALANCE_POWER = 0.5;

/** Computes the per-event weight of every (corpus, style) cell from the training split. */
export function balanceCells(items: readonly BalanceItem[]): BalanceCell[] {
  const cells = new Map<string, BalanceCell>();
  for (const it of items) {
    const key = `${it.corpus}\u0000${it.style}`;
    const c = cells.get(key) ?? {
      corpus: it.corpus,
      style: it.style,
      files: 0,
      events: 0,
      hours: 0,
      before: 0,
      after: 0,
      weight: 1,
    };
    if (it.split === 'train') {
      c.files++;
      c.events += it.events;
      c.hours += it.seconds / 3600;
    }
    cells.set(key, c);
  }
  const list = [...cells.values()];
  const total = list.reduce((s, c) => s + c.events, 0);
  const styles = new Map<string, BalanceCell[]>();
  for (const c of list) styles.set(c.style, [...(styles.get(c.style) ?? []), c]);
  const styleMass = [...styles.values()].map((cs) => cs.reduce((s, c) => s + c.events, 0) ** BALANCE_POWER);
  const styleTotal = styleMass.reduce((s, x) => s + x, 0);
  [...styles.values()].forEach((cs, i) => {
    const within = cs.reduce((s, c) => s + c.events ** BALANCE_POWER, 0);
    for (const c of cs) {
      c.before = total ? c.events / total : 0;
      c.after = styleTotal && within ? (styleMass[i] / styleTotal) * (c.events ** BALANCE_POWER / within) : 0;
      c.weight = c.events ? (c.after * total) / c.events : 1;
    }
  });
  return list.sort((a, b) =>
    a.corpus < b.corpus ? -1 : a.corpus > b.corpus ? 1 : a.style < b.style ? -1 : a.style > b.style ? 1 : 0,
  );
}

/** The weight of a (corpus, style) cell in a list from {@link balanceCells} (1 when the cell is absent). */
export function weightOf(cells: readonly BalanceCell[], corpus: string, style: string): number {
  return cells.find((c) => c.corpus === corpus && c.style === style)?.weight ?? 1;
}
