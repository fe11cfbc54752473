/**
 * Sustained instruments (strings, pads) hold chords: in each chord span the role sounds a voicing of the
 * chord's tones, held to the span's end. The model's own notes come first: its pitches that are tones of
 * the chord are kept (from their onset, held longer: `mended` by `sustain`), its other pitches in the span
 * are dropped, and the chord tones it left out are added by rule (`rule` by `voicing`), each placed nearest
 * the previous voicing (voice-led). A note the model holds through a chord change counts in the next span
 * too (from its start), so a held pad is voiced there rather than cut off at the change. One colour tone
 * the model held (an added ninth, sixth, seventh or eleventh: a pitch class at least a whole tone from
 * every chord tone) is kept too, as real pads and string parts do.
 * A pitch that stays from one chord to the next is tied over. The voicing sits under the tune: a voice at
 * or above the lowest melody note sounding in the span moves down by octaves below it, within the
 * harmony's range (a moved model note is `mended` by `under`), as a pad or string part is voiced beneath
 * the lead.
 */
import type { ChordSpan } from '../features/chords';
import { chordPitchClasses } from '../features/chords';
import type { Note, Role } from '../sequence';
import { mended } from './mended';
import { ROLE_RANGE } from './range';
import { lowestSounding, octavesUnder } from './under';

const EPS = 1e-6;
/** Range of the pitches a voicing may add: the harmony's. */
const { low: LOW, high: HIGH } = ROLE_RANGE.harmony;

/** One voice of a voicing: a pitch and the model's note that sounds it, if the model played it. */
export interface Voice {
  pitch: number;
  from?: Note;
}

/** The pitch of class `pc` nearest any of `near` (the lower on a tie), not one of `taken`. */
function nearest(pc: number, near: readonly number[], taken: readonly number[]): number | undefined {
  let best: number | undefined;
  let bestDistance = Infinity;
  for (let p = LOW + ((pc - LOW + 1200) % 12); p <= HIGH; p += 12) {
    if (taken.includes(p)) continue;
    const d = Math.min(...near.map((q) => Math.abs(p - q)));
    if (d < bestDistance) {
      best = p;
      bestDistance = d;
    }
  }
  return best;
}

/** A pitch class outside the chord at least a whole tone from each of its tones (no semitone rub). */
export function isColourTone(pc: number, tones: readonly number[]): boolean {
  return tones.every((t) => {
    const d = Math.abs(pc - t) % 12;
    return Math.min(d, 12 - d) >= 2;
  });
}

/**
 * The voicing of one chord span: the model's chord-tone pitches (most sounding time first), one per pitch
 * class; then the chord tones it left out, nearest the previous voicing; then the colour tone it held
 * longest, if any ({@link isColourTone}); then the model's doublings, up to `voices` in all.
 */
export function voiceChord(
  inSpan: readonly Note[],
  chord: ChordSpan,
  previous: readonly number[],
  voices: number,
): Voice[] {
  const tones = chordPitchClasses(chord);
  const weight = new Map<number, number>();
  for (const n of inSpan) weight.set(n.pitch, (weight.get(n.pitch) ?? 0) + n.end - n.start);
  const byWeight = [...weight].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([p]) => p);
  const played = byWeight.filter((p) => tones.includes(p % 12));
  const colour = byWeight.find((p) => isColourTone(p % 12, tones));
  const first = (p: number): Note => inSpan.filter((n) => n.pitch === p).sort((a, b) => a.start - b.start)[0];
  const out: Voice[] = [];
  const covers = (pc: number): boolean => out.some((v) => v.pitch % 12 === pc);
  for (const p of played) if (out.length < voices && !covers(p % 12)) out.push({ pitch: p, from: first(p) });
  const mean = inSpan.reduce((s, n) => s + n.pitch, 0) / inSpan.length;
  for (const pc of tones) {
    if (out.length >= voices || covers(pc)) continue;
    const near = previous.length > 0 ? previous : out.length > 0 ? out.map((v) => v.pitch) : [mean];
    const pitch = nearest(
      pc,
      near,
      out.map((v) => v.pitch),
    );
    if (pitch !== undefined) out.push({ pitch });
  }
  if (colour !== undefined && out.length < voices) out.push({ pitch: colour, from: first(colour) });
  for (const p of played)
    if (out.length < voices && !out.some((v) => v.pitch === p)) out.push({ pitch: p, from: first(p) });
  return out;
}

