/**
 * Articulation that follows the mood: in a calm section (arousal below 0) a plucked or struck harmony
 * instrument lets its chord tones ring, as a guitarist lets an arpeggio ring and a pianist holds the pedal
 * through a chord. Each such note of the model's is held to the end of its chord, or to the next time the
 * same pitch is struck, or to the section's end, whichever comes first (`mended` by `letRing`). Notes
 * outside the chord keep their length (a passing tone does not ring under the chord), and so does music
 * that is not calm: the model's own articulation stands there.
 */
import type { ChordSpan } from '../features/chords';
import { chordPitchClasses, chordSpanAt } from '../features/chords';
import type { Beats, Note, Role } from '../sequence';
import { mended } from './mended';
import type { Section } from './plan';
import { sectionAt } from './plan';

const EPS = 1e-6;

/** A section whose arousal is below this is calm: its ringing instruments let their chord tones ring. */
export const CALM_AROUSAL = 0;

/**
 * True for programs whose notes ring on when let go of: acoustic and electric pianos (0-5), celesta,
 * glockenspiel, music box and vibraphone (8-11), nylon, steel, jazz and clean guitars (24-27), the harp (46).
 */
export function rings(program: number): boolean {
  return (
    (program >= 0 && program <= 5) ||
    (program >= 8 && program <= 11) ||
    (program >= 24 && program <= 27) ||
    program === 46
  );
}

/**
 * Lets the chord tones of `role` ring in calm sections (see the module). Returns the notes in their order;
 * a note that is not lengthened is returned as it was.
 * @param program the role's General MIDI program: nothing changes unless it {@link rings}.
 */
export function letRing(
  notes: readonly Note[],
  role: Role,
  program: number,
  sections: readonly Section[],
  chords: readonly ChordSpan[],
): Note[] {
  if (!rings(program) || chords.length === 0) return [...notes];
  const onsets = new Map<number, Beats[]>();
  for (const n of notes) {
    if (n.role !== role) continue;
    const list = onsets.get(n.pitch);
    if (list) list.push(n.start);
    else onsets.set(n.pitch, [n.start]);
  }
  for (const list of onsets.values()) list.sort((a, b) => a - b);
  return notes.map((n) => {
    if (n.role !== role || n.isDrum) return n;
    const section = sectionAt(sections, n.start);
    if (!section || section.conditioning.arousal >= CALM_AROUSAL) return n;
    const chord = chordSpanAt(chords, n.start);
    if (!chord || !chordPitchClasses(chord).includes(n.pitch % 12)) return n;
    const next = onsets.get(n.pitch)!.find((t) => t > n.start + EPS) ?? Infinity;
    const end = Math.min(chord.end, next, section.end);
    return end > n.end + EPS ? mended({ ...n, end }, 'letRing') : n;
  });
}
