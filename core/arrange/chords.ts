/**
 * The chord plan: each section draws a four-bar progression learned from POP909 (sections of the same kind
 * share theirs, so a chorus comes back as a chorus), two chords a bar in even meters and one in odd ones.
 * Intros sit on the tonic and lead in with the dominant; the bar before the ending turns to the dominant
 * and the ending is the tonic; a loop's last half-bar is the dominant that leads back to the start. In
 * minor the "dominant" is bVII, which keeps to the natural minor scale.
 */
import data from '../../assets/arrange/progressions.json';
import type { ChordSpan, Quality } from '../features/chords';
import { QUALITIES } from '../features/chords';
import type { Random } from '../random';
import { seededRandom } from '../random';
import type { Beats } from '../sequence';
import { beatsPerBar } from '../sequence';
import type { DegreeChord, LearnedProgression, ProgressionTable } from './learn';
import type { ArrangementPlan, SectionKind } from './plan';

/** The shipped table, learned by `audiogenesis data chords` from POP909's chord annotations. */
export const SHIPPED_PROGRESSIONS = data as ProgressionTable;

interface Degree {
  degree: number;
  quality: Quality;
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

/** Plans chords over the whole piece (absolute pitch classes), deterministic for a seed. */
export function planChords(plan: ArrangementPlan, seed: number, options: ChordOptions = {}): ChordSpan[] {
  const table = options.table ?? SHIPPED_PROGRESSIONS;
  const list = plan.key.mode === 'major' ? table.major : table.minor;
  const rng = seededRandom(seed ^ 0x5eed);
  const tonicChord: Degree = { degree: 0, quality: plan.key.mode === 'major' ? 'maj' : 'min' };
  // The chord that leads home: V in major, the natural minor's bVII in minor (no leading tone).
  const dominant: Degree = { degree: plan.key.mode === 'major' ? 7 : 10, quality: 'maj' };
  const bar = beatsPerBar(plan.meter);
  const split = plan.meter.numerator % 2 === 0 && plan.meter.numerator >= 2 ? 2 : 1;
  const slot = bar / split;
  const chosen = new Map<SectionKind, Degree[]>();
  const slots: { start: Beats; chord: Degree }[] = [];
  for (const s of plan.sections) {
    const n = Math.max(1, Math.ceil((s.end - s.start) / slot - 1e-6));
    let chords: Degree[];
    if (s.kind === 'intro' || s.kind === 'ending') chords = [tonicChord];
    else {
      let prog = chosen.get(s.kind);
      if (!prog) {
        prog = draw(list, rng, chosen.size === 0 ? tonicChord : undefined);
        if (split === 1) prog = prog.filter((_, i) => i % 2 === 0);
        chosen.set(s.kind, prog);
      }
      chords = prog;
    }
    for (let i = 0; i < n; i++) slots.push({ start: s.start + i * slot, chord: chords[i % chords.length] });
    if (s.kind === 'intro' && n >= 2) slots[slots.length - 1].chord = dominant;
  }
  const last = plan.sections[plan.sections.length - 1];
  const beforeEnd = slots.findIndex((x) => x.start >= last.start - 1e-6) - 1;
  if (plan.loop) slots[slots.length - 1].chord = dominant;
  else if (last.kind === 'ending' && beforeEnd >= 0) slots[beforeEnd].chord = dominant;
  return slots.map((x, i) => ({
    root: (plan.key.tonic + x.chord.degree) % 12,
    quality: x.chord.quality,
    start: x.start,
    end: Math.min(plan.beats, slots[i + 1]?.start ?? plan.beats),
  }));
}
