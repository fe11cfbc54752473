/**
 * Reference excerpts: real songs run for minutes while generated pieces last 30 s, and several MGEval and
 * MusPy figures grow with length, so each reference song is compared through an excerpt of the same length
 * taken from its middle, starting on a bar line.
 */
import type { ChordSpan } from '../features/chords';
import { barBeats } from '../render/pianoroll';
import type { NoteSequence, Seconds } from '../sequence';
import { beatsToSeconds, durationSeconds, secondsToBeats } from '../sequence';

/**
 * Cuts `seconds` out of the middle of `seq`, from the bar line nearest to (length - seconds) / 2: notes
 * starting inside the window, shifted to start at 0 and cut at its end. A piece no longer than the window
 * is returned whole.
 */
export function middleExcerpt(seq: NoteSequence, seconds: Seconds): NoteSequence {
  const total = durationSeconds(seq);
  if (total <= seconds) return seq;
  const wanted = secondsToBeats((total - seconds) / 2, seq.tempos);
  const bars = barBeats(seq);
  const from = bars.reduce((best, b) => (Math.abs(b - wanted) < Math.abs(best - wanted) ? b : best), 0);
  const to = secondsToBeats(beatsToSeconds(from, seq.tempos) + seconds, seq.tempos);
  const notes = seq.notes
    .filter((n) => n.start >= from && n.start < to)
    .map((n) => ({ ...n, start: n.start - from, end: Math.min(n.end, to) - from }));
  const shiftEvents = <T extends { beat: number }>(events: readonly T[]): T[] => {
    const before = events.filter((e) => e.beat <= from).pop();
    const inside = events
      .filter((e) => e.beat > from && e.beat < to)
      .map((e) => ({ ...e, beat: e.beat - from }));
    return before ? [{ ...before, beat: 0 }, ...inside] : inside;
  };
  return {
    ...seq,
    notes,
    tempos: shiftEvents(seq.tempos),
    timeSignatures: shiftEvents(seq.timeSignatures),
    keySignatures: shiftEvents(seq.keySignatures),
    totalBeats: to - from,
    meta: { ...seq.meta, excerptFromBeat: from },
  };
}

/**
 * The chords of an excerpt cut by {@link middleExcerpt}: the spans that overlap it, shifted like its notes
 * and clipped to it.
 */
export function excerptChords(chords: readonly ChordSpan[], excerpt: NoteSequence): ChordSpan[] {
  const from = Number(excerpt.meta?.excerptFromBeat ?? 0);
  const to = from + excerpt.totalBeats;
  return chords
    .filter((c) => c.end > from && c.start < to)
    .map((c) => ({ ...c, start: Math.max(c.start, from) - from, end: Math.min(c.end, to) - from }));
}
