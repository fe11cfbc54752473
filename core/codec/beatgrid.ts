/**
 * Re-times a performance onto a beat grid: notes whose times are known in seconds are placed in beats
 * through a list of beat times (POP909's annotations, or a beat tracker's output), so that they can be
 * quantized to the codec's grid. The tempo becomes the median beat interval.
 */
import type { BeatMark } from '../features/annotations';
import type { Beats, Note, NoteSequence, Seconds } from '../sequence';
import { beatsToSeconds } from '../sequence';

/** Maps seconds to fractional beat indices through sorted beat times (linear between, extrapolated outside). */
export function secondsToBeatIndex(times: readonly Seconds[], t: Seconds): number {
  const n = times.length;
  if (n < 2) return t * 2;
  if (t <= times[0]) return (t - times[0]) / (times[1] - times[0]);
  if (t >= times[n - 1]) return n - 1 + (t - times[n - 1]) / (times[n - 1] - times[n - 2]);
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) lo = mid;
    else hi = mid;
  }
  return lo + (t - times[lo]) / (times[lo + 1] - times[lo]);
}

/** Median interval between beats, as bpm; null with fewer than two beats. */
export function tempoOfBeats(times: readonly Seconds[]): number | null {
  if (times.length < 2) return null;
  const d = times
    .slice(1)
    .map((t, i) => t - times[i])
    .filter((x) => x > 0)
    .sort((a, b) => a - b);
  return d.length ? 60 / d[Math.floor(d.length / 2)] : null;
}

/** Options of {@link retimeToBeats}. */
export interface RetimeOptions {
  /** Beats per bar, to put the first annotated downbeat on a bar line. Default 4. */
  beatsPerBar?: number;
}

/**
 * Places a sequence's notes on the beats of `marks`: a note at the k-th beat's time lands on beat k
 * (shifted so that the first downbeat starts a bar). The returned sequence has one tempo, the median beat
 * interval. Notes before the first bar are dropped.
 */
export function retimeToBeats(
  seq: NoteSequence,
  marks: readonly BeatMark[],
  options: RetimeOptions = {},
): NoteSequence {
  const bpb = options.beatsPerBar ?? 4;
  const times = marks.map((m) => m.time);
  const firstDown = Math.max(
    0,
    marks.findIndex((m) => m.downbeat),
  );
  const shift = Math.ceil(firstDown / bpb) * bpb - firstDown;
  const toBeat = (beat: Beats): Beats => secondsToBeatIndex(times, beatsToSeconds(beat, seq.tempos)) + shift;
  const notes: Note[] = [];
  for (const n of seq.notes) {
    const start = toBeat(n.start);
    const end = toBeat(n.end);
    if (start >= 0 && end > start) notes.push({ ...n, start, end });
  }
  const bpm = tempoOfBeats(times) ?? seq.tempos[0]?.bpm ?? 120;
  return {
    ...seq,
    notes,
    tempos: [{ beat: 0, bpm }],
    timeSignatures: [{ beat: 0, numerator: bpb, denominator: 4 }],
    keySignatures: seq.keySignatures.map((k) => ({ ...k, beat: Math.max(0, toBeat(k.beat)) })),
    totalBeats: notes.reduce((m, n) => Math.max(m, n.end), 0),
  };
}

/** Converts a span in seconds to beats through the same mapping as {@link retimeToBeats}. */
export function spanToBeats(
  marks: readonly BeatMark[],
  start: Seconds,
  end: Seconds,
  beatsPerBar = 4,
): [Beats, Beats] {
  const times = marks.map((m) => m.time);
  const firstDown = Math.max(
    0,
    marks.findIndex((m) => m.downbeat),
  );
  const shift = Math.ceil(firstDown / beatsPerBar) * beatsPerBar - firstDown;
  return [secondsToBeatIndex(times, start) + shift, secondsToBeatIndex(times, end) + shift];
}
