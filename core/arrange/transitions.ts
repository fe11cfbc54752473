/**
 * The joins of a piece: a fill and a crash into each section that opens with a transition, the ending on a
 * held tonic chord, and a loop's notes stopped at the loop point so its start follows without overlap.
 */
import type { Beats, Note, Role } from '../sequence';
import { isCompound } from '../sequence';
import { drumUnit, GRID_UNIT } from './feel';
import { mended } from './mended';
import type { ArrangementPlan } from './plan';

/** GM drum notes used by transitions and endings. */
export const DRUM = { kick: 36, snare: 38, closedHat: 42, crash: 49, lowTom: 45, midTom: 47 } as const;

const EPS = 1e-6;

/**
 * Adds a one-beat snare fill before each transition (four rising sixteenths, or three eighth-note
 * triplets where the section before is swung: {@link drumUnit}) and a crash with a kick on its downbeat.
 */
export function addTransitions(notes: readonly Note[], plan: ArrangementPlan, velocityScale: number): Note[] {
  const out = [...notes];
  const compound = isCompound(plan.meter);
  const v = (x: number): number => Math.max(1, Math.min(127, Math.round(x * velocityScale)));
  for (const s of plan.sections) {
    if (!s.transition || !s.roles.includes('drums')) continue;
    const prev = plan.sections[plan.sections.indexOf(s) - 1];
    const fillFrom = s.start - 1;
    if (prev?.roles.includes('drums') && fillFrom >= 0) {
      const groove = out.filter((n) => n.isDrum && n.start >= prev.start - EPS && n.start < s.start - EPS);
      const swung = drumUnit(groove, compound, plan.style) === GRID_UNIT.triplet;
      // Clear the groove under the fill, then four sixteenths (three triplets when swung) rising.
      for (let i = out.length - 1; i >= 0; i--)
        if (out[i].isDrum && out[i].start >= fillFrom - EPS && out[i].start < s.start - EPS) out.splice(i, 1);
      const fill = swung
        ? [DRUM.snare, DRUM.midTom, DRUM.lowTom]
        : [DRUM.snare, DRUM.snare, DRUM.midTom, DRUM.lowTom];
      fill.forEach((pitch, i) =>
        out.push(drum(pitch, fillFrom + i / fill.length, v(70 + i * (36 / (fill.length - 1))), 'fill')),
      );
    }
    out.push(drum(DRUM.crash, s.start, v(105), 'crash'), drum(DRUM.kick, s.start, v(105), 'crash'));
  }
  return out;
}

function drum(pitch: number, start: Beats, velocity: number, by: string): Note {
  return {
    pitch,
    start,
    end: start + 0.25,
    velocity,
    role: 'drums',
    program: 0,
    isDrum: true,
    origin: 'rule',
    by,
  };
}

/**
 * The ending: nothing starts after the last bar's downbeat except a tonic chord held to the end, voiced
 * for each pitched role that plays (bass the root low, harmony a triad, melody the tonic on top), with a
 * crash and a kick when drums play.
 */
export function addEnding(notes: readonly Note[], plan: ArrangementPlan, velocityScale: number): Note[] {
  const ending = plan.sections[plan.sections.length - 1];
  const at = ending.start;
  const out = notes
    .filter((n) => n.start < at - EPS)
    .map((n) => (n.end > at ? mended({ ...n, end: Math.max(n.start + 0.25, at) }, 'ending') : n));
  const end = plan.beats;
  // The ending's own key when a script modulated since the start, else the piece's.
  const first = plan.sections[0].conditioning.key;
  const modulates = plan.sections.some(
    (s) => s.conditioning.key.tonic !== first.tonic || s.conditioning.key.mode !== first.mode,
  );
  const key = modulates ? ending.conditioning.key : plan.key;
  const tonic = key.tonic;
  const third = key.mode === 'major' ? 4 : 3;
  const program = (r: Role): number => plan.programs[r];
  const held = (role: Role, pitch: number, velocity: number): Note => ({
    pitch,
    start: at,
    end,
    velocity,
    role,
    program: program(role),
    isDrum: false,
    origin: 'rule',
    by: 'ending',
  });
  const roles = ending.roles;
  if (roles.includes('bass')) out.push(held('bass', 36 + tonic, 80));
  if (roles.includes('harmony'))
    for (const p of [48 + tonic, 48 + tonic + third, 48 + tonic + 7, 60 + tonic])
      out.push(held('harmony', p, 70));
  if (roles.includes('melody')) out.push(held('melody', 72 + tonic, 78));
  if (roles.includes('drums'))
    out.push(
      drum(DRUM.crash, at, Math.round(100 * velocityScale), 'ending'),
      drum(DRUM.kick, at, Math.round(100 * velocityScale), 'ending'),
    );
  return out;
}

/** A loop: notes stop at the loop point, so the start follows without overlap. */
export function closeLoop(notes: readonly Note[], beats: Beats): Note[] {
  return notes
    .filter((n) => n.start < beats - EPS)
    .map((n) => (n.end > beats ? mended({ ...n, end: beats }, 'loop') : n));
}
