/**
 * The asked dynamics, played: the band LSTM follows its `dynamics` conditioning only part of the way (calm
 * and sad prompts, asked for about 0.45 of full velocity, come out near 0.57), so each section's pitched
 * notes are levelled, as a mixer's fader would, to the mean velocity the section's conditioning asks for.
 * One factor per section keeps the model's accents and the balance between its roles; the notes stay
 * the model's (a level, like the drums' level, is not a change of what is played).
 */
import type { Note } from '../sequence';
import type { Section } from './plan';

const EPS = 1e-6;
/** The most a section is turned down or up (a fader's reach). */
export const LEVEL_RANGE = { min: 0.6, max: 1.4 } as const;

/** The factor that brings velocities of mean `mean` to `dynamics` (0-1 of 127), within {@link LEVEL_RANGE}. */
export function levelFactor(mean: number, dynamics: number): number {
  if (!(mean > 0)) return 1;
  return Math.min(LEVEL_RANGE.max, Math.max(LEVEL_RANGE.min, (dynamics * 127) / mean));
}

/**
 * Scales the velocities of the pitched notes that start in each section so that their mean is the
 * section's asked dynamics (see the module); drums keep theirs (they have their own level).
 */
export function levelDynamics(notes: readonly Note[], sections: readonly Section[]): Note[] {
  const factors = sections.map((s) => {
    const inside = notes.filter((n) => !n.isDrum && n.start >= s.start - EPS && n.start < s.end - EPS);
    const mean = inside.reduce((sum, n) => sum + n.velocity, 0) / Math.max(1, inside.length);
    return levelFactor(mean, s.conditioning.dynamics);
  });
  return notes.map((n) => {
    if (n.isDrum) return n;
    const k = sections.findIndex((s) => n.start >= s.start - EPS && n.start < s.end - EPS);
    const f = k < 0 ? 1 : factors[k];
    return f === 1 ? n : { ...n, velocity: Math.max(1, Math.min(127, Math.round(n.velocity * f))) };
  });
}