/**
 * The voicing moved under `ceiling` (the lowest melody pitch sounding in the span): each voice at or above
 * it goes down by octaves while it stays within the harmony's range; a model note so moved is `mended` by
 * `under`. A voice that lands on a pitch already voiced is dropped.
 */
export function underTune(voicing: readonly Voice[], ceiling: number): Voice[] {
  const out: Voice[] = [];
  for (const v of voicing) {
    const pitch = octavesUnder(v.pitch, ceiling, LOW);
    if (out.some((w) => w.pitch === pitch)) continue;
    if (pitch === v.pitch) out.push(v);
    else out.push({ pitch, from: v.from && mended({ ...v.from, pitch }, 'under') });
  }
  return out;
}

/** A note held to `end` (`mended` by `sustain`, or still by `under` when it was moved under the tune). */
function heldTo(n: Note, end: number): Note {
  return mended({ ...n, end }, n.by === 'under' ? 'under' : 'sustain');
}

/**
 * The role's notes that sound in chord span `c`: those struck in it, and those struck before it that still
 * sound at its start (a pad held through the chord change), the latter as copies from the span's start
 * (`carried`). A span the model holds through is voiced, not left silent.
 */
function soundingIn(mine: readonly Note[], c: ChordSpan): { inSpan: Note[]; carried: Set<Note> } {
  const carried = new Set<Note>();
  const inSpan = mine
    .filter((n) => n.start < c.end - EPS && n.end > c.start + EPS)
    .map((n) => {
      if (n.start >= c.start - EPS) return n;
      const copy = { ...n, start: c.start };
      carried.add(copy);
      return copy;
    });
  return { inSpan, carried };
}

/**
 * Holds a role's notes as chords (see the module): in each chord span where the role sounds, up to
 * `voices` pitches, all tones of the chord, sound to the span's end, under the melody sounding there
 * ({@link underTune}), tied over when the next span keeps them. Notes of other roles pass unchanged.
 */
export function sustainRole(
  notes: readonly Note[],
  role: Role,
  chords: readonly ChordSpan[],
  voices = 4,
): Note[] {
  const rest = notes.filter((n) => n.role !== role);
  const mine = notes.filter((n) => n.role === role);
  const melody = rest.filter((n) => n.role === 'melody');
  const out: Note[] = [];
  /** Index in `out` of the note sounding each pitch up to the previous span's end. */
  let held = new Map<number, number>();
  for (const c of chords) {
    const { inSpan, carried } = soundingIn(mine, c);
    const next = new Map<number, number>();
    if (inSpan.length > 0) {
      const velocity = Math.round(inSpan.reduce((s, n) => s + n.velocity, 0) / inSpan.length);
      const voicing = underTune(
        voiceChord(inSpan, c, [...held.keys()], voices),
        lowestSounding(melody, c.start, c.end),
      );
      for (const v of voicing) {
        const tied = held.get(v.pitch);
        if (tied !== undefined) out[tied] = heldTo(out[tied], c.end);
        else if (v.from)
          out.push(
            Math.abs(v.from.end - c.end) < EPS && !carried.has(v.from) ? v.from : heldTo(v.from, c.end),
          );
        else {
          const { track: _track, ...template } = inSpan[0];
          out.push({
            ...template,
            pitch: v.pitch,
            start: c.start,
            end: c.end,
            velocity,
            origin: 'rule',
            by: 'voicing',
          });
        }
        next.set(v.pitch, tied ?? out.length - 1);
      }
    }
    held = next;
  }
  return [...rest, ...out];
}
