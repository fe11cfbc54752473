/**
 * The chord plan: each section draws a four-bar progression learned from POP909 (sections of the same kind
 * share theirs, so a chorus comes back as a chorus), two chords a bar in even meters and one in odd ones.
 * The plan carries the key: every progression starts on the tonic (when the table has one that does),
 * every verse, chorus and bridge closes with a cadence (the dominant, then the tonic; IV-V-I in a major
 * section whose chords would otherwise never sound the key's fourth degree, as the key a fifth above would
 * then be heard), intros sit on the tonic and lead in with the dominant, the bar before the ending turns to the
 * dominant and the ending is the tonic; a loop's last half-bar is the dominant that leads back to the start.
 * In minor the dominant is V, major (harmonic minor: the leading tone), and a learned v that goes to i
 * becomes V too; rock and cinematic minor cadence with bVII-i instead. Each section is in its own key (a
 * script's part may modulate): the chord before a section in a new key is that key's dominant (V).
 */
import data from '../../assets/arrange/progressions.json';
import type { ChordSpan, Quality } from '../features/chords';
import { QUALITIES, chordPitchClasses } from '../features/chords';
import type { Random } from '../random';
import { seededRandom } from '../random';
import type { Style } from '../conditioning';
import type { Beats, Mode } from '../sequence';
import { beatsPerBar } from '../sequence';
import type { DegreeChord, LearnedProgression, ProgressionTable } from './learn';
import type { ArrangementPlan } from './plan';
import { sectionAt } from './plan';

/** The shipped table, learned by `audiogenesis data chords` from POP909's chord annotations. */
export const SHIPPED_PROGRESSIONS = data as ProgressionTable;

interface Degree {
  degree: number;
  quality: Quality;
}

/** One chord of the plan being built: its start, its degree and quality, and the tonic of its key. */
interface Slot {
  start: Beats;
  chord: Degree;
  tonic: number;
}

function parseDegree(d: DegreeChord): Degree {
  const [deg, q] = d.split(':');
  const quality = (QUALITIES as readonly string[]).includes(q) ? (q as Quality) : 'maj';
  return { degree: Number(deg) % 12, quality };
}

/** Draws a progression by its count (weighted), preferring ones that start on `start` when given. */
function draw(list: readonly LearnedProgression[], rng: Random, start?: Degree): Degree[] {
  const fit = start
    ? list.filter((p) => {
        const d = parseDegree(p.chords[0]);
        return d.degree === start.degree && d.quality === start.quality;
      })
    : [];
  const pool = fit.length > 0 ? fit : list;
  const total = pool.reduce((s, p) => s + p.count, 0);
  let x = rng() * total;
  for (const p of pool) {
    x -= p.count;
    if (x < 0) return p.chords.map(parseDegree);
  }
  return pool[pool.length - 1].chords.map(parseDegree);
}

/** Options of {@link planChords}. */
export interface ChordOptions {
  /** Progressions to draw from. Default: the shipped POP909 table. */
  table?: ProgressionTable;
}

/** Styles whose minor cadences go bVII-i (the Aeolian cadence of rock and film) rather than V-i. */
const AEOLIAN_CADENCE: readonly Style[] = ['rock', 'cinematic'];

/** The chord that leads home: V (major, with the leading tone, in minor too), or bVII in minor for the styles it suits. */
function homeward(mode: Mode, style: Style): Degree {
  return { degree: mode === 'minor' && AEOLIAN_CADENCE.includes(style) ? 10 : 7, quality: 'maj' };
}
/** The chord that announces a new key: its V, with the leading tone in minor too. */
const PIVOT: Degree = { degree: 7, quality: 'maj' };

/**
 * Closes section `k` (its `n` slots are the last of `slots`) with the dominant and the tonic; one slot
 * earlier when the next section changes key (its last slot becomes the new key's V). Intros, endings,
 * the section before the ending (the final cadence closes it) and a loop's last section are left as
 * they are.
 */
function cadence(
  slots: { chord: Degree }[],
  n: number,
  plan: ArrangementPlan,
  k: number,
  tonicChord: Degree,
): void {
  const s = plan.sections[k];
  const next = plan.sections[k + 1];
  const key = s.conditioning.key;
  const modulates =
    next !== undefined &&
    (next.conditioning.key.tonic !== key.tonic || next.conditioning.key.mode !== key.mode);
  const room = modulates ? 3 : 2;
  if (s.kind === 'intro' || s.kind === 'ending' || n < room || next?.kind === 'ending') return;
  if (plan.loop && next === undefined) return;
  const end = slots.length - (modulates ? 1 : 0);
  slots[end - 2].chord = homeward(key.mode, plan.style);
  slots[end - 1].chord = tonicChord;
}

