/**
 * Design alternative "chord of the next onset as input" (docs/model.md): copies a scan folder with each
 * event's chord byte replaced by the next event's, so that the event LSTM, trained on the copy, reads at
 * every step the chord at the onset of the event it predicts (teacher-forced) instead of the previous one.
 *
 * Usage: node --import tsx bench/design/next-chord-scan.ts <scan dir> <out dir>
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StreamRef } from '../../core/model/data';
import { PACKED_FIELDS } from '../../core/model/data';

const [src, out] = process.argv.slice(2);
if (!src || !out) throw new Error('usage: next-chord-scan.ts <scan dir> <out dir>');
mkdirSync(out, { recursive: true });
const CHORD = 5;
const bins = {
  train: new Uint8Array(readFileSync(join(src, 'train.bin'))),
  valid: new Uint8Array(readFileSync(join(src, 'valid.bin'))),
};
const refs = readFileSync(join(src, 'index.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as StreamRef);
for (const r of refs) {
  const b = bins[r.split];
  for (let i = 0; i + 1 < r.length; i++)
    b[(r.offset + i) * PACKED_FIELDS + CHORD] = b[(r.offset + i + 1) * PACKED_FIELDS + CHORD];
}
for (const split of ['train', 'valid'] as const) writeFileSync(join(out, `${split}.bin`), bins[split]);
for (const f of ['index.jsonl', 'manifest.jsonl', 'summary.json']) copyFileSync(join(src, f), join(out, f));
console.log(`${refs.length} streams, chords moved one event earlier -> ${out}`);
