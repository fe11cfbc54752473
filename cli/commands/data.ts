/** `audiogenesis data scan <dir>... --out <dir>`: the corpus scanner. */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, DataError } from '../../core/errors';
import type { Command } from '../command';
import { progressBar } from '../progress';
import type { MelodyRest } from '../../core/features/corpus-data';
import { MELODY_RESTS } from '../../core/features/corpus-data';
import type { ScanTask } from '../scan/layout';
import { discoverAll } from '../scan/layout';
import type { CorpusStyles } from '../scan/corpus-style';
import { parseCorpusStyles, withCorpusStyle } from '../scan/corpus-style';
import { runPool } from '../scan/pool';
import type { ScanResult } from '../scan/process';
import { processTask } from '../scan/process';
import { ShardWriter } from '../scan/shards';
import type { ScanSummary } from '../scan/summary';
import { summarize, summaryLines } from '../scan/summary';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ProgressionTable } from '../../core/arrange/learn';
import { learnProgressions } from '../../core/arrange/learn';
import { readAnnotatedSongs } from '../scan/chords';
import { trainStyleClassifier } from '../../core/eval/style/model';
import { readStylePieces, STYLE_TARGET, styleScoreLines } from '../eval/style';

/** The held-out corpora, scored (never trained or tuned on) by `data train-style`. */
const HOLDOUT = '../shared/holdout';

const usage = `usage: audiogenesis data scan <dir>... --out <dir> [--workers N] [--style CORPUS=STYLE]...
       [--melody-line [--melody-rest drop|harmony]]
       audiogenesis data chords <pop909-dir> --out assets/arrange/progressions.json
       audiogenesis data train-style <dir>... --out assets/eval/style.json [--holdout <dir>|none]

Reads every MIDI file (.mid, .midi, .kar, .rmi) under each <dir> (POP909, EMOPIA, Groove, the added
corpora, or any folder of MIDI files) with the side files it has (label CSVs, beat/key/chord annotations),
and writes manifest.jsonl, skipped.jsonl, index.jsonl, train.bin, valid.bin and summary.json to --out.
The train/validation split is by song and the same on every run. The summary prints files read and
skipped (with reasons), notes and hours per corpus, style and role, and the balance weights.
--style CORPUS=STYLE gives the files of a corpus whose labels name no style that style (POP909's index
names none, but its songs are pop: --style pop909=pop); repeat it for more corpora.
--melody-line learns each file's melody as one line, the highest note of each onset (a lead and its
counter-line, or a riff and its harmony, become one tune); --melody-rest harmony gives the notes under
that line to the harmony instead of dropping them (--melody-rest drop, the default).

train-style: trains the style classifier on every file with a trustworthy style label under <dir>
(the training corpora; drums-only files left out), picks its L2 weight by 5-fold cross-validation by
song, scores it on --holdout (default ../shared/holdout: never used for a choice), prints the held-out
accuracy per style and the confusion matrix, writes FILE, and exits 1 when the full model's held-out
top-1 accuracy is below ${(STYLE_TARGET * 100).toFixed(0)}%.

chords: learns the arranger's chord progressions (four-bar windows, in scale degrees, per mode) from
chord-annotated songs (POP909's chord_midi.txt, beat_midi.txt, key_audio.txt) into a JSON table.`;

/** How {@link scan} reads the corpora. */
export interface ScanOptions {
  /** A style for the files of a corpus whose labels name none (`--style`). Default none. */
  corpusStyles?: CorpusStyles;
  /** Learn every melody as one line, the highest note of each onset (`--melody-line`). Default false. */
  melodyLine?: boolean;
  /** With `melodyLine`, where the notes under the line go (`--melody-rest`). Default `drop`. */
  melodyRest?: MelodyRest;
}

/** Scans corpus folders into `out` with `workers` threads (0: in this thread); returns the summary. */
export async function scan(
  dirs: string[],
  out: string,
  workers: number,
  { corpusStyles = {}, melodyLine = false, melodyRest = 'drop' }: ScanOptions = {},
): Promise<ScanSummary> {
  const t0 = performance.now();
  const tasks: ScanTask[] = [];
  const writer = new ShardWriter(out);
  let unreadable = 0;
  for (const d of dirs) {
    if (!existsSync(d) || !statSync(d).isDirectory()) throw new DataError(`not a folder: ${d}`);
    const found = discoverAll(resolve(d));
    tasks.push(...found.tasks.map((t) => ({ ...withCorpusStyle(t, corpusStyles), melodyLine, melodyRest })));
    for (const s of found.skipped) writer.skip(s.id, s.reason);
    unreadable += found.skipped.length;
  }
  if (tasks.length === 0)
    throw new DataError(`no MIDI files (.mid, .midi, .kar, .rmi) under ${dirs.join(', ')}`);
  const bar = progressBar(tasks.length, 'scan');
  let read = 0;
  await runPool<ScanTask, ScanResult>(tasks, {
    script: new URL('./workers/scan.js', import.meta.url),
    workers,
    inline: processTask,
    onResult: (r) => {
      if (r.ok) {
        writer.add(r.row, r.streams);
        read++;
      } else writer.skip(r.id, r.reason);
      bar.increment(1, { info: `${read} read, ${writer.skipped.length} skipped` });
    },
  });
  bar.stop();
  const files = tasks.length + unreadable;
  let summary: ScanSummary | undefined;
  writer.close((rows, cells, note) => {
    summary = summarize(files, rows, writer.skipped, cells, note, (performance.now() - t0) / 1000);
    return summary;
  });
  return summary!;
}

