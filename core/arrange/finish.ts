/**
 * What the arranger does to the model's raw notes: each role plays only in its sections, drums sit on the
 * grid the model wrote them on (sixteenths, or triplets where it swung), strong beats lose their
 * minor-second clashes, drums sit at their style's level. The joins (transitions, the ending, a loop's close)
 * are `transitions.ts`.
 */
import type { Style } from '../conditioning';
import type { ChordSpan } from '../features/chords';
import { chordFromId, chordIdAt, chordPitchClasses } from '../features/chords';
import type { Beats, Note } from '../sequence';
import { beatsPerBar } from '../sequence';
import { DRUM_LOOP_BARS, loopRange, returnOf } from './discarded';
import { drumUnit } from './feel';
import { mended } from './mended';
import type { Section } from './plan';
import { sectionAt } from './plan';

const EPS = 1e-6;

/** Keeps each note only inside a section where its role plays (notes are cut at the section's end). */
export function keepPlayingRoles(notes: readonly Note[], sections: readonly Section[]): Note[] {
  const out: Note[] = [];
  for (const n of notes) {
    const s = sectionAt(sections, n.start);
    if (!s || !s.roles.includes(n.role)) continue;
    const next = sections[sections.indexOf(s) + 1];
    const cut = next && !next.roles.includes(n.role) ? Math.min(n.end, s.end) : n.end;
    out.push(cut < n.end - EPS ? mended({ ...n, end: cut }, 'sections') : n);
  }
  return out;
}

/**
 * The form made audible: a section that returns (a second verse or chorus of the same script part) plays
 * what its first occurrence played, note for note, over the length they share, where the chords are the
 * same (given `chords`): under a chord that differs (a cadence turned to the dominant before the ending,
 * another key), the pitched notes the model wrote for it stay. Drums repeat throughout.
 */
export function repeatSections(
  notes: readonly Note[],
  sections: readonly Section[],
  chords: readonly ChordSpan[] = [],
): Note[] {
  let out = [...notes];
  sections.forEach((s, i) => {
    const r = returnOf(sections, i);
    if (!r) return;
    const { first, length } = r;
    const shift = s.start - first.start;
    const until = s.start + length;
    /** Whether the note (at its place in the returning section) may come from the first occurrence. */
    const copies = (n: Note, at: Beats): boolean =>
      n.isDrum || chords.length === 0 || chordIdAt(chords, at) === chordIdAt(chords, at - shift);
    out = out.filter((n) => n.start < s.start - EPS || n.start >= until - EPS || !copies(n, n.start));
    for (const n of notes)
      if (
        n.start >= first.start - EPS &&
        n.start < first.start + length - EPS &&
        s.roles.includes(n.role) &&
        copies(n, n.start + shift)
      )
        out.push({
          ...n,
          start: n.start + shift,
          end: Math.min(n.end + shift, until),
          origin: 'copy',
          by: 'repeat',
        });
  });
  return out;
}

/**
 * Drums as a groove: in each section the first `bars` bars of drumming the model wrote repeat to the
 * section's last bar, which keeps its own (a variation before what comes next).
 */
export function loopDrums(
  notes: readonly Note[],
  sections: readonly Section[],
  bar: Beats,
  bars = DRUM_LOOP_BARS,
): Note[] {
  let out = [...notes];
  for (const s of sections) {
    const loop = loopRange(s, bar, bars);
    if (!loop) continue;
    const { groove: g, fill } = loop;
    const span = g.end - g.start;
    const groove = notes.filter((n) => n.isDrum && n.start >= g.start - EPS && n.start < g.end - EPS);
    if (groove.length === 0) continue;
    const until = fill.end;
    out = out.filter((n) => !n.isDrum || n.start < fill.start - EPS || n.start >= until - EPS);
    for (let at = fill.start; at < until - EPS; at += span)
      for (const n of groove)
        if (n.start + at - s.start < until - EPS)
          out.push({
            ...n,
            start: n.start + at - s.start,
            end: n.end + at - s.start,
            origin: 'copy',
            by: 'drum-loop',
          });
  }
  return out;
}

