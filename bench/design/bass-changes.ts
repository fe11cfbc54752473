/**
 * How often the bass's first note after a chord change is the chord's root, by chord: in a model's pieces
 * (the evaluation's prompts with development seeds 1001 + i, rules off by default, one style or all), by
 * the chord's degree in the piece's key; and in a scan's training streams, by corpus (the first note after
 * the stream's chord id changes). It is what found that the scan had put POP909's chords a hair late and
 * estimated MMA's (docs/model.md, "0.4.0").
 *
 * Usage: node --import tsx bench/design/bass-changes.ts --model DIR [--style pop] [--rules]
 *        node --import tsx bench/design/bass-changes.ts --scan DIR [--split valid]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadModels } from '../../cli/eval/generate';
import { loadStreams } from '../../cli/train/shards';
import { REST } from '../../core/codec/events';
import { compose } from '../../core/compose';
import { parsePrompts } from '../../core/eval/prompts';
import { firstNotesOnChanges } from '../../core/eval/roles';
import { chordFromId } from '../../core/features/chords';
import { line } from '../../core/sequence';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    scan: { type: 'string' },
    style: { type: 'string' },
    rules: { type: 'boolean', default: false },
    split: { type: 'string', default: 'valid' },
    prompts: { type: 'string', default: 'assets/eval/prompts.json' },
  },
});
const tally = new Map<string, { root: number; all: number }>();
const count = (key: string, root: boolean): void => {
  const t = tally.get(key) ?? { root: 0, all: 0 };
  t.root += root ? 1 : 0;
  t.all++;
  tally.set(key, t);
};
const pc = (x: number): number => ((x % 12) + 12) % 12;

if (values.model) {
  const prompts = parsePrompts(readFileSync(values.prompts!, 'utf8'), 'json');
  const { model } = await loadModels(values.model, null);
  prompts.forEach((p, i) => {
    const r = compose(model, { prompt: p.prompt, seconds: 30, seed: 1001 + i, rules: values.rules });
    if (values.style && r.embedding.style !== values.style) return;
    const bass = line(
      r.sequence.notes.filter((n) => n.role === 'bass' && !n.isDrum),
      false,
    );
    for (const { note: n, chord: c } of firstNotesOnChanges(bass, r.plan.chords)) {
      const root = pc(n.pitch) === c.root;
      count('all', root);
      count(`${c.quality} chords`, root);
      count(`${r.plan.key.mode} key, ${c.quality} on ${pc(c.root - r.plan.key.tonic)}`, root);
    }
  });
  model.dispose();
} else if (values.scan) {
  const split = values.split === 'train' ? 'train' : 'valid';
  const sets = loadStreams(values.scan, true, (r) => r.role === 'bass' && r.split === split);
  for (const s of sets[split]) {
    // Ids are `<scanned folder>/<corpus>/...` when the scan read a folder of corpora (../shared/data).
    const corpus = s.id.split('/')[1] ?? s.id;
    let chord = 0;
    let pending = false;
    for (let i = 1; i < s.length; i++) {
      if (s.cols.chord[i] !== chord) [chord, pending] = [s.cols.chord[i], s.cols.chord[i] > 0];
      if (s.cols.pitch[i] === REST || !pending) continue;
      pending = false;
      count(corpus, pc(s.cols.pitch[i]) === chordFromId(chord)!.root);
    }
  }
} else {
  console.error(
    'usage: bass-changes.ts --model DIR [--style S] [--rules] | --scan DIR [--split valid|train]',
  );
  process.exit(2);
}
for (const [k, t] of [...tally].sort((a, b) => b[1].all - a[1].all))
  console.log(`${k.padEnd(28)} ${String(t.all).padStart(6)} changes | root ${(t.root / t.all).toFixed(3)}`);
