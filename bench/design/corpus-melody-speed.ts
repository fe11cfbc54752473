/**
 * How fast the training corpora's melodies run: for each corpus in a scan folder, the training melody
 * streams' share of onset gaps under 0.1 s at the stream's tempo ({@link fastOnsetShare}) and the streams
 * above {@link MAX_FAST_SHARE} and above 20%. With `--out DIR`, writes a copy of the scan (its shards
 * linked, not copied) whose index leaves those training melody streams out (more than `--max-share` of their
 * gaps fast), for a training run that asks what the model learns without them. Validation rows are kept, so
 * validation losses stay comparable.
 *
 * Usage: node --import tsx bench/design/corpus-melody-speed.ts --scan runs/scan4 [--max-share 0.1]
 *        [--out DIR]
 */
import { parseArgs } from 'node:util';
import { MAX_FAST_SHARE, MIN_GAPS, onsetGaps } from '../lib/onset-gaps';
import type { ScanRow } from '../lib/scan-copy';
import { readScanRows, readTrainShard, streamEvents, writeScanCopy } from '../lib/scan-copy';

const { values } = parseArgs({
  options: {
    scan: { type: 'string' },
    'max-share': { type: 'string', default: String(MAX_FAST_SHARE) },
    out: { type: 'string' },
  },
});
const maxShare = Number(values['max-share']);
if (!values.scan || !(maxShare >= 0 && maxShare <= 1)) {
  console.error('usage: corpus-melody-speed.ts --scan DIR [--max-share 0.1] [--out DIR]');
  process.exit(2);
}
const scan = values.scan;

interface Tally {
  streams: number;
  gaps: number;
  fast: number;
  over: number;
  over20: number;
}

const train = readTrainShard(scan);
const tallies = new Map<string, Tally>();
const kept: ScanRow[] = [];
let left = 0;
for (const row of readScanRows(scan)) {
  const { ref } = row;
  if (ref.split === 'train' && ref.role === 'melody') {
    const { gaps, fast } = onsetGaps(streamEvents(train, ref), ref.conditioning.tempo);
    if (gaps >= MIN_GAPS) {
      const share = fast / gaps;
      const t = tallies.get(ref.corpus ?? '?') ?? { streams: 0, gaps: 0, fast: 0, over: 0, over20: 0 };
      t.streams++;
      t.gaps += gaps;
      t.fast += fast;
      if (share > maxShare) t.over++;
      if (share > 0.2) t.over20++;
      tallies.set(ref.corpus ?? '?', t);
      if (share > maxShare) {
        left++;
        continue;
      }
    }
  }
  kept.push(row);
}

console.log(
  `| corpus | training melody streams | onset gaps under 0.1 s | streams over ${maxShare} | streams over 0.2 |`,
);
console.log('| --- | --- | --- | --- | --- |');
for (const [corpus, t] of [...tallies].sort(([a], [b]) => (a < b ? -1 : 1)))
  console.log(
    `| ${corpus} | ${t.streams} | ${((100 * t.fast) / t.gaps).toFixed(1)}% | ${t.over} | ${t.over20} |`,
  );

if (values.out) {
  writeScanCopy(scan, values.out, kept);
  console.log(`${values.out}: ${left} training melody streams left out, ${kept.length} index rows kept`);
}
