/**
 * Reads POP909-style chord annotations (`chord_midi.txt`, `beat_midi.txt`, `key_audio.txt` in each song
 * folder; `index.csv` beside them) for the progression learner. Songs not in 4/4 are left out.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnnotatedSong } from '../../core/arrange/learn';
import { parseCsv, parseTimedLabels } from '../../core/features/annotations';
import { DataError } from '../../core/errors';

/** Reads every annotated song folder under `dir`. @throws {DataError} when none is found. */
export function readAnnotatedSongs(dir: string): AnnotatedSong[] {
  if (!existsSync(dir)) throw new DataError(`not a folder: ${dir}`);
  const index = join(dir, 'index.csv');
  const triple = new Set<string>();
  if (existsSync(index))
    for (const row of parseCsv(readFileSync(index, 'utf8')))
      if (row.num_beats_per_measure === '3') triple.add(row.song_id);
  const songs: AnnotatedSong[] = [];
  for (const id of readdirSync(dir).sort()) {
    const d = join(dir, id);
    const files = ['chord_midi.txt', 'beat_midi.txt', 'key_audio.txt'].map((f) => join(d, f));
    if (triple.has(id) || !files.every((f) => existsSync(f))) continue;
    const [chords, beats, keys] = files.map((f) => readFileSync(f, 'utf8'));
    const rows = beats
      .split(/\r?\n/)
      .map((l) => l.trim().split(/\s+/).map(Number))
      .filter((r) => r.length >= 3 && r.every(Number.isFinite));
    songs.push({
      beats: rows.map((r) => r[0]),
      bars: rows.filter((r) => r[2] === 1).map((r) => r[0]),
      chords: parseTimedLabels(chords),
      keys: parseTimedLabels(keys),
    });
  }
  if (songs.length === 0) throw new DataError(`no chord-annotated song folders under ${dir}`);
  return songs;
}