/** The table as JSON with one progression a line (readable in a diff). */
function formatTable(t: ProgressionTable): string {
  const list = (ps: ProgressionTable['major']): string =>
    `[\n${ps
      .map(
        (p) =>
          `  ${JSON.stringify(p)
            .replace(/,/g, ', ')
            .replace(/:(?=[[\d])/g, ': ')}`,
      )
      .join(',\n')}\n ]`;
  return `{\n "version": ${t.version},\n "source": ${JSON.stringify(t.source)},\n "halfBars": ${t.halfBars},\n "major": ${list(t.major)},\n "minor": ${list(t.minor)}\n}\n`;
}

function learnChords(dirs: string[], out: string | undefined): number {
  if (dirs.length !== 1) throw new UsageError('name one folder of chord-annotated songs');
  if (!out) throw new UsageError('--out is required');
  const songs = readAnnotatedSongs(dirs[0]);
  const table = learnProgressions(songs, `POP909 chord annotations, ${songs.length} songs in 4/4`);
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(out, formatTable(table));
  console.log(
    `${songs.length} songs: ${table.major.length} major and ${table.minor.length} minor progressions -> ${out}`,
  );
  return 0;
}

function trainStyle(dirs: string[], out: string | undefined, holdout: string | undefined): number {
  if (dirs.length === 0) throw new UsageError('name at least one corpus folder');
  if (!out) throw new UsageError('--out is required');
  const holdoutDir = holdout === 'none' ? null : (holdout ?? (existsSync(HOLDOUT) ? HOLDOUT : null));
  const t0 = performance.now();
  const train = readStylePieces(dirs);
  const test = holdoutDir ? readStylePieces([holdoutDir]).pieces : undefined;
  const c = trainStyleClassifier(train.pieces, test);
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(out, JSON.stringify(c) + '\n');
  const t = c.training;
  console.log(
    `pieces: ${train.pieces.length} labelled (${t.pieces} used, at most ${t.maxPerStyle} a style), ${t.songs} songs`,
  );
  for (const [why, n] of Object.entries(train.left)) console.log(`  left out ${n}: ${why}`);
  for (const set of ['full', 'notes'] as const)
    console.log(
      `${set}: L2 by 5-fold cross-validation (by song): ${Object.entries(t.cvAccuracy[set])
        .map(([k, v]) => `${k}: ${(100 * v).toFixed(1)}%`)
        .join(', ')} -> ${c[set].l2}`,
    );
  for (const set of ['full', 'notes'] as const) for (const line of styleScoreLines(c, set)) console.log(line);
  console.log(`time: ${((performance.now() - t0) / 1000).toFixed(1)} s  -> ${out}`);
  const acc = t.holdout?.full.accuracy;
  if (acc === undefined) return 0;
  if (acc < STYLE_TARGET) {
    console.error(
      `held-out accuracy ${(100 * acc).toFixed(1)}% is below the target ${(100 * STYLE_TARGET).toFixed(0)}%`,
    );
    return 1;
  }
  return 0;
}

export const command: Command = {
  summary: 'scan MIDI corpora into training shards; learn chord progressions',
  usage,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        workers: { type: 'string' },
        holdout: { type: 'string' },
        style: { type: 'string', multiple: true },
        'melody-line': { type: 'boolean' },
        'melody-rest': { type: 'string' },
      },
    });
    const [sub, ...dirs] = positionals;
    if (values.style && sub !== 'scan') throw new UsageError('--style is an option of data scan only');
    if (values['melody-line'] && sub !== 'scan')
      throw new UsageError('--melody-line is an option of data scan only');
    const melodyRest = values['melody-rest'];
    if (melodyRest !== undefined && !values['melody-line'])
      throw new UsageError('--melody-rest goes with --melody-line');
    if (melodyRest !== undefined && !(MELODY_RESTS as readonly string[]).includes(melodyRest))
      throw new UsageError(`--melody-rest takes ${MELODY_RESTS.join(' or ')}`);
    if (sub === 'chords') return learnChords(dirs, values.out);
    if (sub === 'train-style') return trainStyle(dirs, values.out, values.holdout);
    if (sub !== 'scan') throw new UsageError(`unknown subcommand "${sub ?? ''}"`);
    if (dirs.length === 0) throw new UsageError('name at least one corpus folder');
    if (!values.out) throw new UsageError('--out is required');
    const workers =
      values.workers !== undefined ? Number(values.workers) : Math.max(1, availableParallelism());
    if (!Number.isInteger(workers) || workers < 0) throw new UsageError('--workers takes a whole number');
    const s = await scan(dirs, values.out, workers, {
      corpusStyles: parseCorpusStyles(values.style ?? []),
      melodyLine: values['melody-line'] ?? false,
      melodyRest: (melodyRest as MelodyRest | undefined) ?? 'drop',
    });
    for (const line of summaryLines(s)) console.log(line);
    console.log(`time: ${s.seconds.toFixed(1)} s  -> ${values.out}`);
    return 0;
  },
};
