/**
 * Chords as a conditioning stream: chord symbols (POP909's `C:maj7`, `N`) and lead-sheet names (MMA's
 * `Bm7`), a small vocabulary of root x quality, annotated chords placed on the notes' grid, chords by bar
 * from a corpus' labels, and template matching for corpora without chord labels.
 */
import type { Beats, Note } from '../sequence';
import { GRID } from '../codec/events';
import { spanToBeats } from '../codec/beatgrid';
import type { BeatMark, TimedLabel } from './annotations';
import { parsePitchClass } from './annotations';

/** Chord qualities the model distinguishes. */
export const QUALITIES = ['maj', 'min', 'dim', 'aug', 'sus'] as const;
/** One of {@link QUALITIES}. */
export type Quality = (typeof QUALITIES)[number];
/** Chord vocabulary size: 0 = no chord / unknown, then 12 roots x qualities. */
export const CHORD_VOCAB = 1 + 12 * QUALITIES.length;

/** A chord: root pitch class and quality. */
export interface Chord {
  root: number;
  quality: Quality;
}

/** A chord over a span of beats. */
export interface ChordSpan extends Chord {
  start: Beats;
  end: Beats;
}

const INTERVALS: Record<Quality, number[]> = {
  maj: [0, 4, 7],
  min: [0, 3, 7],
  dim: [0, 3, 6],
  aug: [0, 4, 8],
  sus: [0, 5, 7],
};

/** Pitch classes of a chord. */
export function chordPitchClasses(c: Chord): number[] {
  return INTERVALS[c.quality].map((i) => (c.root + i) % 12);
}

/** Chord -> vocabulary id (1..CHORD_VOCAB-1); null -> 0. */
export function chordId(c: Chord | null): number {
  return c ? 1 + c.root * QUALITIES.length + QUALITIES.indexOf(c.quality) : 0;
}

/** Vocabulary id -> chord (0 -> null). */
export function chordFromId(id: number): Chord | null {
  if (id <= 0 || id >= CHORD_VOCAB) return null;
  return { root: Math.floor((id - 1) / QUALITIES.length), quality: QUALITIES[(id - 1) % QUALITIES.length] };
}

/** Transposes a chord id by `semitones` (0 stays 0). */
export function transposeChordId(id: number, semitones: number): number {
  const c = chordFromId(id);
  return c ? chordId({ root: (((c.root + semitones) % 12) + 12) % 12, quality: c.quality }) : 0;
}

/** Parses a chord symbol such as `C:maj7`, `A:min/b3`, `G:sus4`, `N`; null for no chord or unknown. */
export function parseChordSymbol(symbol: string): Chord | null {
  const [rootName, rest = 'maj'] = symbol.trim().split(':');
  const root = parsePitchClass(rootName ?? '');
  if (root === null) return null;
  return { root, quality: qualityOf(rest.split('/')[0].split('(')[0]) };
}

/**
 * The quality a chord's suffix names, in either spelling the corpora use: POP909's symbols after the colon
 * (`min7`, `hdim7`, `sus4`) and lead-sheet names after the root (`m7`, `m7b5`, `7sus4`, `+`, `o`); a
 * half-diminished chord counts as diminished, anything else unnamed as major.
 */
function qualityOf(suffix: string): Quality {
  if (/^(dim|hdim|o|°|m7b5|m7-5|ø)/.test(suffix)) return 'dim';
  if (/^(aug|\+)/.test(suffix)) return 'aug';
  if (/^(min|m(?!aj)|-)/.test(suffix)) return 'min';
  if (/sus/.test(suffix)) return 'sus';
  return 'maj';
}

/** The span in force at `beat` in sorted spans (binary search), or undefined. */
export function chordSpanAt(spans: readonly ChordSpan[], beat: Beats): ChordSpan | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= beat) lo = mid + 1;
    else if (spans[mid].start > beat) hi = mid - 1;
    else return spans[mid];
  }
  return undefined;
}

/** Finds the chord id in force at `beat` in sorted spans (binary search); 0 when none. */
export function chordIdAt(spans: readonly ChordSpan[], beat: Beats): number {
  const span = chordSpanAt(spans, beat);
  return span ? chordId(span) : 0;
}

/**
 * Estimates one chord per window of `windowBeats` by template matching on duration-weighted pitch classes
 * (for corpora without chord labels). Windows with too little pitched sound get no chord.
 */
