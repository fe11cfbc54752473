/**
 * Parts a player can play: a saxophone or a flute sounds one note at a time and a violin at most two
 * (`voicesOfProgram`). The writer already lets no more notes start together than that; this pass, the
 * last, holds the finished part to it, whatever the earlier passes made (a note let ring into the next, an
 * ending's chord): at an onset with more notes than the instrument sounds it keeps the highest, and a note
 * still sounding when the next one starts ends there (legato), as the player's breath or bow moves on.
 */
import { voicesOfProgram } from '../features/family';
import type { Note, Role } from '../sequence';
import { mended } from './mended';

/** The notes of one role held to `voices` sounding at once (see the module's comment). */
export function playableBy(notes: readonly Note[], voices: number): Note[] {
  const byOnset = new Map<number, Note[]>();
  for (const n of notes) byOnset.set(n.start, [...(byOnset.get(n.start) ?? []), n]);
  const onsets = [...byOnset.keys()].sort((a, b) => a - b);
  const out: Note[] = [];
  let sounding: number[] = []; // indices into out, oldest first
  for (const t of onsets) {
    const kept = byOnset
      .get(t)!
      .sort((a, b) => b.pitch - a.pitch)
      .slice(0, voices);
    sounding = sounding.filter((i) => out[i].end > t);
    while (sounding.length + kept.length > voices) {
      const i = sounding.shift()!;
      out[i] = mended({ ...out[i], end: t }, 'voices');
    }
    for (const n of kept) sounding.push(out.push(n) - 1);
  }
  return out;
}

/**
 * Every pitched role whose instrument (`programs[role]`) sounds fewer notes at once than the part asks
 * held to what it sounds ({@link playableBy}); cut notes are `mended` by `voices`, dropped ones gone. Roles
 * of instruments without a limit of their own, and drums, are returned as they were.
 */
export function keepPlayable(notes: readonly Note[], programs: Readonly<Record<Role, number>>): Note[] {
  const limited = (n: Note): boolean => !n.isDrum && Number.isFinite(voicesOfProgram(programs[n.role]));
  if (!notes.some(limited)) return [...notes];
  const out = notes.filter((n) => !limited(n));
  for (const role of new Set(notes.filter(limited).map((n) => n.role)))
    out.push(
      ...playableBy(
        notes.filter((n) => limited(n) && n.role === role),
        voicesOfProgram(programs[role]),
      ),
    );
  return out;
}
