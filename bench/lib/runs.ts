/**
 * The pieces an evaluation wrote (`audiogenesis eval --out DIR`), read back for the design scripts by the
 * evaluation's own file naming (`pieceFile`), and any one MIDI file read the same way.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pieceFile } from '../../cli/eval/run';
import { readMidi } from '../../core/codec/midi-read';
import type { Note, NoteSequence } from '../../core/sequence';

/**
 * The `parseArgs` options of a design script that reads melodies from runs (`--run`, repeatable, of one
 * `--set`), POP909-layout MELODY tracks (`--reference`) and a scan's training streams (`--scan`).
 */
export const MELODY_SOURCE_OPTIONS = {
  run: { type: 'string' as const, multiple: true as const, default: [] as string[] },
  set: { type: 'string' as const, default: 'default' },
  reference: { type: 'string' as const },
  scan: { type: 'string' as const },
};

/** The NoteSequence of the MIDI file at `path`, read by the project's reader (tracks, roles and programs kept). */
export function readMidiFile(path: string): NoteSequence {
  return readMidi(new Uint8Array(readFileSync(path))).sequence;
}

/** Piece `index` (0-based, prompt order) of set `set` in the evaluation folder `run`. */
export function readRunPiece(run: string, set: string, index: number): NoteSequence {
  return readMidiFile(join(run, pieceFile(set, index)));
}

/** Every piece of set `set` in `run`, in prompt order (the prompts, then the style prompts). */
export function readRunSet(run: string, set: string): NoteSequence[] {
  const out: NoteSequence[] = [];
  while (existsSync(join(run, pieceFile(set, out.length)))) out.push(readRunPiece(run, set, out.length));
  return out;
}

/**
 * Every MIDI file of a folder in POP909's layout (one subfolder per song, its `.mid` files in it), read by
 * {@link readMidiFile}, songs in name order.
 */
export function readSongFolder(dir: string): NoteSequence[] {
  const out: NoteSequence[] = [];
  for (const song of readdirSync(dir).sort()) {
    const folder = join(dir, song);
    if (!statSync(folder).isDirectory()) continue;
    for (const file of readdirSync(folder)
      .filter((f) => f.endsWith('.mid'))
      .sort())
      out.push(readMidiFile(join(folder, file)));
  }
  return out;
}

/** The notes of a song's track named `name` (in any case), or null without one. */
export function namedTrackNotes(seq: NoteSequence, name: string): Note[] | null {
  const track = seq.tracks.findIndex((t) => t.name.toUpperCase() === name.toUpperCase());
  return track < 0 ? null : seq.notes.filter((n) => n.track === track);
}

/** The notes of a POP909-layout song's MELODY track (its name in any case), or null without one. */
export function melodyTrackNotes(seq: NoteSequence): Note[] | null {
  return namedTrackNotes(seq, 'MELODY');
}
