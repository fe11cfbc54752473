/**
 * The training corpus' mood-labelled clips (EMOPIA, `<dir>/midis/Q<n>_*.mid`; never the held-out part),
 * read for the design scripts that fit the embedder's mood lines to them (`arousal-dynamics.ts`,
 * `mood-register.ts`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { midiToSequence } from '../../core/codec/midi-read';
import type { Note } from '../../core/sequence';

/** One clip: its quadrant (from the file name) and its pitched notes (none empty). */
export interface EmopiaClip {
  quadrant: 'Q1' | 'Q2' | 'Q3' | 'Q4';
  notes: Note[];
}

/** Every clip with pitched notes, and how many files could not be read. */
export function readEmopiaClips(dir: string): { clips: EmopiaClip[]; unreadable: number } {
  const midis = join(dir, 'midis');
  const clips: EmopiaClip[] = [];
  let unreadable = 0;
  for (const f of readdirSync(midis).filter((x) => /^Q[1-4]_.*\.midi?$/i.test(x))) {
    try {
      const notes = midiToSequence(readFileSync(join(midis, f))).notes.filter((n) => !n.isDrum);
      if (notes.length > 0) clips.push({ quadrant: f.slice(0, 2) as EmopiaClip['quadrant'], notes });
    } catch {
      unreadable++;
    }
  }
  return { clips, unreadable };
}

/** The mean of `xs`. */
export const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** The mean of `notes`' `field`. */
export const meanOf = (notes: readonly Note[], field: 'pitch' | 'velocity'): number =>
  mean(notes.map((n) => n[field]));
