/**
 * How much of MGEval's shortfall is how the notes are released rather than which notes are written: an
 * evaluation's generated pieces (the 100 prompts, one set), and real music from the training corpora, are
 * scored against the same reference by the evaluation's own code as written and again with every pitched
 * note's length multiplied by a random "gate" (a player letting go early), onsets and pitches unchanged.
 * POP909 is played, not notated: its piano lengths are spread over the 1/12-beat values around 7/12 of a
 * beat, where generated parts mostly hold whole beats. A gate that lifts MGEval says the figure measures
 * that. Measurement only: no gate is applied by the arranger. For design work against the training corpus'
 * validation split (never held-out music).
 *
 * Usage: node --import tsx bench/design/mgeval-release.ts --reference DIR --run DIR [--run DIR]...
 *        [--set default|rules-off] [--real NAME=DIR] [--seed 7]
 *        (each run an `audiogenesis eval --out`, pieces in midi/; --real also scores 100 excerpts of DIR)
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readReference } from '../../cli/eval/inputs';
import type { MgevalVector } from '../../core/eval/mgeval/features';
import { mgevalFeatures } from '../../core/eval/mgeval/features';
import { parsePrompts } from '../../core/eval/prompts';
import type { Random } from '../../core/random';
import { seededRandom } from '../../core/random';
import type { NoteSequence } from '../../core/sequence';
import { comparisonLine, excerptFeatures } from '../lib/mgeval';
import { readRunPiece } from '../lib/runs';

/** Gates tried: each note keeps a uniform random fraction in [low, high] of its length (at least 1/12 beat). */
const GATES: readonly [number, number][] = [
  [0.85, 1],
  [0.7, 0.95],
  [0.6, 0.9],
  [0.5, 0.9],
];

const { values } = parseArgs({
  options: {
    reference: { type: 'string' },
    run: { type: 'string', multiple: true },
    set: { type: 'string', default: 'default' },
    real: { type: 'string', multiple: true },
    seed: { type: 'string', default: '7' },
  },
});
if (!values.reference || !values.run?.length) {
  console.error(
    'usage: mgeval-release.ts --reference DIR --run DIR [--run DIR]... [--set NAME] [--real NAME=DIR]',
  );
  process.exit(2);
}

/** `seq` with each pitched note shortened to a random fraction in [low, high] of its length. */
function gated(seq: NoteSequence, [low, high]: readonly [number, number], rng: Random): NoteSequence {
  const notes = seq.notes.map((n) =>
    n.isDrum
      ? n
      : { ...n, end: n.start + Math.max(1 / 12, (n.end - n.start) * (low + (high - low) * rng())) },
  );
  return { ...seq, notes };
}

/** One line as written and one per gate, the gates drawn from one seeded stream. */
function report(name: string, pieces: readonly NoteSequence[], reference: MgevalVector[]): void {
  console.log(comparisonLine(`${name}`, pieces.map(mgevalFeatures), reference));
  const rng = seededRandom(Number(values.seed));
  for (const gate of GATES)
    console.log(
      comparisonLine(
        `  x${gate[0]}-${gate[1]}`,
        pieces.map((s) => mgevalFeatures(gated(s, gate, rng))),
        reference,
      ),
    );
}

const prompts = parsePrompts(readFileSync('assets/eval/prompts.json', 'utf8'), 'json');
const reference = await excerptFeatures([values.reference], 30, 100);
console.log(`reference ${values.reference}: ${reference.length} excerpts of 30 s`);
const generated = values.run.flatMap((run) => prompts.map((_, i) => readRunPiece(run, values.set!, i)));
report(values.set, generated, reference);
for (const spec of values.real ?? []) {
  const [name, dir] = spec.split('=');
  const { set } = await readReference([dir], 30, 100, { workers: 1 });
  report(name, set.pieces, reference);
}
