/**
 * How a model would move a melody given the real one so far (teacher forcing): for the validation melody
 * streams of one corpus in a scan, the pitch head's probability mass on a repeat, a step (1-2 semitones) or a
 * leap from the previous onset's pitch, beside the moves the streams really make. Set beside
 * `melody-moves.ts`'s free-running figures, it says whether missing steps are what the network learned or
 * what generation asks of it.
 *
 * Usage: node --import tsx bench/design/melody-moves-forced.ts --scan runs/scan4 [--model assets/model]
 *        [--corpus pop909] [--batches 30]
 */
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { useNodeBackend } from '../../cli/backend';
import { readNetwork } from '../../cli/train/checkpoint';
import { loadStreams } from '../../cli/train/shards';
import { REST } from '../../core/codec/events';
import type { Batch } from '../../core/model/batch';
import { batches } from '../../core/model/batch';
import { batchInputs, headsOf } from '../../core/model/losses';
import type { MoveClass } from '../../core/eval/roles';
import { moveClass } from '../../core/eval/roles';

const { values } = parseArgs({
  options: {
    scan: { type: 'string' },
    model: { type: 'string', default: 'assets/model' },
    corpus: { type: 'string', default: 'pop909' },
    batches: { type: 'string', default: '30' },
  },
});
if (!values.scan) {
  console.error('usage: melody-moves-forced.ts --scan DIR [--model DIR] [--corpus pop909] [--batches 30]');
  process.exit(2);
}
await useNodeBackend();
const { model, config } = await readNetwork(values.model!);
const { valid } = loadStreams(
  values.scan,
  config.keyRelative ?? true,
  (r) => r.split === 'valid' && r.role === 'melody' && r.corpus === values.corpus,
);
const pitchHead = headsOf(config).indexOf('pitch');
const mass: Record<MoveClass, number> = { repeat: 0, step: 0, leap: 0 };
const real: Record<MoveClass, number> = { repeat: 0, step: 0, leap: 0 };
let moves = 0;

/** Adds one batch: each new onset's predicted move mass from the previous onset's (first) pitch. */
function tally(b: Batch, probs: number[][][]): void {
  for (let r = 0; r < b.size; r++) {
    let prev = -1;
    for (let t = 0; t < b.time; t++) {
      const i = r * b.time + t;
      // Input t is the previous event: a note that starts an onset is the pitch the next onset moves from.
      if (b.inputs.pitch[i] !== REST && b.inputs.step[i] > 0) prev = b.inputs.pitch[i];
      if (!b.mask[i] || b.targets.pitch[i] === REST || b.targets.step[i] === 0 || prev < 0) continue;
      const p = probs[r][t];
      const notes = p.slice(0, REST).reduce((s, x) => s + x, 0);
      p.slice(0, REST).forEach((x, k) => (mass[moveClass(Math.abs(k - prev))] += x / notes));
      real[moveClass(Math.abs(b.targets.pitch[i] - prev))]++;
      moves++;
    }
  }
}

for await (const b of batches(valid, {
  batchSize: 32,
  time: 64,
  condSize: config.conditioning.size,
  limit: Number(values.batches),
})) {
  const probs = tf.tidy(() => {
    const outs = model.apply(batchInputs(b, config), { training: false }) as tf.Tensor[];
    return tf.softmax(outs[pitchHead]).arraySync() as number[][][];
  });
  tally(b, probs);
}
model.dispose();
const f = (o: Record<MoveClass, number>) =>
  (['repeat', 'step', 'leap'] as const).map((c) => `${c} ${(o[c] / moves).toFixed(3)}`).join(', ');
console.log(`${values.corpus} validation melodies, ${moves} moves (${values.model})`);
console.log(`model's mass: ${f(mass)}`);
console.log(`real moves:   ${f(real)}`);
