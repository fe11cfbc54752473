/**
 * MGEval by the evaluation's own code, for the design scripts: features of a folder's excerpts (read as the
 * evaluation reads its reference) and one line comparing a set of pieces with a reference.
 */
import { readReference } from '../../cli/eval/inputs';
import { compareSets } from '../../core/eval/mgeval/compare';
import type { MgevalVector } from '../../core/eval/mgeval/features';
import { mgevalFeatures } from '../../core/eval/mgeval/features';

/** MGEval features of up to `max` excerpts of `seconds` from `dirs` (spread evenly over the files). */
export async function excerptFeatures(
  dirs: readonly string[],
  seconds: number,
  max: number,
): Promise<MgevalVector[]> {
  const { set } = await readReference(dirs, seconds, max, { workers: 1 });
  return set.pieces.map(mgevalFeatures);
}

/** `name`, the count of `pieces`, their mean overlapped area against `reference` and each feature's. */
export function comparisonLine(name: string, pieces: MgevalVector[], reference: MgevalVector[]): string {
  const c = compareSets(pieces, reference);
  const mean = c.reduce((s, x) => s + x.oa, 0) / c.length;
  return (
    `${name.padEnd(10)} ${String(pieces.length).padStart(4)} pieces  mean OA ${mean.toFixed(3)}  ` +
    c.map((x) => `${x.feature} ${x.oa.toFixed(2)}`).join(', ')
  );
}
