/**
 * The tune on top: an accompaniment voices its chords under the melody, as an arranger keeps a guitar's
 * strum or a piano's left hand out of the singer's way. A harmony note struck above the melody note that
 * sounds at that moment moves down by octaves until it is at or under it (its pitch class, so its place
 * in the chord, is kept; `mended` by `underMelody`), unless that would take it under C3, where close
 * chord tones turn to mud, or onto a pitch the harmony already strikes then (the note is left as it was).
 * Where no melody note sounds, the harmony keeps its register.
 */
import type { Note } from '../sequence';
import { mended } from './mended';

const EPS = 1e-6;

/** Lowest pitch a harmony note is moved down to: C3. */
export const UNDER_MELODY_FLOOR = 48;

/** The melody note sounding at `beat` (the highest, if several), from notes sorted by start. */
function melodyAt(melody: readonly Note[], beat: number): Note | undefined {
  let best: Note | undefined;
  for (const m of melody) {
    if (m.start > beat + EPS) break;
    if (m.end > beat + EPS && (!best || m.pitch > best.pitch)) best = m;
  }
  return best;
}

/**
 * Moves each harmony note struck above the sounding melody note down by octaves under it (see the module).
 * Other roles pass unchanged; the notes keep their order.
 */
export function keepUnderMelody(notes: readonly Note[]): Note[] {
  const melody = notes.filter((n) => n.role === 'melody').sort((a, b) => a.start - b.start);
  if (melody.length === 0) return [...notes];
  const struck = new Set(notes.filter((n) => n.role === 'harmony').map((n) => `${n.start}|${n.pitch}`));
  return notes.map((n) => {
    if (n.role !== 'harmony') return n;
    const top = melodyAt(melody, n.start);
    if (!top || n.pitch <= top.pitch) return n;
    let pitch = n.pitch;
    while (pitch > top.pitch) pitch -= 12;
    if (pitch < UNDER_MELODY_FLOOR || struck.has(`${n.start}|${pitch}`)) return n;
    struck.add(`${n.start}|${pitch}`);
    return mended({ ...n, pitch }, 'underMelody');
  });
}