export function estimateChords(
  notes: readonly Note[],
  totalBeats: Beats,
  windowBeats: Beats = 2,
): ChordSpan[] {
  const spans: ChordSpan[] = [];
  const windows = Math.ceil(totalBeats / windowBeats);
  const hist = Array.from({ length: windows }, () => new Array<number>(12).fill(0));
  for (const n of notes) {
    if (n.isDrum) continue;
    for (let w = Math.floor(n.start / windowBeats); w < windows && w * windowBeats < n.end; w++) {
      const overlap = Math.min(n.end, (w + 1) * windowBeats) - Math.max(n.start, w * windowBeats);
      if (overlap > 0) hist[w][n.pitch % 12] += overlap * (n.pitch < 55 ? 1.5 : 1);
    }
  }
  for (let w = 0; w < windows; w++) {
    const h = hist[w];
    const total = h.reduce((s, x) => s + x, 0);
    if (total < 0.5) continue;
    let best: Chord | null = null;
    let bestScore = -Infinity;
    for (let root = 0; root < 12; root++)
      for (const quality of QUALITIES) {
        const pcs = INTERVALS[quality].map((i) => (root + i) % 12);
        const inside = pcs.reduce((s, pc) => s + h[pc], 0);
        const score =
          inside -
          0.5 * (total - inside) +
          0.1 * h[root] -
          (quality === 'aug' || quality === 'sus' ? 0.05 * total : 0);
        if (score > bestScore) {
          bestScore = score;
          best = { root, quality };
        }
      }
    if (best) spans.push({ ...best, start: w * windowBeats, end: (w + 1) * windowBeats });
  }
  return spans;
}

/** A time in beats on the codec's grid ({@link GRID} steps a beat), where the corpus' notes are quantized. */
const onGrid = (beat: Beats): Beats => Math.round(beat * GRID) / GRID;

/**
 * A song's annotated chords (POP909's `chord_midi.txt`, in seconds of the MIDI file) on the beats the
 * corpus reader quantized its notes through (`beat_midi.txt`), each span's start and end snapped to the
 * same grid as the notes. Unsnapped, a label that starts a hair after the beat (37% of POP909's validation
 * chords start less than 1/48 beat late) left the note quantized onto that beat under the previous chord:
 * training then saw the bass's first note of a new chord against the old one. Labels that are no chord
 * (`N`), do not parse or are shorter than a grid step are left out. The scanner and the evaluation both
 * read annotated chords through this.
 */
export function annotatedChords(
  labels: readonly TimedLabel[],
  beats: readonly BeatMark[],
  beatsPerBar = 4,
): ChordSpan[] {
  const out: ChordSpan[] = [];
  for (const l of labels) {
    const c = parseChordSymbol(l.label);
    if (!c) continue;
    const [start, end] = spanToBeats(beats, l.start, l.end, beatsPerBar).map(onGrid);
    if (end > start) out.push({ ...c, start, end });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Parses a lead-sheet chord name as the MMA corpus labels them (`Bm`, `F#7`, `EbM7`, `Am7b5`, `Gdim7`,
 * `Cadd9`, `D7sus4`; a slash bass is ignored); null when it is not one.
 */
export function parseChordName(name: string): Chord | null {
  const m = /^([A-G][#b]?)([^/]*)/.exec(name.trim());
  const root = m ? parsePitchClass(m[1]) : null;
  if (!m || root === null) return null;
  return { root, quality: qualityOf(m[2]) };
}

/**
 * Chord spans from a per-bar chord list (the MMA corpus' `chords` label: one entry per bar, or per group of
 * bars when there are fewer entries than bars; several names in one entry share its span equally), in
 * beats from the file's start. Null when a name does not parse or the entries do not divide the bars.
 */
export function barChords(entries: readonly string[], bars: number, beatsPerBar: Beats): ChordSpan[] | null {
  if (entries.length === 0 || bars % entries.length !== 0 || !(beatsPerBar > 0)) return null;
  const span = (bars / entries.length) * beatsPerBar;
  const out: ChordSpan[] = [];
  for (const [k, entry] of entries.entries()) {
    const names = entry.trim().split(/\s+/);
    const chords = names.map(parseChordName);
    if (chords.some((c) => c === null)) return null;
    chords.forEach((c, i) => {
      const start = onGrid(k * span + (i * span) / names.length);
      out.push({ ...c!, start, end: onGrid(k * span + ((i + 1) * span) / names.length) });
    });
  }
  return out;
}
