/**
 * The acceptance figures as rows (value, target, which way is better), shared by the script that prints
 * them, the test that keeps them true and the comparison with the rules-only control.
 */
import type { ConsistencyFigures, MoodFigures, StatedFigures } from './acceptance';
import { TARGETS } from './acceptance';

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** One acceptance figure: its value, its target and which way is better. */
export interface AcceptanceRow {
  id: keyof typeof TARGETS | `scaleConsistency.${string}`;
  label: string;
  unit: 'share' | 'number';
  better: 'higher' | 'lower';
  value: number;
  target: number;
}

/** The figures of `f` as rows, each with its target. */
export function acceptanceRows(f: {
  consistency?: ConsistencyFigures;
  stated?: StatedFigures;
  mood?: MoodFigures;
}): AcceptanceRow[] {
  const T = TARGETS;
  const rows: AcceptanceRow[] = [];
  const add = (r: Omit<AcceptanceRow, 'better'> & { better?: AcceptanceRow['better'] }): void => {
    rows.push({ better: 'higher', ...r });
  };
  if (f.consistency) {
    const c = f.consistency;
    for (const [role, xs] of Object.entries(c.scale))
      add({
        id: `scaleConsistency.${role}`,
        label: `scale consistency, ${role}`,
        unit: 'share',
        value: mean(xs),
        target: T.scaleConsistency,
      });
    add({
      id: 'drumPatternConsistency',
      label: 'drum-pattern consistency',
      unit: 'share',
      value: mean(c.drums),
      target: T.drumPatternConsistency,
    });
    add({
      id: 'clashRate',
      label: 'strong beats with a minor-second clash',
      unit: 'share',
      better: 'lower',
      value: c.clashes / Math.max(1, c.strongBeats),
      target: T.clashRate,
    });
  }
  if (f.stated) {
    const s = f.stated;
    add({
      id: 'statedTempo',
      label: 'stated tempo written exactly',
      unit: 'share',
      value: s.tempoExact / Math.max(1, s.tempoAsked),
      target: T.statedTempo,
    });
    add({
      id: 'statedKey',
      label: 'stated key heard (Aarden-Essen)',
      unit: 'share',
      value: s.keyHeard / Math.max(1, s.keyAsked),
      target: T.statedKey,
    });
  }
  if (f.mood) {
    const g = f.mood.groups;
    add({
      id: 'arousalTempoGap',
      label: 'high- minus low-arousal tempo (bpm)',
      unit: 'number',
      value: g.highArousal.tempo - g.lowArousal.tempo,
      target: T.arousalTempoGap,
    });
    add({
      id: 'arousalDensityRatio',
      label: 'high- over low-arousal notes per second',
      unit: 'number',
      value: g.highArousal.notesPerSecond / Math.max(1e-9, g.lowArousal.notesPerSecond),
      target: T.arousalDensityRatio,
    });
    add({
      id: 'positiveMajor',
      label: 'positive valence heard in major',
      unit: 'share',
      value: g.positive.major,
      target: T.positiveMajor,
    });
    add({
      id: 'negativeMinor',
      label: 'negative valence heard in minor',
      unit: 'share',
      value: 1 - g.negative.major,
      target: T.negativeMinor,
    });
  }
  return rows;
}

/** True when a row meets its target. */
export const meetsTarget = (r: AcceptanceRow): boolean =>
  r.better === 'higher' ? r.value >= r.target : r.value <= r.target;

/** The figures below their targets, each as a line (empty when every target is met). */
export function missedTargets(f: {
  consistency?: ConsistencyFigures;
  stated?: StatedFigures;
  mood?: MoodFigures;
}): string[] {
  return acceptanceRows(f)
    .filter((r) => !meetsTarget(r))
    .map(
      (r) => `${r.label}: ${r.value.toFixed(3)} (target ${r.better === 'higher' ? '>=' : '<='} ${r.target})`,
    );
}
