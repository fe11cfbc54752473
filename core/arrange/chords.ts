/**
 * The chord plan. (First version: the basic four-chord cycle; replaced by POP909-learned progressions.)
 */
import type { ChordSpan } from '../features/chords';
import { basicProgression } from './progression';
import type { ArrangementPlan } from './plan';

/** Plans chords over the whole piece, one a bar, ending on the tonic (or leading back to it in a loop). */
export function planChords(plan: ArrangementPlan, _seed: number): ChordSpan[] {
  return basicProgression(plan, plan.beats);
}
