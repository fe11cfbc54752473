/**
 * The asked dynamics, played: the band LSTM follows its `dynamics` conditioning only part of the way (calm
 * and sad prompts, asked for about 0.45 of full velocity, come out near 0.57), so each section's pitched
 * notes are levelled, as a mixer's fader would, to the mean velocity the section's conditioning asks for,
 * and their spread around that mean is narrowed or widened to the spread its arousal asks for (calm music
 * is played with more give in its dynamics, excited music more evenly: {@link VELOCITY_SPREAD_FROM_AROUSAL}).
 * One level and one spread per section keep the order of the model's accents and of its roles; the notes
 * stay the model's (a level, like the drums' level, is not a change of what is played).
 */
import type { Note } from '../sequence';
import type { Section } from './plan';

const EPS = 1e-6;
/** The most a section is turned down or up (a fader's reach). */
export const LEVEL_RANGE = { min: 0.6, max: 1.4 } as const;

/**
 * The spread (standard deviation of velocity / 127) of a section's pitched notes at an arousal: the line
 * through EMOPIA's training clips, which training conditions on arousal +-0.6 by quadrant: excited clips
 * (Q1, Q2) spread 0.0855, calm ones (Q3, Q4) 0.1013 (`bench/design/arousal-dynamics.ts` fits it and fails
 * when these drift).
 */
export const VELOCITY_SPREAD_FROM_AROUSAL = { at0: 0.0934, perArousal: -0.0131 } as const;

/** The most a section's velocity spread is narrowed or widened (as a factor on its deviations). */
export const SPREAD_RANGE = { min: 0.5, max: 2 } as const;

/** The factor that brings velocities of mean `mean` to `dynamics` (0-1 of 127), within {@link LEVEL_RANGE}. */
export function levelFactor(mean: number, dynamics: number): number {
  if (!(mean > 0)) return 1;
  return Math.min(LEVEL_RANGE.max, Math.max(LEVEL_RANGE.min, (dynamics * 127) / mean));
}

/**
 * The factor on deviations from the mean that brings a spread of `spread` (velocity units) to the one
 * `arousal` asks for, within {@link SPREAD_RANGE}; 1 when there is no spread to scale.
 */
export function spreadFactor(spread: number, arousal: number): number {
  if (!(spread > 0)) return 1;
  const target = 127 * (VELOCITY_SPREAD_FROM_AROUSAL.at0 + VELOCITY_SPREAD_FROM_AROUSAL.perArousal * arousal);
  return Math.min(SPREAD_RANGE.max, Math.max(SPREAD_RANGE.min, target / spread));
}

interface Level {
  /** Factor on velocities (the fader). */
  level: number;
  /** The levelled mean, around which deviations are scaled. */
  mean: number;
  /** Factor on deviations from `mean`. */
  spread: number;
}

/** The level of a section from the pitched notes that start in it. */
function sectionLevel(inside: readonly Note[], s: Section): Level {
  if (inside.length === 0) return { level: 1, mean: 0, spread: 1 };
  const raw = inside.reduce((sum, n) => sum + n.velocity, 0) / inside.length;
  const level = levelFactor(raw, s.conditioning.dynamics);
  const mean = raw * level;
  const sd = Math.sqrt(inside.reduce((sum, n) => sum + (n.velocity * level - mean) ** 2, 0) / inside.length);
  return { level, mean, spread: spreadFactor(sd, s.conditioning.arousal) };
}

/**
 * The index of the section a beat falls in, or -1: the last section (in start order, `order`) starting at
 * or before it, when the beat is also before that section's end (a binary search over the starts).
 */
function sectionAt(sections: readonly Section[], order: readonly number[], t: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sections[order[mid]].start - EPS <= t) lo = mid + 1;
    else hi = mid;
  }
  const k = lo > 0 ? order[lo - 1] : -1;
  return k >= 0 && t < sections[k].end - EPS ? k : -1;
}

/**
 * Scales the velocities of the pitched notes that start in each section so that their mean is the
 * section's asked dynamics and their spread the one its arousal asks for (see the module); drums keep
 * theirs (they have their own level). Sections do not overlap; each note's section is found once.
 */
export function levelDynamics(notes: readonly Note[], sections: readonly Section[]): Note[] {
  const order = sections.map((_, k) => k).sort((a, b) => sections[a].start - sections[b].start);
  const at = notes.map((n) => (n.isDrum ? -1 : sectionAt(sections, order, n.start)));
  const inside: Note[][] = sections.map(() => []);
  notes.forEach((n, i) => at[i] >= 0 && inside[at[i]].push(n));
  const levels = sections.map((s, k) => sectionLevel(inside[k], s));
  return notes.map((n, i) => {
    if (at[i] < 0) return n;
    const { level, mean, spread } = levels[at[i]];
    if (level === 1 && spread === 1) return n;
    const velocity = mean + spread * (n.velocity * level - mean);
    return { ...n, velocity: Math.max(1, Math.min(127, Math.round(velocity))) };
  });
}