/**
 * Moves drum onsets onto the grid their stretch is written on (`spans`: the sections; the whole piece when
 * none): sixteenths, or eighth-note triplets where the model swung the drums, or the grid of the `style`
 * where it has one ({@link drumUnit}), sixteenth triplets in compound meters; hits of one drum that land
 * together merge.
 */
export function quantizeDrums(
  notes: readonly Note[],
  compound: boolean,
  spans: readonly { start: Beats; end: Beats }[] = [],
  style?: Style,
): Note[] {
  const drums = notes.filter((n) => n.isDrum);
  const spanOf = (t: Beats) => spans.findIndex((s) => t >= s.start - EPS && t < s.end - EPS);
  const units = new Map<number, Beats>();
  const unitAt = (t: Beats): Beats => {
    const k = spanOf(t);
    if (!units.has(k))
      units.set(
        k,
        drumUnit(
          drums.filter((n) => spanOf(n.start) === k),
          compound,
          style,
        ),
      );
    return units.get(k)!;
  };
  const seen = new Set<string>();
  const out: Note[] = [];
  for (const n of notes) {
    if (!n.isDrum) {
      out.push(n);
      continue;
    }
    const unit = unitAt(n.start);
    // In grid steps of twelve a beat, so triplet points are exact (the codec's grid).
    const start = (Math.round(n.start / unit) * Math.round(unit * 12)) / 12;
    const key = `${n.pitch}@${start.toFixed(4)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const moved = { ...n, start, end: Math.max(start + unit / 2, n.end - n.start + start) };
    out.push(Math.abs(start - n.start) > EPS ? mended(moved, 'quantize') : moved);
  }
  return out;
}

/** Strong beats of a meter: each bar's downbeat and, in even meters of 4 or more (4/4, 6/8), its middle. */
export function strongBeats(totalBeats: Beats, meter: { numerator: number; denominator: number }): Beats[] {
  const bar = beatsPerBar(meter);
  // 4/4, 6/8, 12/8...: the middle of the bar is strong too.
  const half = meter.numerator % 2 === 0 && meter.numerator >= 4 ? bar / 2 : 0;
  const out: Beats[] = [];
  for (let b = 0; b < totalBeats - EPS; b += bar) {
    out.push(b);
    if (half > 0 && b + half < totalBeats - EPS) out.push(b + half);
  }
  return out;
}

const pc = (p: number): number => ((p % 12) + 12) % 12;

/**
 * On every strong beat, a pitched note that sounds a minor second (or major seventh) against another role
 * and is not a tone of the chord moves to the nearest chord tone when it starts there, or stops there when
 * it was held into the beat. Returns the mended notes.
 */
export function mendClashes(
  notes: readonly Note[],
  chords: readonly ChordSpan[],
  beats: readonly Beats[],
): Note[] {
  const out = notes.map((n) => ({ ...n }));
  for (const b of beats) {
    const sounding = out.filter((n) => !n.isDrum && n.start <= b + EPS && n.end > b + EPS);
    if (sounding.length < 2) continue;
    const chord = chordFromId(chordIdAt(chords, b));
    const tones = chord ? chordPitchClasses(chord) : [];
    for (const n of sounding) {
      const clash = sounding.some(
        (m) => m.role !== n.role && m.end > b + EPS && [1, 11].includes(pc(n.pitch - m.pitch)),
      );
      if (!clash || tones.length === 0 || tones.includes(pc(n.pitch))) continue;
      if (n.start < b - EPS) {
        // A note held into the beat stops there (re-pitching it would move its own onset).
        n.end = b;
        Object.assign(n, mended(n, 'clash'));
        continue;
      }
      let best = n.pitch;
      for (let d = 1; d <= 6 && best === n.pitch; d++)
        for (const cand of [n.pitch - d, n.pitch + d])
          if (tones.includes(pc(cand)) && cand >= 0 && cand <= 127) {
            best = cand;
            break;
          }
      if (best !== n.pitch) Object.assign(n, mended({ ...n, pitch: best }, 'clash'));
    }
  }
  return out;
}

/** Scales drum velocities (light drums for quiet styles). */
export function scaleDrums(notes: readonly Note[], level: number): Note[] {
  return level === 1
    ? [...notes]
    : notes.map((n) => (n.isDrum ? { ...n, velocity: Math.max(1, Math.round(n.velocity * level)) } : n));
}
