/**
 * An independent key finder, for evaluation only: Aarden-Essen key profiles (Aarden 2003, "Dynamic
 * Melodic Expectancy", from the Essen folk-song collection) correlated with the duration-weighted
 * pitch-class histogram (the search is `key.ts`'s; the profiles are what a finder hears by). Generation
 * consults `key.ts` with Krumhansl-Kessler profiles for its key retry; nothing that writes music calls this
 * module, so a key it hears was not aimed at.
 *
 * Chosen over Temperley's probabilistic model (Kostka-Payne profiles, "Music and Probability" 2007) by
 * accuracy on the annotated keys of POP909's training songs (`scripts/check-key-finder.ts`): Temperley's
 * minor profile expects the leading tone and hears natural-minor pop as its relative major.
 */
import type { Note } from '../sequence';
import type { KeyEstimate } from './key';
import { findKeyWithProfiles, pitchClassHistogram } from './key';

/** Aarden-Essen major profile, tonic first. */
export const AARDEN_MAJOR = [
  17.7661, 0.145624, 14.9265, 0.160186, 19.8049, 11.3587, 0.291248, 22.062, 0.145624, 8.15494, 0.232998,
  4.95122,
];
/** Aarden-Essen minor profile, tonic first. */
export const AARDEN_MINOR = [
  18.2648, 0.737619, 14.0499, 16.8599, 0.702494, 14.4362, 0.702494, 18.6161, 4.56621, 1.93186, 7.37619,
  1.75623,
];

/** Finds the key of a pitch-class histogram with the Aarden-Essen profiles; C major, score 0, when flat or empty. */
export function findKeyAardenOfHistogram(h: readonly number[]): KeyEstimate {
  return findKeyWithProfiles(h, AARDEN_MAJOR, AARDEN_MINOR);
}

/** Finds the key of `notes` (drums ignored) with the Aarden-Essen profiles. */
export function findKeyIndependent(notes: readonly Note[]): KeyEstimate {
  return findKeyAardenOfHistogram(pitchClassHistogram(notes));
}
