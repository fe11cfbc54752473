/**
 * Role assignment: which part (melody, harmony, bass, drums) a track or a note plays, from the track's
 * name, its General MIDI program and its register.
 */
import type { Note, Role } from '../sequence';

/** What is known about a track when its role is decided. */
export interface TrackFacts {
  name: string;
  program: number;
  isDrum: boolean;
  /** Mean MIDI pitch of its notes (NaN when it has none). */
  meanPitch: number;
}

const NAME_RULES: [RegExp, Role][] = [
  [/drum|perc|kit|beat/i, 'drums'],
  [/bass/i, 'bass'],
  [/melody|lead|vocal|voice|solo|theme|tune/i, 'melody'],
  [/piano|chord|pad|harm|bridge|accomp|keys|guitar|string|organ|rhythm|comp/i, 'harmony'],
];

/**
 * Decides a track's role. Drum channel wins, then the track name, then the GM program family, then register.
 */
export function roleOfTrack(t: TrackFacts): Role {
  if (t.isDrum) return 'drums';
  for (const [re, role] of NAME_RULES) if (re.test(t.name) && !(role === 'drums' && !t.isDrum)) return role;
  if (t.program >= 32 && t.program <= 39) return 'bass';
  if (Number.isFinite(t.meanPitch) && t.meanPitch < 48) return 'bass';
  if ((t.program >= 64 && t.program <= 87) || (t.program >= 40 && t.program <= 42 && t.meanPitch >= 60))
    return 'melody';
  return 'harmony';
}

/** Options of {@link splitPianoRoles}. */
export interface SplitOptions {
  /** Notes below this pitch that are the lowest of their onset become bass. Default 48 (C3). */
  bassBelow?: number;
  /** When true, the highest note of each onset at or above `melodyFrom` becomes melody. Default false. */
  skyline?: boolean;
  /** Lowest pitch the skyline melody may take. Default 60 (C4). */
  melodyFrom?: number;
}

/**
 * Splits the notes of a harmony (piano) part by register: its low line becomes `bass` and, with
 * `skyline`, its top line becomes `melody` (the skyline algorithm). Notes of other roles are unchanged.
 * Returns new note objects; the input is not modified.
 */
export function splitPianoRoles(notes: readonly Note[], options: SplitOptions = {}): Note[] {
  const { bassBelow = 48, skyline = false, melodyFrom = 60 } = options;
  const out = notes.map((n) => ({ ...n }));
  const groups = new Map<number, Note[]>();
  for (const n of out) {
    if (n.role !== 'harmony') continue;
    const key = Math.round(n.start * 12);
    const g = groups.get(key);
    if (g) g.push(n);
    else groups.set(key, [n]);
  }
  for (const g of groups.values()) {
    g.sort((a, b) => a.pitch - b.pitch);
    if (g[0].pitch < bassBelow) g[0].role = 'bass';
    const top = g[g.length - 1];
    if (skyline && top.pitch >= melodyFrom && top.role === 'harmony') top.role = 'melody';
  }
  return out;
}