/** Plans chords over the whole piece (absolute pitch classes), deterministic for a seed. */
export function planChords(plan: ArrangementPlan, seed: number, options: ChordOptions = {}): ChordSpan[] {
  const table = options.table ?? SHIPPED_PROGRESSIONS;
  const rng = seededRandom(seed ^ 0x5eed);
  const bar = beatsPerBar(plan.meter);
  const split = plan.meter.numerator % 2 === 0 && plan.meter.numerator >= 2 ? 2 : 1;
  const slot = bar / split;
  const chosen = new Map<string, Degree[]>();
  const slots: Slot[] = [];
  plan.sections.forEach((s, k) => {
    const { tonic, mode } = s.conditioning.key;
    const tonicChord: Degree = { degree: 0, quality: mode === 'major' ? 'maj' : 'min' };
    const n = Math.max(1, Math.ceil((s.end - s.start) / slot - 1e-6));
    let chords: Degree[];
    if (s.kind === 'intro' || s.kind === 'ending') chords = [tonicChord];
    else {
      let prog = chosen.get(`${s.kind} ${mode}`);
      if (!prog) {
        const list = mode === 'major' ? table.major : table.minor;
        prog = draw(list, rng, tonicChord);
        if (split === 1) prog = prog.filter((_, i) => i % 2 === 0);
        chosen.set(`${s.kind} ${mode}`, prog);
      }
      chords = prog;
    }
    const before = plan.sections[k - 1]?.conditioning.key;
    if (before && (before.tonic !== tonic || before.mode !== mode) && slots.length > 0)
      slots[slots.length - 1] = { ...slots[slots.length - 1], chord: PIVOT, tonic };
    for (let i = 0; i < n; i++)
      slots.push({ start: s.start + i * slot, chord: chords[i % chords.length], tonic });
    if (s.kind === 'intro' && n >= 2) slots[slots.length - 1].chord = homeward(mode, plan.style);
    else cadence(slots, n, plan, k, tonicChord);
  });
  const last = plan.sections[plan.sections.length - 1];
  const home = homeward(last.conditioning.key.mode, plan.style);
  const beforeEnd = slots.findIndex((x) => x.start >= last.start - 1e-6) - 1;
  if (plan.loop)
    slots[slots.length - 1] = {
      ...slots[slots.length - 1],
      chord: homeward(plan.key.mode, plan.style),
      tonic: plan.key.tonic,
    };
  else if (last.kind === 'ending' && beforeEnd >= 0) slots[beforeEnd].chord = home;
  return withDominants(withSubdominant(slots, plan), plan).map((x, i) => ({
    root: (x.tonic + x.chord.degree) % 12,
    quality: x.chord.quality,
    start: x.start,
    end: Math.min(plan.beats, slots[i + 1]?.start ?? plan.beats),
  }));
}

/** IV: the chord that names a major key's fourth degree, the one pitch its dominant's key lacks. */
const SUBDOMINANT: Degree = { degree: 5, quality: 'maj' };

/** Whether a chord (in degrees of its key) sounds the key's fourth degree (IV, ii, vii°, bVII). */
function holdsFourth(d: Degree): boolean {
  return chordPitchClasses({ root: d.degree, quality: d.quality }).includes(5);
}

/**
 * A major section whose chords never sound the key's fourth degree (a learned I-iii-vi-IV whose IV the
 * cadence replaced: I iii vi V I) has only the pitches of the key a fifth above plus its leading tone,
 * and is heard there; its last dominant is then preceded by IV (IV-V-I), when that slot is not the
 * section's first.
 */
function withSubdominant(slots: readonly Slot[], plan: ArrangementPlan): Slot[] {
  const out = [...slots];
  for (const s of plan.sections) {
    if (s.conditioning.key.mode !== 'major' || s.kind === 'intro' || s.kind === 'ending') continue;
    const mine = out.map((_, i) => i).filter((i) => sectionAt(plan.sections, out[i].start) === s);
    const home = mine.filter((i) => out[i].tonic === s.conditioning.key.tonic);
    if (home.length < 3 || home.some((i) => holdsFourth(out[i].chord))) continue;
    const v = home.filter((i) => out[i].chord.degree === 7 && out[i].chord.quality === 'maj').pop();
    if (v !== undefined && v - 1 > mine[0] && home.includes(v - 1))
      out[v - 1] = { ...out[v - 1], chord: SUBDOMINANT };
  }
  return out;
}

/**
 * Harmonic minor where the progression asks for it: in a minor section, a learned v (minor) followed by
 * the tonic has a dominant function and becomes V (major, with the leading tone).
 */
function withDominants(slots: readonly Slot[], plan: ArrangementPlan): Slot[] {
  const modeAt = (at: Beats): Mode =>
    (sectionAt(plan.sections, at) ?? plan.sections[0]).conditioning.key.mode;
  return slots.map((x, i) => {
    const next = slots[i + 1];
    const dominant =
      x.chord.degree === 7 &&
      x.chord.quality === 'min' &&
      next?.tonic === x.tonic &&
      next.chord.degree === 0 &&
      modeAt(x.start) === 'minor';
    return dominant ? { ...x, chord: { degree: 7, quality: 'maj' } } : x;
  });
}
