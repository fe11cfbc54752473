/** `audiogenesis data scan <dir>... --out <dir>`: the corpus scanner. */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isSameOrRelative } from '../../core/features/key';
import { UsageError, DataError } from '../../core/errors';
import type { CorpusRow } from '../../core/features/corpus';
import type { Command } from '../command';
import { progressBar } from '../progress';
import type { ScanTask } from '../scan/layout';
import { discover } from '../scan/layout';
import { runPool } from '../scan/pool';
import type { ScanResult } from '../scan/process';
import { processTask } from '../scan/process';
import { ShardWriter } from '../scan/shards';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ProgressionTable } from '../../core/arrange/learn';
import { learnProgressions } from '../../core/arrange/learn';
import { readAnnotatedSongs } from '../scan/chords';

const usage = `usage: audiogenesis data scan <dir>... --out <dir> [--workers N]
       audiogenesis data chords <pop909-dir> --out assets/arrange/progressions.json

Reads every .mid file under each <dir> (POP909, EMOPIA, Groove or any folder of MIDI files) with the
side files it has, and writes manifest.jsonl, skipped.jsonl, index.jsonl, train.bin, valid.bin and
summary.json to --out. The train/validation split is by song and the same on every run.

chords: learns the arranger's chord progressions (four-bar windows, in scale degrees, per mode) from
chord-annotated songs (POP909's chord_midi.txt, beat_midi.txt, key_audio.txt) into a JSON table.`;

/** Summary figures of a scan (printed and written to summary.json). */
export interface ScanSummary {
  files: number;
  read: number;
  skipped: number;
  skippedReasons: Record<string, number>;
  notes: number;
  hours: number;
  seconds: number;
  songs: { train: number; valid: number };
  keyAgreement: { files: number; same: number; sameOrRelative: number } | null;
}

function keyAgreement(rows: CorpusRow[]): ScanSummary['keyAgreement'] {
  const annotated = rows.filter((r) => r.keySource === 'annotation' && r.foundKey);
  if (annotated.length === 0) return null;
  const same = annotated.filter(
    (r) => r.foundKey!.tonic === r.key.tonic && r.foundKey!.mode === r.key.mode,
  ).length;
  const rel = annotated.filter((r) => isSameOrRelative(r.key, r.foundKey!)).length;
  return { files: annotated.length, same, sameOrRelative: rel };
}

/** Scans corpus folders into `out`; returns the summary. */
export async function scan(dirs: string[], out: string, workers: number): Promise<ScanSummary> {
  const t0 = performance.now();
  const tasks: ScanTask[] = [];
  for (const d of dirs) {
    if (!existsSync(d) || !statSync(d).isDirectory()) throw new DataError(`not a folder: ${d}`);
    tasks.push(...discover(resolve(d)));
  }
  if (tasks.length === 0) throw new DataError(`no .mid files under ${dirs.join(', ')}`);
  const writer = new ShardWriter(out);
  const rows: CorpusRow[] = [];
  const bar = progressBar(tasks.length, 'scan');
  await runPool<ScanTask, ScanResult>(tasks, {
    script: new URL('./workers/scan.js', import.meta.url),
    workers,
    inline: processTask,
    onResult: (r) => {
      if (r.ok) {
        writer.add(r.row, r.streams);
        rows.push(r.row);
      } else writer.skip(r.id, r.reason);
      bar.increment(1, { info: `${rows.length} read, ${writer.skipped.length} skipped` });
    },
  });
  bar.stop();
  const reasons: Record<string, number> = {};
  for (const s of writer.skipped) {
    const kind = s.reason.replace(/\(.*$/, '').replace(/:.*$/, (m) => m.slice(0, 40));
    reasons[kind] = (reasons[kind] ?? 0) + 1;
  }
  const summary: ScanSummary = {
    files: tasks.length,
    read: rows.length,
    skipped: writer.skipped.length,
    skippedReasons: reasons,
    notes: rows.reduce((s, r) => s + r.notes, 0),
    hours: rows.reduce((s, r) => s + r.seconds, 0) / 3600,
    seconds: (performance.now() - t0) / 1000,
    songs: {
      train: new Set(rows.filter((r) => r.split === 'train').map((r) => r.song)).size,
      valid: new Set(rows.filter((r) => r.split === 'valid').map((r) => r.song)).size,
    },
    keyAgreement: keyAgreement(rows),
  };
  writer.close(summary as unknown as Record<string, unknown>);
  return summary;
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

export const command: Command = {
  summary: 'scan MIDI corpora into training shards; learn chord progressions',
  usage,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string' }, workers: { type: 'string' } },
    });
    const [sub, ...dirs] = positionals;
    if (sub === 'chords') return learnChords(dirs, values.out);
    if (sub !== 'scan') throw new UsageError(`unknown subcommand "${sub ?? ''}"`);
    if (dirs.length === 0) throw new UsageError('name at least one corpus folder');
    if (!values.out) throw new UsageError('--out is required');
    const workers =
      values.workers !== undefined ? Number(values.workers) : Math.max(1, availableParallelism());
    if (!Number.isInteger(workers) || workers < 0) throw new UsageError('--workers takes a whole number');
    const s = await scan(dirs, values.out, workers);
    console.log(`files: ${s.files}  read: ${s.read}  skipped: ${s.skipped}`);
    for (const [reason, n] of Object.entries(s.skippedReasons)) console.log(`  skipped ${n}: ${reason}`);
    console.log(
      `notes: ${s.notes}  hours of music: ${s.hours.toFixed(1)}  songs: ${s.songs.train} train / ${s.songs.valid} valid`,
    );
    if (s.keyAgreement) {
      const k = s.keyAgreement;
      const pct = (x: number): string => ((100 * x) / k.files).toFixed(1);
      console.log(
        `key finder vs annotations (${k.files} files): same key ${pct(k.same)}%, same or relative ${pct(k.sameOrRelative)}%`,
      );
    }
    console.log(`time: ${s.seconds.toFixed(1)} s  -> ${values.out}`);
    return 0;
  },
};
