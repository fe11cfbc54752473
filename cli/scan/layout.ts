/**
 * Finds a corpus's MIDI files (`.mid`, `.midi`, `.kar`, `.rmi`) and the side information each one has,
 * without assuming a fixed layout: label CSVs anywhere in the tree are matched to files by their file-name
 * column (`file`, `midi_filename`, `filename`: EMOPIA's and the added corpora's `labels.csv`, Groove's
 * `info.csv`) or song-id column (POP909's `index.csv`); per-song annotation files beside a MIDI file
 * (`beat_midi.txt`, `key_audio.txt`, `chord_midi.txt`) are picked up when present.
 *
 * The walk never throws on what it finds: a dangling symlink, a symlink loop, an unreadable folder, a FIFO
 * or device named `.mid` is listed as skipped with its reason (the file type is checked before anything is
 * opened, so a FIFO cannot hang the scan); a folder reached twice through symlinks is walked once.
 */
import type { Dirent } from 'node:fs';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parseCsv } from '../../core/features/annotations';
import type { StyleEvidence } from '../../core/features/annotations';
import type { MelodyRest } from '../../core/features/corpus-data';

/** What a worker needs to process one file. */
export interface ScanTask {
  path: string;
  /** Root-relative id (root folder name + relative path). */
  id: string;
  song: string;
  /** The corpus: the nearest folder with a label CSV at or above the file, else the scanned root. */
  corpus: string;
  labels: { quadrant?: string; bpm?: number } & StyleEvidence;
  beatsPerBar?: number;
  drumKit: 'gm' | 'td11';
  /** Why the file has no trustworthy beat grid (its labels give no tempo and no meter). */
  noGrid?: string;
  beatFile?: string;
  keyFile?: string;
  chordFile?: string;
  /** The key the labels state (`key` and `mode` columns, as the MMA corpus has), as a key label (`D:maj`). */
  keyLabel?: string;
  /** Chords by bar from the labels (the MMA corpus' `chords` and `bars` columns). */
  barChords?: { entries: string[]; bars: number };
  /** Learn the melody as one line (`data scan --melody-line`; `CorpusInput.melodyLine`). */
  melodyLine?: boolean;
  /** Where the notes under the melody's line go (`data scan --melody-rest`; `CorpusInput.melodyRest`). */
  melodyRest?: MelodyRest;
}

/** A file the walk found but cannot scan, and why. */
export interface SkippedFile {
  id: string;
  reason: string;
}

/** MIDI file names the scanner reads. */
export const MIDI_NAME = /\.(midi?|kar|rmi)$/i;
const LABEL_NAME = /\.csv$/i;

interface Found {
  mids: string[];
  csvs: string[];
  skipped: { path: string; reason: string }[];
  seen: Set<string>;
}

/** The type of an entry, following symlinks; a string says why it cannot be used. */
function kind(path: string, entry: Dirent): 'dir' | 'file' | string {
  if (entry.isDirectory()) return 'dir';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink())
    return `not a regular file (${entry.isFIFO() ? 'FIFO' : entry.isSocket() ? 'socket' : 'device'})`;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return 'dir';
    if (st.isFile()) return 'file';
    return `symlink to something that is not a regular file (${st.isFIFO() ? 'FIFO' : 'socket or device'})`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ELOOP'
      ? 'symlink loop'
      : code === 'ENOENT'
        ? 'dangling symlink'
        : `cannot follow symlink (${code})`;
  }
}

