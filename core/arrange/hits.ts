/**
 * Hits on the cuts: the chord changes on a hit where the chord plan allows (the next chord comes early),
 * and the arrangement accents it: a short snare pickup into it, a crash and a kick on it, the bass on the
 * chord's root and the harmony struck again. Notes added are `rule` notes by `hit`; notes cut short or
 * re-struck at a hit are `mended`.
 */
import type { ChordSpan } from '../features/chords';
import { chordFromId, chordIdAt, chordPitchClasses } from '../features/chords';
import type { Beats, Note, Role } from '../sequence';
import { DRUM } from './transitions';
import type { ArrangementPlan } from './plan';

const EPS = 1e-6;
/** Velocities of the accent (drums scaled by the plan's drum level). */
const VELOCITY = { crash: 110, kick: 112, pickup: [72, 88], bass: 104, stab: 92 } as const;
/** Bass register of the root on a hit: the octave that puts it in 33..44 (A1..G#2). */
const BASS_LOW = 33;
/** Harmony register of a struck chord when none is sounding: from this pitch up. */
const STAB_LOW = 55;

/**
 * Moves the chord change onto each hit that falls inside a chord (at least a beat after its start): the
 * next chord starts on the hit instead of after it.
 */
export function anticipateChords(
  chords: readonly ChordSpan[],
  hits: readonly { beat: Beats }[],
): ChordSpan[] {
  const out = chords.map((c) => ({ ...c }));
  for (const h of hits) {
    const k = out.findIndex((c) => c.start < h.beat - EPS && h.beat < c.end - EPS);
    if (k < 0 || k + 1 >= out.length || h.beat - out[k].start < 1 - EPS) continue;
    out[k].end = h.beat;
    out[k + 1].start = h.beat;
  }
  return out;
}

const rule = (n: Omit<Note, 'origin' | 'by'>): Note => ({ ...n, origin: 'rule', by: 'hit' });

function drum(pitch: number, start: Beats, velocity: number): Note {
  return rule({ pitch, start, end: start + 0.25, velocity, role: 'drums', program: 0, isDrum: true });
}

/** The drums of a hit: a two-sixteenth snare pickup (unless a hit or a fill is just before) and a crash with a kick. */
function drumAccent(out: Note[], at: Beats, level: number, pickup: boolean): void {
  const v = (x: number): number => Math.max(1, Math.min(127, Math.round(x * level)));
  const has = (pitch: number, t: Beats): boolean =>
    out.some((n) => n.isDrum && n.pitch === pitch && Math.abs(n.start - t) < EPS);
  if (pickup && at >= 0.5) {
    for (let i = out.length - 1; i >= 0; i--)
      if (out[i].isDrum && out[i].start >= at - 0.5 - EPS && out[i].start < at - EPS) out.splice(i, 1);
    out.push(
      drum(DRUM.snare, at - 0.5, v(VELOCITY.pickup[0])),
      drum(DRUM.snare, at - 0.25, v(VELOCITY.pickup[1])),
    );
  }
  if (!has(DRUM.crash, at)) out.push(drum(DRUM.crash, at, v(VELOCITY.crash)));
  if (!has(DRUM.kick, at)) out.push(drum(DRUM.kick, at, v(VELOCITY.kick)));
}

/**
 * Ends every note of `role` held across `at` there; with `restrike`, what it held starts again on `at`
 * (re-struck). Returns the pitches that were sounding.
 */
function breakAt(out: Note[], role: Role, at: Beats, restrike: boolean): number[] {
  const pitches: number[] = [];
  for (let i = out.length - 1; i >= 0; i--) {
    const n = out[i];
    if (n.role !== role || !(n.start < at - EPS && n.end > at + EPS)) continue;
    out[i] = { ...n, end: at, origin: 'mended', by: 'hit' };
    pitches.push(n.pitch);
    if (restrike) out.push(rule({ ...n, start: at, velocity: Math.max(n.velocity, VELOCITY.stab) }));
  }
  return pitches;
}

/** Where the next note of `role` starts after `at` (or `limit`). */
function nextOnset(out: readonly Note[], role: Role, at: Beats, limit: Beats): Beats {
  let t = limit;
  for (const n of out) if (n.role === role && n.start > at + EPS && n.start < t) t = n.start;
  return t;
}

/** The bass on the chord's root at `at`, held to the next bass note (at most two beats). */
function bassRoot(out: Note[], at: Beats, root: number, program: number, end: Beats): void {
  breakAt(out, 'bass', at, false);
  for (let i = out.length - 1; i >= 0; i--)
    if (out[i].role === 'bass' && Math.abs(out[i].start - at) < EPS) out.splice(i, 1);
  const pitch = BASS_LOW + ((((root - BASS_LOW) % 12) + 12) % 12);
  const until = nextOnset(out, 'bass', at, Math.min(end, at + 2));
  out.push(
    rule({ pitch, start: at, end: until, velocity: VELOCITY.bass, role: 'bass', program, isDrum: false }),
  );
}

/** The harmony struck on `at`: what it holds, re-struck, or else the chord's triad for a beat. */
function harmonyStab(out: Note[], at: Beats, tones: number[], program: number, end: Beats): void {
  if (out.some((n) => n.role === 'harmony' && Math.abs(n.start - at) < EPS)) return;
  if (breakAt(out, 'harmony', at, true).length > 0 || tones.length === 0) return;
  const until = nextOnset(out, 'harmony', at, Math.min(end, at + 1));
  for (const pc of tones.slice(0, 3)) {
    const pitch = STAB_LOW + ((((pc - STAB_LOW) % 12) + 12) % 12);
    out.push(
      rule({
        pitch,
        start: at,
        end: until,
        velocity: VELOCITY.stab,
        role: 'harmony',
        program,
        isDrum: false,
      }),
    );
  }
}

/**
 * Accents every hit of the plan with the roles the piece has: drums (pickup, crash, kick), the bass on
 * the root of the chord at the hit, the harmony struck. Hits less than two beats after the one before
 * get no pickup.
 */
export function accentHits(notes: readonly Note[], plan: ArrangementPlan): Note[] {
  const out = [...notes];
  const roles = new Set(plan.sections.flatMap((s) => s.roles));
  const transitions = new Set(plan.sections.filter((s) => s.transition).map((s) => s.start));
  const hits = plan.hits ?? [];
  hits.forEach((h, k) => {
    const at = h.beat;
    if (at >= plan.beats - EPS) return;
    const chord = chordFromId(chordIdAt(plan.chords, at));
    const tones = chord ? chordPitchClasses(chord) : [];
    const prev = k > 0 ? hits[k - 1].beat : -Infinity;
    if (roles.has('drums'))
      drumAccent(
        out,
        at,
        plan.drumLevel,
        at - prev >= 2 - EPS && ![...transitions].some((t) => Math.abs(t - at) < EPS),
      );
    if (roles.has('bass') && chord) bassRoot(out, at, chord.root, plan.programs.bass, plan.beats);
    if (roles.has('harmony')) harmonyStab(out, at, tones, plan.programs.harmony, plan.beats);
  });
  return out;
}
