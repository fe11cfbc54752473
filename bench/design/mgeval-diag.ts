/**
 * Where a generated set's MGEval features differ from a reference's: per-feature means and the mean
 * note-length histogram of each side, and per-role note counts and length classes of the generated side.
 * For design work against the training corpus' validation split (never held-out music).
 *
 * Usage: node --import tsx bench/design/mgeval-diag.ts --reference DIR --generated DIR [--prefix default-]
 */
import { parseArgs } from 'node:util';
import { middleExcerpt } from '../../core/eval/excerpt';
import { mgevalFeatures, NOTE_LENGTH_CLASSES, noteLengthClass } from '../../core/eval/mgeval/features';
import type { NoteSequence } from '../../core/sequence';
import { readSequences } from '../../cli/eval/corpus';

const { values } = parseArgs({
  options: {
    reference: { type: 'string' },
    generated: { type: 'string' },
    prefix: { type: 'string', default: 'default-' },
    count: { type: 'string', default: '100' },
  },
});
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

function summary(label: string, seqs: NoteSequence[]): void {
  const f = seqs.map(mgevalFeatures);
  const hist = NOTE_LENGTH_CLASSES.map((_, i) => mean(f.map((v) => v.noteLengthHistogram[i])));
  console.log(
    `${label}: ${seqs.length} pieces | notes ${mean(f.map((v) => v.usedNotes[0])).toFixed(1)} | pitches ${mean(
      f.map((v) => v.usedPitches[0]),
    ).toFixed(1)} | range ${mean(f.map((v) => v.pitchRange[0])).toFixed(1)} | shift ${mean(
      f.map((v) => v.avgPitchShift[0]),
    ).toFixed(2)} | ioi ${mean(f.map((v) => v.avgIoi[0])).toFixed(3)}`,
  );
  console.log(
    '  length classes: ' +
      NOTE_LENGTH_CLASSES.map((c, i) => `${c.toFixed(2)}:${hist[i].toFixed(3)}`).join(' '),
  );
}

function roles(seqs: NoteSequence[]): void {
  const by = new Map<string, { notes: number; cls: number[] }>();
  for (const s of seqs)
    for (const n of s.notes) {
      if (n.isDrum) continue;
      const k = `${n.role}`;
      const r = by.get(k) ?? { notes: 0, cls: new Array<number>(12).fill(0) };
      r.notes++;
      r.cls[noteLengthClass(n.end - n.start)]++;
      by.set(k, r);
    }
  for (const [k, r] of by)
    console.log(
      `  ${k.padEnd(10)} ${(r.notes / seqs.length).toFixed(1)} notes/piece | ` +
        NOTE_LENGTH_CLASSES.map((c, i) => `${c.toFixed(2)}:${(r.cls[i] / r.notes).toFixed(2)}`).join(' '),
    );
}

const ref = await readSequences([values.reference!], 100);
summary(
  'reference',
  ref.pieces.map((p) => middleExcerpt(p.sequence, 30)),
);
roles(ref.pieces.map((p) => middleExcerpt(p.sequence, 30)));
const gen = await readSequences([values.generated!], 10000);
const mine = gen.pieces
  .filter((p) => p.id.split('/').pop()!.startsWith(values.prefix!))
  .slice(0, Number(values.count));
summary(
  'generated',
  mine.map((p) => p.sequence),
);
roles(mine.map((p) => p.sequence));
