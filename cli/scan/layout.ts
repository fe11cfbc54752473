/**
 * Finds a corpus's MIDI files and the side information each one has, without assuming a fixed layout:
 * label CSVs anywhere in the tree are matched to files by their file-name column (EMOPIA's `labels.csv`,
 * Groove's `info.csv`) or song-id column (POP909's `index.csv`); per-song annotation files beside a MIDI
 * file (`beat_midi.txt`, `key_audio.txt`, `chord_midi.txt`) are picked up when present.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parseCsv } from '../../core/features/annotations';

/** What a worker needs to process one file. */
export interface ScanTask {
  path: string;
  /** Corpus-relative id (root folder name + relative path). */
  id: string;
  song: string;
  labels: { quadrant?: string; style?: string; bpm?: number };
  beatsPerBar?: number;
  drumKit: 'gm' | 'td11';
  beatFile?: string;
  keyFile?: string;
  chordFile?: string;
}

function walk(dir: string, out: { mids: string[]; csvs: string[] }): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (/\.midi?$/i.test(name)) out.mids.push(p);
    else if (/\.csv$/i.test(name)) out.csvs.push(p);
  }
}

interface LabelTable {
  byFile: Map<string, Record<string, string>>;
  bySong: Map<string, Record<string, string>>;
  td11: boolean;
}

function loadTables(root: string, csvs: string[]): LabelTable {
  const t: LabelTable = { byFile: new Map(), bySong: new Map(), td11: false };
  for (const csv of csvs) {
    const rows = parseCsv(readFileSync(csv, 'utf8'));
    const dir = dirname(csv);
    for (const r of rows) {
      const file = r.midi_filename ?? r.file ?? r.filename;
      if (file) {
        const full = file.includes('/') ? join(dir, file) : file;
        t.byFile.set(file.includes('/') ? relative(root, full) : basename(file), r);
      } else if (r.song_id) t.bySong.set(r.song_id, r);
    }
    if (rows[0] && 'drummer' in rows[0]) t.td11 = true;
  }
  return t;
}

const exists = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/** Lists the scan tasks of a corpus folder (sorted, deterministic). */
export function discover(root: string): ScanTask[] {
  const found = { mids: [] as string[], csvs: [] as string[] };
  walk(root, found);
  const tables = loadTables(root, found.csvs);
  const rootName = basename(root.replace(/\/+$/, ''));
  return found.mids.map((path) => {
    const rel = relative(root, path);
    const dir = dirname(path);
    const folder = basename(dir);
    const row = tables.byFile.get(rel) ?? tables.byFile.get(basename(path)) ?? tables.bySong.get(folder);
    const song =
      row?.song_id ??
      row?.session ??
      (exists(join(dir, 'beat_midi.txt'))
        ? folder
        : `${relative(root, dir)}/${basename(path).replace(/(_\d+)?\.midi?$/i, '')}`);
    const bpb = Number(row?.num_beats_per_measure);
    const bpm = Number(row?.bpm);
    return {
      path,
      id: `${rootName}/${rel}`,
      song: `${rootName}/${song}`,
      labels: { quadrant: row?.quadrant, style: row?.style, bpm: Number.isFinite(bpm) ? bpm : undefined },
      beatsPerBar: Number.isFinite(bpb) && bpb > 0 ? bpb : undefined,
      drumKit: tables.td11 && row?.drummer ? 'td11' : 'gm',
      beatFile: exists(join(dir, 'beat_midi.txt')) ? join(dir, 'beat_midi.txt') : undefined,
      keyFile: exists(join(dir, 'key_audio.txt')) ? join(dir, 'key_audio.txt') : undefined,
      chordFile: exists(join(dir, 'chord_midi.txt')) ? join(dir, 'chord_midi.txt') : undefined,
    };
  });
}
