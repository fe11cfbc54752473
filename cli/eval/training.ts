/**
 * The training set's side of the evaluation: the novelty index over every pitched part of every training
 * file of every corpus given, and the melodies the seed baseline starts from (25 notes each, as in
 * `npm run bench model`).
 *
 * A folder is either a scan output (`audiogenesis data scan`: index.jsonl, train.bin, valid.bin), read
 * directly (seconds), or a corpus folder or a folder of corpora (`../shared/data`), read through the
 * scanner's own pipeline. Each role stream is indexed whole, and, when it mixes instrument families (a
 * band's harmony: guitar, strings, pads), also one part per family, so that a copied guitar part is found
 * even where the training file's harmony interleaves it with other instruments.
 */
import type { Dirent } from 'node:fs';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeEvents } from '../../core/codec/events';
import type { BaselineNote } from '../../core/model/baseline';
import { baselineSeed } from '../../core/model/baseline';
import type { StreamRef } from '../../core/model/data';
import { FAMILY_FIELD, makeStream, PACKED_FIELDS } from '../../core/model/data';
import type { NoveltyIndex } from '../../core/eval/novelty';
import { addPart, emptyIndex } from '../../core/eval/novelty';
import type { Note } from '../../core/sequence';
import { MIDI_NAME } from '../scan/layout';
import type { ReadCorpusOptions } from './corpus';
import { readCorpus, unpackEvents } from './corpus';

/** What the training corpora give the evaluation. */
export interface TrainingSide {
  index: NoveltyIndex;
  /** Pitched parts indexed. */
  parts: number;
  /** Per corpus: files read and pitched parts indexed (a drums-only corpus indexes none). */
  corpora: Record<string, { files: number; parts: number }>;
  /** Melody openings for the baseline, sorted by file id. */
  seeds: BaselineNote[][];
}

/** True when `dir` is a scan output. */
export function isScanOutput(dir: string): boolean {
  return ['index.jsonl', 'train.bin', 'valid.bin'].every((f) => existsSync(join(dir, f)));
}

/**
 * Every corpus folder directly under `root` that holds MIDI files (sorted), e.g. all nine corpora of
 * `../shared/data`: the training folders the novelty check should cover by default.
 */
export function corpusFolders(root: string): string[] {
  if (!existsSync(root) || !statSync(root).isDirectory()) return [];
  const entries = (dir: string): Dirent[] => {
    try {
      return readdirSync(dir, { withFileTypes: true });
    } catch {
      return []; // an unreadable folder holds nothing the scanner could read either
    }
  };
  const holdsMidi = (dir: string, depth: number): boolean =>
    entries(dir).some(
      (e) =>
        (e.isFile() && MIDI_NAME.test(e.name)) ||
        (e.isDirectory() && depth < 3 && holdsMidi(join(dir, e.name), depth + 1)),
    );
  return entries(root)
    .filter((e) => e.isDirectory() && holdsMidi(join(root, e.name), 0))
    .map((e) => join(root, e.name))
    .sort();
}

/**
 * The novelty check's default training side: every corpus folder of `root` (default `../shared/data`,
 * relative to the working folder), so that no generated piece may copy any training file of any corpus.
 */
export function defaultTraining(root = '../shared/data'): string[] {
  return corpusFolders(root);
}

/** Adds one packed role stream: whole, and one part per instrument family when it mixes several. */
function indexStream(index: NoveltyIndex, data: Uint8Array): number {
  const notes = decodeEvents(unpackEvents(data));
  addPart(index, notes);
  const byFamily = new Map<number, Note[]>();
  let k = 0;
  for (let o = 0; o + PACKED_FIELDS <= data.length; o += PACKED_FIELDS) {
    if (data[o] === 128) continue;
    const family = data[o + FAMILY_FIELD];
    const list = byFamily.get(family) ?? [];
    list.push(notes[k++]);
    byFamily.set(family, list);
  }
  if (byFamily.size < 2) return 1;
  for (const part of byFamily.values()) addPart(index, part);
  return 1 + byFamily.size;
}

type Sink = (id: string, role: string, data: Uint8Array, ref: StreamRef) => void;

/** Reads a scan output's streams (both splits: all of it is training material). */
function readScan(dir: string, sink: Sink): void {
  const bins = {
    train: new Uint8Array(readFileSync(join(dir, 'train.bin'))),
    valid: new Uint8Array(readFileSync(join(dir, 'valid.bin'))),
  };
  for (const line of readFileSync(join(dir, 'index.jsonl'), 'utf8').split('\n')) {
    if (!line) continue;
    const r = JSON.parse(line) as StreamRef;
    const data = bins[r.split].subarray(r.offset * PACKED_FIELDS, (r.offset + r.length) * PACKED_FIELDS);
    sink(r.id, r.role, data, { ...r, offset: 0 });
  }
}

/**
 * Reads the training corpora (scan outputs or corpus folders): indexes every pitched role stream (and its
 * instrument parts); keeps melody openings of `window` notes.
 */
export async function readTraining(
  dirs: readonly string[],
  window: number,
  options: Omit<ReadCorpusOptions, 'onPiece'> = {},
): Promise<TrainingSide> {
  const index = emptyIndex();
  let parts = 0;
  const corpora: TrainingSide['corpora'] = {};
  const files = new Set<string>();
  const seeds: { id: string; notes: BaselineNote[] }[] = [];
  const sink: Sink = (id, role, data, ref) => {
    const corpus = (corpora[ref.corpus ?? id.split('/')[0]] ??= { files: 0, parts: 0 });
    if (!files.has(id)) corpus.files++;
    files.add(id);
    if (role === 'drums') return;
    const added = indexStream(index, data);
    parts += added;
    corpus.parts += added;
    if (role !== 'melody' || ref.length <= window + 1) return;
    const notes = baselineSeed(makeStream(data, ref, false), window);
    if (notes.length === window) seeds.push({ id, notes });
  };
  const folders = dirs.filter((d) => !isScanOutput(d));
  for (const d of dirs) if (isScanOutput(d)) readScan(d, sink);
  if (folders.length)
    await readCorpus(folders, {
      ...options,
      onPiece: (piece) => {
        for (const s of piece.streams) {
          const length = s.data.length / PACKED_FIELDS;
          const ref: StreamRef = {
            split: piece.row.split,
            id: piece.id,
            role: s.role,
            offset: 0,
            length,
            // The style may be 'unknown': the baseline's seed reads only the notes.
            conditioning: s.conditioning as StreamRef['conditioning'],
            corpus: piece.task.corpus,
          };
          sink(piece.id, s.role, s.data, ref);
        }
      },
    });
  seeds.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const sorted = Object.fromEntries(Object.entries(corpora).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { index, parts, corpora: sorted, seeds: seeds.map((s) => s.notes) };
}
