/**
 * Role assignment: which part (melody, harmony, bass, drums) each track of a piece plays, decided for the
 * piece as a whole from the tracks' channel, names, General MIDI programs and registers.
 *
 * In order, for each track:
 * 1. channel 10 -> drums;
 * 2. a sound-effects program (GM 120-127: seashore, helicopter...) -> not placed (skipped, with a reason);
 * 3. names win where they name a role: chorale voices (Soprano -> melody, Alto/Tenor -> harmony, Bass ->
 *    bass), lead sheets and bands (Melody/Lead/Solo/Vocal/Theme/Riff -> melody, Chords/Pad/Comp/Arpeggio ->
 *    harmony, Bass/Walk -> bass when it is named just Bass, plays below G3 or on a bass program);
 * 4. a single line above middle C in a lead voice (synth lead, brass, reed, pipe, violin) -> melody, also
 *    when the track is named Bass (MMA writes riffs on its Bass tracks);
 * 5. a bass program (GM 32-39) -> bass; anything else -> harmony.
 * Then, for the piece: with no bass, the lowest sustained single line (a tuba, a guitar's thumb) becomes
 * bass, else the low line of the keyboards and guitars is split off as bass (a piano's left hand); with no
 * melody, the highest single line becomes melody, else (no drums either: solo piano) the keyboards' top
 * line is split off as melody (the skyline algorithm).
 */
import { familyOfProgram } from './family';
import type { InstrumentFamily } from './family';
import type { Note, Role } from '../sequence';

/** What is known about a track when its role is decided. */
export interface TrackProfile {
  name: string;
  /** The track's main GM program (its most frequent one). */
  program: number;
  isDrum: boolean;
  notes: number;
  /** Median MIDI pitch (NaN without notes). */
  medianPitch: number;
  /** Share of notes that do not overlap the next note (1 = a single line). */
  monophony: number;
}

/**
 * How a track was placed: its role and the rule that decided (`splitLow` / `splitTop`: its lowest / top
 * line is split off as bass / melody), or why it was left out.
 */
export type Placement =
  { role: Role; by: PlacementRule; splitLow?: boolean; splitTop?: boolean } | { role: null; reason: string };

/** The rule that placed a track. */
export type PlacementRule =
  'channel 10' | 'track name' | 'lead voice' | 'bass program' | 'lowest line' | 'top line' | 'default';

const CHORALE: [RegExp, Role][] = [
  [/\bsoprano\b/i, 'melody'],
  [/\b(alto|tenor)\b/i, 'harmony'],
];
const MELODY_NAME = /melod|lead|vocal|voice|solo|theme|tune|riff|\bsing/i;
const BASS_NAME = /bass|\bwalk|\bbase\b/i;
const HARMONY_NAME = /chord|harm|\bpad\b|accomp|\bcomp\b|rhythm|strum|arp|plectrum|backing/i;
const LEAD_FAMILIES: readonly InstrumentFamily[] = ['synthLead', 'brass', 'reed', 'pipe'];
/** Families whose low or top line may be split off (keyboards and guitars play several lines at once). */
const SPLIT_FAMILIES: readonly InstrumentFamily[] = ['piano', 'organ', 'guitar', 'mallets'];

/** Single-line share, median pitch and main program of a track's notes. */
export function profileTrack(name: string, isDrum: boolean, notes: readonly Note[]): TrackProfile {
  const sorted = [...notes].sort((a, b) => a.start - b.start || a.pitch - b.pitch);
  let overlapping = 0;
  for (let i = 0; i + 1 < sorted.length; i++)
    if (sorted[i + 1].start < sorted[i].end - 0.05 * (sorted[i].end - sorted[i].start)) overlapping++;
  const pitches = sorted.map((n) => n.pitch).sort((a, b) => a - b);
  const programs = new Map<number, number>();
  for (const n of notes) programs.set(n.program, (programs.get(n.program) ?? 0) + 1);
  let program = 0;
  for (const [p, c] of programs) if (c > (programs.get(program) ?? 0)) program = p;
  return {
    name,
    program,
    isDrum,
    notes: notes.length,
    medianPitch: pitches.length ? pitches[pitches.length >> 1] : NaN,
    monophony: sorted.length ? 1 - overlapping / sorted.length : 0,
  };
}

