/**
 * A first chord plan: a common four-chord progression in the requested key, one chord a bar, ending on
 * the tonic. (The full arranger plans forms and learns progressions from POP909's chords.)
 */
import type { Conditioning } from '../conditioning';
import type { ChordSpan, Quality } from '../features/chords';
import type { Beats } from '../sequence';
import { beatsPerBar } from '../sequence';

const MAJOR: [number, Quality][] = [
  [0, 'maj'],
  [7, 'maj'],
  [9, 'min'],
  [5, 'maj'],
];
const MINOR: [number, Quality][] = [
  [0, 'min'],
  [8, 'maj'],
  [5, 'min'],
  [7, 'maj'],
];

/** One chord per bar over `beats`, cycling I-V-vi-IV (major) or i-VI-iv-V (minor, with the leading tone); the last bar is the tonic. */
export function basicProgression(c: Pick<Conditioning, 'key' | 'meter'>, beats: Beats): ChordSpan[] {
  const bar = beatsPerBar(c.meter);
  const bars = Math.max(1, Math.ceil(beats / bar));
  const cycle = c.key.mode === 'major' ? MAJOR : MINOR;
  return Array.from({ length: bars }, (_, i) => {
    const [degree, quality] = i === bars - 1 ? cycle[0] : cycle[i % cycle.length];
    return {
      root: (c.key.tonic + degree) % 12,
      quality,
      start: i * bar,
      end: Math.min(beats, (i + 1) * bar),
    };
  });
}
