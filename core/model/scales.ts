/**
 * The pitch classes a style's melodies and chords use over a key (intervals above the tonic): the mode's
 * scale, and in blues-based styles (blues, jazz, funk) the blue notes too: the flat third, flat fifth and
 * flat seventh over major, the flat fifth over minor. The generator's scale bias leaves these alone.
 */
import type { Style } from '../conditioning';
import type { Mode } from '../sequence';

const MAJOR = [0, 2, 4, 5, 7, 9, 11];
/** Natural minor: the leading tone comes with the chords that ask for it (the generator's chord tones). */
const MINOR = [0, 2, 3, 5, 7, 8, 10];
/** Styles whose language is the blues scale over the key. */
export const BLUE_STYLES: readonly Style[] = ['blues', 'jazz', 'funk'];
const BLUE: Record<Mode, number[]> = { major: [3, 6, 10], minor: [6] };

/** The intervals above the tonic that `style` plays in `mode`, ascending. */
export function styleScale(style: Style, mode: Mode): number[] {
  const scale = mode === 'major' ? MAJOR : MINOR;
  return BLUE_STYLES.includes(style) ? [...scale, ...BLUE[mode]].sort((a, b) => a - b) : [...scale];
}
