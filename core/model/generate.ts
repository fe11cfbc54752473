/**
 * Stateful generation of one role: the stepper is fed its own samples one event at a time, with the chord
 * of the plan and the metric position of each event, until the requested length is filled.
 */
import { DURATION_MAX, GRID, REST } from '../codec/events';
import type { NoteEvent } from '../codec/events';
import { decodeEvents } from '../codec/events';
import type { Conditioning } from '../conditioning';
import { conditioningVector } from '../conditioning';
import type { ChordSpan } from '../features/chords';
import { chordIdAt, transposeChordId } from '../features/chords';
import type { Random } from '../random';
import type { Beats, Note, Role } from '../sequence';
import { beatsPerBar, ROLES } from '../sequence';
import { barPosition, tonicShift } from './data';
import { sampleLogits } from './sample';
import type { EventLstmStepper } from './step';

/** Options of {@link generateRole}. */
export interface RoleOptions {
  role: Role;
  /** The role's conditioning (see roleConditioning). */
  conditioning: Conditioning;
  /** Length to fill, in beats. */
  beats: Beats;
  /** Chord plan in absolute pitch classes (optional; drums ignore it). */
  chords?: readonly ChordSpan[];
  rng: Random;
  temperature?: number;
  topP?: number;
  /** Log-probability added to pitches outside the key's scale (0 = none). Default 0. */
  scaleBias?: number;
  /** Highest number of events (a guard). Default 20 x beats + 64. */
  maxEvents?: number;
  /** GM program of the notes. */
  program?: number;
}

const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const MINOR = [0, 2, 3, 5, 7, 8, 10, 11];

/** Durations of 0 are not notes: forbid them. */
const durationBias = (() => {
  const b = new Float64Array(DURATION_MAX + 1);
  b[0] = -Infinity;
  return b;
})();

/** Bias over the model's (key-relative) pitch ids: `scaleBias` for pitches outside the key's scale. */
function pitchBias(o: RoleOptions, shift: number): Float64Array | undefined {
  if (!o.scaleBias || o.role === 'drums') return undefined;
  const scale = o.conditioning.key.mode === 'major' ? MAJOR : MINOR;
  const bias = new Float64Array(REST + 1);
  for (let r = 0; r < 128; r++) {
    const pc = (((r - shift - o.conditioning.key.tonic) % 12) + 12) % 12;
    if (!scale.includes(pc)) bias[r] = o.scaleBias;
  }
  return bias;
}

/** Generates one role's notes (absolute pitches, in beats from 0). */
export function generateRole(stepper: EventLstmStepper, o: RoleOptions): Note[] {
  const roleIdx = ROLES.indexOf(o.role);
  const drums = o.role === 'drums';
  const shift = stepper.config.keyRelative && !drums ? tonicShift(o.conditioning.key.tonic) : 0;
  const barSteps = Math.max(1, Math.round(beatsPerBar(o.conditioning.meter) * GRID));
  const total = Math.round(o.beats * GRID);
  const chordAt = (t: number): number =>
    drums || !o.chords ? 0 : transposeChordId(chordIdAt(o.chords, t / GRID), shift);
  const cond = conditioningVector(o.conditioning);
  const sample = { temperature: o.temperature ?? 1, topP: o.topP ?? 0.95 };
  const bias = pitchBias(o, shift);
  const events: NoteEvent[] = [];
  stepper.reset();
  let input = {
    pitch: REST,
    step: 0,
    duration: 0,
    velocity: 0,
    role: roleIdx,
    chord: chordAt(0),
    position: 0,
  };
  let t = 0;
  const maxEvents = o.maxEvents ?? Math.ceil(o.beats * 20) + 64;
  while (events.length < maxEvents) {
    const logits = stepper.step(input, cond);
    const step = sampleLogits(logits.step, o.rng, sample);
    if (t + step >= total) break;
    t += step;
    const pitch = sampleLogits(logits.pitch, o.rng, { ...sample, bias });
    let duration = sampleLogits(logits.duration, o.rng, { ...sample, bias: durationBias });
    const velocity = sampleLogits(logits.velocity, o.rng, sample);
    if (pitch === REST) duration = 0;
    else duration = Math.max(1, Math.min(duration, DURATION_MAX, total - t));
    events.push({
      pitch: pitch === REST ? REST : pitch,
      step,
      duration,
      velocity: pitch === REST ? 0 : velocity,
      role: roleIdx,
    });
    input = {
      pitch,
      step,
      duration,
      velocity,
      role: roleIdx,
      chord: chordAt(t),
      position: barPosition(t, barSteps),
    };
  }
  const notes = decodeEvents(events, {
    programs: o.program !== undefined ? { [o.role]: o.program } : undefined,
  });
  return notes.map((n) => (drums ? n : { ...n, pitch: Math.min(127, Math.max(0, n.pitch - shift)) }));
}