function walk(dir: string, out: Found): void {
  let real: string;
  let entries: Dirent[];
  try {
    real = realpathSync(dir);
    if (out.seen.has(real)) return;
    out.seen.add(real);
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  } catch (err) {
    out.skipped.push({
      path: dir,
      reason: `unreadable folder (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
    });
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    const midi = MIDI_NAME.test(e.name);
    const csv = LABEL_NAME.test(e.name);
    const k = kind(p, e);
    if (k === 'dir') walk(p, out);
    else if (k === 'file') {
      if (midi) out.mids.push(p);
      else if (csv) out.csvs.push(p);
    } else if (midi || csv) out.skipped.push({ path: p, reason: k });
  }
}

interface LabelTable {
  byFile: Map<string, Record<string, string>>;
  bySong: Map<string, Record<string, string>>;
  /** Folders (root-relative) that hold a label CSV. */
  labelled: Set<string>;
  td11: boolean;
}

function loadTables(root: string, csvs: string[], skipped: Found['skipped']): LabelTable {
  const t: LabelTable = { byFile: new Map(), bySong: new Map(), labelled: new Set(), td11: false };
  for (const csv of csvs) {
    let rows: Record<string, string>[];
    try {
      rows = parseCsv(readFileSync(csv, 'utf8'));
    } catch (err) {
      skipped.push({ path: csv, reason: `unreadable label file (${(err as NodeJS.ErrnoException).code})` });
      continue;
    }
    const dir = dirname(csv);
    let used = false;
    for (const r of rows) {
      const file = r.midi_filename ?? r.file ?? r.filename;
      if (file) {
        t.byFile.set(file.includes('/') ? relative(root, join(dir, file)) : basename(file), r);
        used = true;
      } else if (r.song_id) {
        t.bySong.set(r.song_id, r);
        used = true;
      }
    }
    if (used) t.labelled.add(relative(root, dir));
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

/** The corpus of a file: the nearest labelled folder at or above it (root-relative), else the root's name. */
function corpusOf(rel: string, tables: LabelTable, rootName: string): string {
  for (let d = dirname(rel); ; d = dirname(d)) {
    if (tables.labelled.has(d === '.' ? '' : d)) return d === '.' ? rootName : basename(d);
    if (d === '.' || d === '/' || d === '') return rootName;
  }
}

/** The song a file belongs to: a labelled song id, session or groove, an annotated song folder, else the file. */
function songOf(rel: string, row: Record<string, string> | undefined, annotated: boolean): string {
  const dir = dirname(rel);
  if (row?.song_id) return row.song_id;
  if (row?.session) return row.session;
  if (row?.groove) return `${dir}/${row.style_file ?? ''}:${row.groove}`;
  if (annotated) return dir;
  return rel.replace(MIDI_NAME, '');
}

/** Lists the scan tasks of a corpus folder (sorted, deterministic); see {@link discoverAll}. */
export function discover(root: string): ScanTask[] {
  return discoverAll(root).tasks;
}

/** Lists the scan tasks of a corpus folder (sorted, deterministic) and the files it cannot scan. */
export function discoverAll(root: string): { tasks: ScanTask[]; skipped: SkippedFile[] } {
  const found: Found = { mids: [], csvs: [], skipped: [], seen: new Set() };
  walk(root, found);
  const tables = loadTables(root, found.csvs, found.skipped);
  const rootName = basename(root.replace(/\/+$/, ''));
  const id = (p: string): string => join(rootName, relative(root, p));
  const tasks = found.mids.map((path): ScanTask => {
    const rel = relative(root, path);
    const dir = dirname(path);
    const folder = basename(dir);
    const row = tables.byFile.get(rel) ?? tables.byFile.get(basename(path)) ?? tables.bySong.get(folder);
    const annotated = exists(join(dir, 'beat_midi.txt'));
    const bpb = Number(row?.num_beats_per_measure);
    const bpm = Number(row?.bpm);
    const bars = Number(row?.bars);
    const entries = (row?.chords ?? '').split('|').map((c) => c.trim());
    const noGrid =
      row && 'tempo' in row && 'meter' in row && !row.tempo && !row.meter
        ? 'the labels give no tempo and no meter: no trustworthy beat grid'
        : undefined;
    return {
      path,
      id: id(path),
      song: `${rootName}/${songOf(rel, row, annotated)}`,
      corpus: corpusOf(rel, tables, rootName),
      labels: {
        quadrant: row?.quadrant,
        style: row?.style,
        confidence: row?.style_confidence,
        basis: row?.style_basis,
        bpm: Number.isFinite(bpm) && bpm > 0 ? bpm : undefined,
      },
      beatsPerBar: Number.isFinite(bpb) && bpb > 0 ? bpb : undefined,
      drumKit: tables.td11 && row?.drummer ? 'td11' : 'gm',
      ...(noGrid ? { noGrid } : {}),
      beatFile: annotated ? join(dir, 'beat_midi.txt') : undefined,
      keyFile: exists(join(dir, 'key_audio.txt')) ? join(dir, 'key_audio.txt') : undefined,
      chordFile: exists(join(dir, 'chord_midi.txt')) ? join(dir, 'chord_midi.txt') : undefined,
      ...(row?.key && /^(major|minor)$/i.test(row.mode ?? '')
        ? { keyLabel: `${row.key.trim()}:${/^minor$/i.test(row.mode) ? 'min' : 'maj'}` }
        : {}),
      ...(Number.isInteger(bars) && bars > 0 && entries.every((c) => c !== '')
        ? { barChords: { entries, bars } }
        : {}),
    };
  });
  return { tasks, skipped: found.skipped.map((s) => ({ id: id(s.path), reason: s.reason })) };
}
