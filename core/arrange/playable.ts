/**
 * Parts a player can play: a saxophone or a flute sounds one note at a time and a violin at most two
 * (`voicesOfProgram`). The writer already lets no more notes start together than that; this pass, the
 * last, holds the finished part to it, whatever the earlier passes made (a note let ring into the next, an
 * ending's chord): at an onset with more notes than the instrument sounds it keeps the highest, and a note
 * still sounding when the next one starts ends there (legato), as the player's breath or bow moves on.
 */
import { voicesOfProgram } from '../features/family';
import type { Note, Role } from '../sequence';
import { ROLES, stacksByOnset } from '../sequence';
import { mended } from './mended';

/** The notes of one role held to `voices` sounding at once (see the module's comment). */
export function playableBy(notes: readonly Note[], voices: number): Note[] {
  const out: Note[] = [];
  let sounding: number[] = []; // indices into out, oldest first
  for (const stack of stacksByOnset(notes)) {
    const t = stack[0].start;
    const kept = stack.reverse().slice(0, voices); // the highest first
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
  const voices = (role: Role): number => (role === 'drums' ? Infinity : voicesOfProgram(programs[role]));
  const out = notes.filter((n) => n.isDrum || !Number.isFinite(voices(n.role)));
  for (const role of ROLES.filter((r) => Number.isFinite(voices(r)))) {
    const part = notes.filter((n) => !n.isDrum && n.role === role);
    if (part.length > 0) out.push(...playableBy(part, voices(role)));
  }
  return out;
}
