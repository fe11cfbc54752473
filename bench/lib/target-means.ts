/**
 * The model targets (`checkModelTargets`) of several evaluation runs, grouped (e.g. one group per code or
 * model, one run per dev seed) and averaged: the mean of each figure over a group's runs, and how many
 * targets each run meets. For design choices on development seeds, where one run is one draw.
 */
import type { TargetRow } from '../../core/eval/model-targets';

/** One group of runs: a name and each run's target rows. */
export interface TargetGroup {
  name: string;
  runs: readonly (readonly TargetRow[])[];
}

/** One figure and set, with each group's mean over its runs (NaN where a group lacks it). */
export interface MeanRow {
  figure: string;
  set: string;
  /** The target in words (`TargetRow.wanted`, without the key check's count, which differs from run to run). */
  wanted: string;
  means: number[];
}

/**
 * Each figure's mean per group, in the order the rows first appear, and each group's targets met per run.
 * A `near` target's reference is the first run's (the runs of one comparison share a reference set).
 */
export function meanTargets(groups: readonly TargetGroup[]): { rows: MeanRow[]; met: number[][] } {
  const rows = new Map<string, MeanRow & { values: number[][] }>();
  groups.forEach((g, gi) => {
    for (const run of g.runs)
      for (const r of run) {
        const key = `${r.figure}|${r.set}`;
        if (!rows.has(key))
          rows.set(key, {
            figure: r.figure,
            set: r.set,
            wanted: r.wanted,
            means: [],
            values: groups.map(() => []),
          });
        rows.get(key)!.values[gi].push(r.value);
      }
  });
  const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  return {
    rows: [...rows.values()].map(({ values, ...row }) => ({ ...row, means: values.map(mean) })),
    met: groups.map((g) => g.runs.map((run) => run.filter((r) => r.met).length)),
  };
}
