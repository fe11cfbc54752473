/**
 * The clave of latin music (a rule): the two-bar son clave, 3-2 (beats 1, the "and" of 2 and 4 of the
 * first bar; 2 and 3 of the second), played on claves in every 4/4 section where the drums play, so that a
 * salsa, samba or bossa nova has the pattern its other parts lock to. Its notes are rule-made (`clave`).
 */
import type { Style } from '../conditioning';
import type { Beats, Note } from '../sequence';
import { beatsPerBar } from '../sequence';
import type { ArrangementPlan } from './plan';

/** Styles that are played over a clave. */
export const CLAVE_STYLES: readonly Style[] = ['latin'];
/** GM drum note of the claves. */
export const CLAVES = 75;
/** Onsets of the 3-2 son clave over two bars of 4/4, in beats. */
export const SON_CLAVE: readonly Beats[] = [0, 1.5, 3, 5, 6];

const EPS = 1e-6;

/**
 * Adds the clave under a latin piece in 4/4 (other styles and meters are returned as they are): the pattern
 * restarts at each section that has drums and is cut at the section's end (a stroke the model already
 * played on the claves is not doubled); `velocity` is the claves' MIDI
 * velocity (the drums' level scales it later, as it does the model's drums).
 */
export function addClave(
  notes: readonly Note[],
  plan: Pick<ArrangementPlan, 'style' | 'meter' | 'sections'>,
  velocity = 90,
): Note[] {
  const { numerator, denominator } = plan.meter;
  if (!CLAVE_STYLES.includes(plan.style) || numerator !== 4 || denominator !== 4) return [...notes];
  const span = 2 * beatsPerBar(plan.meter);
  const out = [...notes];
  // Where the model already struck the claves, its stroke stands for the pattern's.
  const struck = new Set(
    notes.filter((n) => n.isDrum && n.pitch === CLAVES).map((n) => Math.round(n.start * 12)),
  );
  for (const s of plan.sections) {
    if (!s.roles.includes('drums')) continue;
    for (let at = s.start; at < s.end - EPS; at += span)
      for (const b of SON_CLAVE) {
        const start = at + b;
        if (start >= s.end - EPS) break;
        if (struck.has(Math.round(start * 12))) continue;
        out.push({
          pitch: CLAVES,
          start,
          end: Math.min(start + 0.25, s.end),
          velocity,
          role: 'drums',
          program: 0,
          isDrum: true,
          origin: 'rule',
          by: 'clave',
        });
      }
  }
  return out;
}
