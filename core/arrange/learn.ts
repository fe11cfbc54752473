/**
 * Learns chord progressions from annotated songs (POP909's `chord_midi.txt`, `beat_midi.txt` and
 * `key_audio.txt`): every four-bar window becomes eight half-bar chords in scale degrees of its key
 * (`"0:maj"` = I, `"9:min"` = vi), and the most common windows per mode make the table the arranger draws
 * from.
 */
import type { TimedLabel } from '../features/annotations';
import { parseKeyLabel } from '../features/annotations';
import { parseChordSymbol } from '../features/chords';
import type { Mode, Seconds } from '../sequence';

/** A chord in scale degrees: semitones above the tonic and quality, as `"7:maj"`. */
export type DegreeChord = string;

/** One learned progression: half-bar chords over four bars, and how often it was seen. */
export interface LearnedProgression {
  chords: DegreeChord[];
  count: number;
}

/** The table shipped in `assets/arrange/progressions.json`. */
export interface ProgressionTable {
  version: 1;
  /** Where it was learned from (corpus and song count). */
  source: string;
  /** Half-bars per progression (8 = four bars of 4/4, two chords a bar). */
  halfBars: number;
  major: LearnedProgression[];
  minor: LearnedProgression[];
}

/** One song's annotations, as read from its side files. */
export interface AnnotatedSong {
  /** Bar starts (seconds): the beats that begin a 4/4 bar. */
  bars: Seconds[];
  /** Beat times (seconds), all of them. */
  beats: Seconds[];
  chords: readonly TimedLabel[];
  keys: readonly TimedLabel[];
}

/** Options of {@link learnProgressions}. */
export interface LearnOptions {
  /** Progressions kept per mode. Default 48. */
  top?: number;
  /** Fewest sightings to keep one. Default 3. */
  minCount?: number;
  /** Fewest distinct chords in a kept progression (a vamp on one chord is not a progression). Default 3. */
  minDistinct?: number;
}

function labelAt(labels: readonly TimedLabel[], t: Seconds): TimedLabel | undefined {
  return labels.find((l) => t >= l.start - 1e-3 && t < l.end - 1e-3);
}

/** The chord (degree form) sounding longest over [a, b), or null when none is labelled there. */
function chordOver(song: AnnotatedSong, a: Seconds, b: Seconds, tonic: number): DegreeChord | null {
  const weight = new Map<string, number>();
  for (const l of song.chords) {
    const overlap = Math.min(b, l.end) - Math.max(a, l.start);
    if (overlap <= 0) continue;
    const c = parseChordSymbol(l.label);
    const key = c ? `${(c.root - tonic + 12) % 12}:${c.quality}` : 'N';
    weight.set(key, (weight.get(key) ?? 0) + overlap);
  }
  let best: string | null = null;
  let w = 0;
  for (const [k, v] of weight) if (v > w) [best, w] = [k, v];
  return best === 'N' ? null : best;
}

/** The half-bar chords of a song's windows of four whole bars (key changes and unlabelled spans skipped). */
export function songWindows(song: AnnotatedSong): { mode: Mode; chords: DegreeChord[] }[] {
  const out: { mode: Mode; chords: DegreeChord[] }[] = [];
  const halves: { t: Seconds; chord: DegreeChord | null; key: string }[] = [];
  for (let i = 0; i + 1 < song.bars.length; i++) {
    const [a, b] = [song.bars[i], song.bars[i + 1]];
    const inBar = song.beats.filter((t) => t >= a - 1e-3 && t < b - 1e-3);
    if (inBar.length !== 4) {
      halves.push({ t: a, chord: null, key: '' }, { t: a, chord: null, key: '' });
      continue;
    }
    const keyLabel = labelAt(song.keys, a)?.label ?? '';
    const key = parseKeyLabel(keyLabel);
    const tonic = key?.tonic ?? 0;
    halves.push(
      { t: a, chord: key ? chordOver(song, a, inBar[2], tonic) : null, key: keyLabel },
      { t: inBar[2], chord: key ? chordOver(song, inBar[2], b, tonic) : null, key: keyLabel },
    );
  }
  for (let i = 0; i + 8 <= halves.length; i += 2) {
    const w = halves.slice(i, i + 8);
    if (w.some((h) => h.chord === null || h.key !== w[0].key)) continue;
    const key = parseKeyLabel(w[0].key);
    if (key) out.push({ mode: key.mode, chords: w.map((h) => h.chord!) });
  }
  return out;
}

/** Counts four-bar windows over songs and keeps the most common per mode. */
export function learnProgressions(
  songs: readonly AnnotatedSong[],
  source: string,
  options: LearnOptions = {},
): ProgressionTable {
  const { top = 48, minCount = 3, minDistinct = 3 } = options;
  const counts: Record<Mode, Map<string, number>> = { major: new Map(), minor: new Map() };
  for (const s of songs)
    for (const w of songWindows(s)) {
      const k = w.chords.join(' ');
      counts[w.mode].set(k, (counts[w.mode].get(k) ?? 0) + 1);
    }
  const best = (m: Map<string, number>): LearnedProgression[] =>
    [...m]
      .filter(([k, n]) => n >= minCount && new Set(k.split(' ')).size >= minDistinct)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, top)
      .map(([k, count]) => ({ chords: k.split(' '), count }));
  return { version: 1, source, halfBars: 8, major: best(counts.major), minor: best(counts.minor) };
}
