/**
 * Room for the voice-over. Speech spans become part of the plan: under speech every role is written under
 * a thinner, softer, lower conditioning, and the melody's rest plan keeps the lead out of the voice's way
 * (it rests under a short line; under a longer one it keeps one soft tone every two bars, held, an octave
 * down when it sits high), so its phrases fall in the gaps. The notes change, not a volume curve.
 */
import type { Conditioning } from '../conditioning';
import type { TimeSpan } from '../embed/types';
import type { Beats, Note, TempoEvent } from '../sequence';
import { secondsToBeats } from '../sequence';
import type { ArrangementPlan, Section, SpeechSpan } from './plan';

/** How the conditioning moves under speech: density, dynamics, register and arousal. */
export const UNDER_SPEECH = { density: -0.15, dynamics: -0.15, register: -0.03, arousal: -0.1 } as const;
/** The melody's kept notes under speech: velocity x 0.75 - 8, and down an octave from C5 up (not below G3). */
const SOFTEN = { scale: 0.75, minus: 8, highPitch: 72, floor: 55 } as const;
const EPS = 1e-6;

/** Speech spans (seconds) as spans of the piece (beats), clipped to it; lines shorter than a bar rest the melody. */
export function planSpeech(
  spans: readonly TimeSpan[],
  tempos: readonly TempoEvent[],
  beats: Beats,
  bar: Beats,
): SpeechSpan[] {
  const out: SpeechSpan[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const start = Math.max(0, secondsToBeats(s.start, tempos));
    const end = Math.min(beats, secondsToBeats(s.end, tempos));
    if (end - start <= EPS) continue;
    const last = out[out.length - 1];
    if (last && start <= last.end + EPS) last.end = Math.max(last.end, end);
    else out.push({ start, end, melody: 'rest' });
  }
  for (const s of out) s.melody = s.end - s.start >= bar - EPS ? 'low' : 'rest';
  return out;
}

/** A conditioning made quieter for speech (see {@link UNDER_SPEECH}). */
export function hushed(c: Conditioning): Conditioning {
  const unit = (x: number): number => Math.min(1, Math.max(0, x));
  return {
    ...c,
    density: unit(c.density + UNDER_SPEECH.density),
    dynamics: unit(c.dynamics + UNDER_SPEECH.dynamics),
    register: unit(c.register + UNDER_SPEECH.register),
    arousal: Math.max(-1, c.arousal + UNDER_SPEECH.arousal),
  };
}

/**
 * The conditioning changes the model writes under, in beat order: each section's own, hushed from each
 * speech span's start to its end. Without speech, one per section.
 */
export function conditioningChanges(
  sections: readonly Section[],
  speech: readonly SpeechSpan[],
): { start: Beats; conditioning: Conditioning }[] {
  const marks = [...new Set([...sections.map((s) => s.start), ...speech.flatMap((s) => [s.start, s.end])])]
    .filter((b) => b < sections[sections.length - 1].end - EPS)
    .sort((a, b) => a - b);
  return marks.map((start) => {
    const section = [...sections].reverse().find((s) => s.start <= start + EPS) ?? sections[0];
    const spoken = speech.some((s) => s.start <= start + EPS && start < s.end - EPS);
    return { start, conditioning: spoken ? hushed(section.conditioning) : section.conditioning };
  });
}

/** Bars between two kept melody notes under speech. */
const KEEP_EVERY_BARS = 2;

/** The melody notes under speech that are kept: in each window of `every` beats from `from`, the first. */
function keptPerWindow(notes: readonly Note[], from: Beats, every: Beats): Note[] {
  const best = new Map<number, Note>();
  for (const n of notes) {
    const k = Math.floor((n.start - from) / every + EPS);
    const b = best.get(k);
    if (!b || n.start < b.start) best.set(k, n);
  }
  return [...best.values()].sort((a, b) => a.start - b.start);
}

/** A kept melody note under speech: softer, an octave down when it sits high, held until `end`. */
function soften(n: Note, end: Beats): Note {
  let pitch = n.pitch;
  while (pitch >= SOFTEN.highPitch && pitch - 12 >= SOFTEN.floor) pitch -= 12;
  const velocity = Math.max(1, Math.round(n.velocity * SOFTEN.scale) - SOFTEN.minus);
  return { ...n, pitch, velocity, end: Math.max(n.start + 1 / 12, end), origin: 'mended', by: 'voice-over' };
}

/**
 * The melody's rest plan applied: under each span of speech the melody rests, or keeps its first note of
 * every two bars from the span's start, softened (and lowered when high) and held until the next kept note or the end of
 * the speech; a note held from a gap into speech stops where the speech starts. Other roles are left as written (their conditioning already made room).
 */
export function makeRoomForVoice(notes: readonly Note[], plan: ArrangementPlan, bar: Beats): Note[] {
  const speech = plan.speech ?? [];
  if (speech.length === 0) return [...notes];
  const out: Note[] = [];
  const under = new Map<SpeechSpan, Note[]>();
  for (const n of notes) {
    const span =
      n.role === 'melody' ? speech.find((s) => n.start >= s.start - EPS && n.start < s.end - EPS) : undefined;
    if (span) under.set(span, [...(under.get(span) ?? []), n]);
    else {
      const into =
        n.role === 'melody'
          ? speech.find((s) => n.start < s.start - EPS && n.end > s.start + EPS)
          : undefined;
      out.push(
        into ? { ...n, end: Math.max(n.start + 1 / 12, into.start), origin: 'mended', by: 'voice-over' } : n,
      );
    }
  }
  for (const [span, mine] of under) {
    if (span.melody === 'rest') continue;
    // A window that starts in the span's last bar adds no new note: the held tone carries on.
    const kept = keptPerWindow(mine, span.start, KEEP_EVERY_BARS * bar).filter(
      (n, i) => i === 0 || n.start < span.end - bar - EPS,
    );
    kept.forEach((n, i) => out.push(soften(n, Math.min(span.end, kept[i + 1]?.start ?? span.end))));
  }
  return out;
}
