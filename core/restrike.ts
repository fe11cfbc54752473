/**
 * One voice per pitch and part, as MIDI has: on one channel a pitch is either sounding or not, so a note
 * struck again while it still sounds cannot be a second voice in a MIDI file, a DAW's clip or a
 * synthesizer's channel. Each of those resolves the overlap its own way (a DAW trims the first note; a
 * synthesizer pairs the first note-off with the first note-on), so the same notes would sound three ways.
 * This is the rule all of them are given instead: the sounding note ends where the pitch is struck again,
 * and the new note sounds until the later of the two ends, so an inner note's end does not cut an outer
 * one short (a held chord re-struck keeps sounding). The arranger's output and the bridge's MIDI both
 * follow it.
 */
import type { Note } from './sequence';

/** Settings of {@link restrikeNotes}. */
export interface RestrikeOptions {
  /** Applied to each note whose end the rule changed (for example to mark its provenance). */
  mark?: (n: Note) => Note;
}

const EPS = 1e-9;

/**
 * `notes` with at most one note sounding per (`partOf(note)`, pitch) at any time (see the module's
 * comment): in onset order, a note still sounding when its pitch starts again in its part ends there, and
 * the new note lasts until the later of the two ends. Notes struck together at one pitch become one: the
 * loudest, lasting until the latest end. Order of the result: the input's, less the merged notes.
 */
export function restrikeNotes(
  notes: readonly Note[],
  partOf: (n: Note) => string | number,
  options: RestrikeOptions = {},
): Note[] {
  const mark = options.mark ?? ((n: Note) => n);
  const order = notes.map((_, i) => i).sort((a, b) => notes[a].start - notes[b].start || a - b);
  const out: (Note | null)[] = [...notes];
  const sounding = new Map<string, number>(); // index into out of the latest note of each part and pitch
  for (const i of order) {
    const n = notes[i];
    const key = `${partOf(n)}|${n.pitch}`;
    const j = sounding.get(key);
    sounding.set(key, i);
    const prev = j === undefined ? null : out[j];
    if (!prev || prev.end <= n.start + EPS) continue;
    const end = Math.max(prev.end, n.end);
    if (prev.start >= n.start - EPS) {
      // Struck together: one note, the louder, until the later end.
      out[j!] = null;
      const merged = { ...n, velocity: Math.max(n.velocity, prev.velocity), end };
      out[i] = end > n.end + EPS ? mark(merged) : merged;
      continue;
    }
    out[j!] = mark({ ...prev, end: n.start });
    if (end > n.end + EPS) out[i] = mark({ ...n, end });
  }
  return out.filter((n): n is Note => n !== null);
}
