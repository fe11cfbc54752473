/**
 * The pieces an evaluation wrote (`audiogenesis eval --out DIR`), read back for the design scripts by the
 * evaluation's own file naming (`pieceFile`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pieceFile } from '../../cli/eval/run';
import { readMidi } from '../../core/codec/midi-read';
import type { NoteSequence } from '../../core/sequence';

/** Piece `index` (0-based, prompt order) of set `set` in the evaluation folder `run`. */
export function readRunPiece(run: string, set: string, index: number): NoteSequence {
  return readMidi(new Uint8Array(readFileSync(join(run, pieceFile(set, index))))).sequence;
}

/** Every piece of set `set` in `run`, in prompt order (the prompts, then the style prompts). */
export function readRunSet(run: string, set: string): NoteSequence[] {
  const out: NoteSequence[] = [];
  while (existsSync(join(run, pieceFile(set, out.length)))) out.push(readRunPiece(run, set, out.length));
  return out;
}
