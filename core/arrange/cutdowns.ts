/**
 * Cutdowns: a family of versions of one spot (60, 30, 15, 6 seconds) from one theme. Every version keeps
 * the theme's key and sound (programs, drum level) and its motif: the first two bars the melody plays,
 * with the harmony and bass under them and their chords, copied note for note into the same place of the
 * version's form; each version then has its own length, cuts and the same ending sting (the held tonic
 * chord with a crash).
 */
import type { ChordSpan } from '../features/chords';
import type { Beats, Note, NoteSequence, Role } from '../sequence';
import { beatsPerBar } from '../sequence';
import type { ArrangementPlan } from './plan';

/** What a family of cutdowns shares, taken from the first version written. */
export interface Theme {
  key: ArrangementPlan['key'];
  programs: Record<Role, number>;
  drumLevel: number;
  /** The motif's notes (melody, harmony, bass), beats from the motif's start, cut at its end. */
  notes: Note[];
  /** The chords under the motif, beats from its start. */
  chords: ChordSpan[];
  /** Length of the motif in beats (two bars, or less in a very short piece). */
  beats: Beats;
}

/** Bars of the motif. */
export const MOTIF_BARS = 2;
const EPS = 1e-6;
const MOTIF_ROLES: readonly Role[] = ['melody', 'harmony', 'bass'];

/**
 * Where the motif sits in a plan: the first two bars of the first section the melody plays in (cut at
 * the ending or the end), or undefined when the melody never plays.
 */
export function motifWindow(plan: ArrangementPlan): { start: Beats; end: Beats } | undefined {
  const s = plan.sections.find((x) => x.roles.includes('melody') && x.kind !== 'ending');
  if (!s) return undefined;
  const ending = plan.sections.find((x) => x.kind === 'ending')?.start ?? plan.beats;
  const end = Math.min(s.start + MOTIF_BARS * beatsPerBar(plan.meter), ending, plan.beats);
  return end > s.start + EPS ? { start: s.start, end } : undefined;
}

/** The theme of a written piece: its key, sound, and the notes and chords of its motif window. */
export function themeOf(seq: NoteSequence, plan: ArrangementPlan): Theme | undefined {
  const w = plan.motif ?? motifWindow(plan);
  if (!w) return undefined;
  const inside = (n: { start: Beats }): boolean => n.start >= w.start - EPS && n.start < w.end - EPS;
  return {
    key: plan.key,
    programs: { ...plan.programs },
    drumLevel: plan.drumLevel,
    notes: seq.notes
      .filter((n) => MOTIF_ROLES.includes(n.role) && inside(n))
      .map((n) => ({
        ...n,
        start: n.start - w.start,
        end: Math.min(n.end, w.end) - w.start,
        track: undefined,
      })),
    chords: plan.chords
      .filter((c) => c.end > w.start + EPS && c.start < w.end - EPS)
      .map((c) => ({
        ...c,
        start: Math.max(c.start, w.start) - w.start,
        end: Math.min(c.end, w.end) - w.start,
      })),
    beats: w.end - w.start,
  };
}

/**
 * A plan made a member of the theme's family: the theme's key and sound, the motif window placed, and the
 * theme's chords under it (the plan's own chords elsewhere).
 */
export function withTheme(plan: ArrangementPlan, theme: Theme): ArrangementPlan {
  const w = motifWindow(plan);
  const out: ArrangementPlan = {
    ...plan,
    key: theme.key,
    programs: { ...theme.programs },
    drumLevel: theme.drumLevel,
  };
  if (!w) return out;
  const end = Math.min(w.end, w.start + theme.beats);
  const placed = theme.chords
    .map((c) => ({ ...c, start: c.start + w.start, end: Math.min(c.end + w.start, end) }))
    .filter((c) => c.end > c.start + EPS);
  const before = plan.chords
    .filter((c) => c.start < w.start - EPS)
    .map((c) => ({ ...c, end: Math.min(c.end, w.start) }));
  const after = plan.chords
    .filter((c) => c.end > end + EPS)
    .map((c) => ({ ...c, start: Math.max(c.start, end) }));
  return { ...out, chords: [...before, ...placed, ...after], motif: { start: w.start, end } };
}

/**
 * The motif copied into the plan's window: the melody, harmony and bass that start there are replaced by
 * the theme's (origin `copy`, by `motif`), and notes held into the window stop at its start.
 */
export function placeMotif(notes: readonly Note[], plan: ArrangementPlan, theme: Theme): Note[] {
  const w = plan.motif;
  if (!w) return [...notes];
  const out: Note[] = [];
  for (const n of notes) {
    if (!MOTIF_ROLES.includes(n.role)) out.push(n);
    else if (n.start < w.start - EPS)
      out.push(n.end > w.start + EPS ? { ...n, end: w.start, origin: 'mended', by: 'motif' } : n);
    else if (n.start >= w.end - EPS) out.push(n);
  }
  for (const n of theme.notes)
    if (n.start < w.end - w.start - EPS)
      out.push({
        ...n,
        start: n.start + w.start,
        end: Math.min(n.end, w.end - w.start) + w.start,
        origin: 'copy',
        by: 'motif',
      });
  return out;
}