const isBassProgram = (t: TrackProfile): boolean => t.program >= 32 && t.program <= 39;

const isLeadLine = (t: TrackProfile): boolean =>
  (LEAD_FAMILIES.includes(familyOfProgram(t.program)) || t.program === 40 || t.program === 41) &&
  t.monophony >= 0.9 &&
  t.medianPitch >= 60;

/** Places one track on its own (steps 1-5 of the module's rules). */
export function placeTrack(t: TrackProfile): Placement & { named: boolean } {
  if (t.isDrum) return { role: 'drums', by: 'channel 10', named: false };
  if (t.program >= 120) return { role: null, reason: `sound effects program ${t.program}`, named: false };
  for (const [re, role] of CHORALE) if (re.test(t.name)) return { role, by: 'track name', named: true };
  if (MELODY_NAME.test(t.name) && !BASS_NAME.test(t.name))
    return { role: 'melody', by: 'track name', named: true };
  if (isLeadLine(t)) return { role: 'melody', by: 'lead voice', named: false };
  const low = t.medianPitch < 55 || isBassProgram(t) || /^\s*bass\s*$/i.test(t.name);
  if (BASS_NAME.test(t.name) && !/drum|kick/i.test(t.name) && low)
    return { role: 'bass', by: 'track name', named: true };
  if (HARMONY_NAME.test(t.name)) return { role: 'harmony', by: 'track name', named: true };
  if (isBassProgram(t)) return { role: 'bass', by: 'bass program', named: false };
  return { role: 'harmony', by: 'default', named: false };
}

/** Places every track of a piece (see the module's rules). */
export function placeTracks(tracks: readonly TrackProfile[]): Placement[] {
  const placed = tracks.map(placeTrack);
  const free = (i: number): boolean =>
    placed[i].role === 'harmony' && !placed[i].named && tracks[i].notes >= 8;
  const pick = (ok: (t: TrackProfile) => boolean, sign: number): number => {
    let best = -1;
    tracks.forEach((t, i) => {
      if (free(i) && ok(t) && (best < 0 || sign * (t.medianPitch - tracks[best].medianPitch) > 0)) best = i;
    });
    return best;
  };
  const splitters = tracks.flatMap((t, i) =>
    free(i) && SPLIT_FAMILIES.includes(familyOfProgram(t.program)) ? [i] : [],
  );
  const out: Placement[] = placed.map(({ named: _named, ...p }) => p as Placement);
  if (!out.some((p) => p.role === 'bass')) {
    const low = pick((t) => t.monophony >= 0.8 && t.medianPitch < 52, -1);
    if (low >= 0) out[low] = { role: 'bass', by: 'lowest line' };
    else for (const i of splitters) out[i] = { role: 'harmony', by: 'lowest line', splitLow: true };
  }
  if (!out.some((p) => p.role === 'melody')) {
    const top = pick((t) => t.monophony >= 0.8 && t.medianPitch >= 60 && t.notes >= 16, 1);
    if (top >= 0 && out[top].role === 'harmony') out[top] = { role: 'melody', by: 'top line' };
    else if (!out.some((p) => p.role === 'drums'))
      for (const i of splitters)
        if (out[i].role === 'harmony')
          out[i] = { ...(out[i] as { role: Role; by: PlacementRule }), splitTop: true };
  }
  return out;
}

/** Options of {@link splitPianoRoles}. */
export interface SplitOptions {
  /** Notes below this pitch that are the lowest of their onset become bass (when `low`). Default 48 (C3). */
  bassBelow?: number;
  /** Split the low line off as bass. Default true. */
  low?: boolean;
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
  const { bassBelow = 48, low = true, skyline = false, melodyFrom = 60 } = options;
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
    if (low && g[0].pitch < bassBelow) g[0].role = 'bass';
    const top = g[g.length - 1];
    if (skyline && top.pitch >= melodyFrom && top.role === 'harmony') top.role = 'melody';
  }
  return out;
}
