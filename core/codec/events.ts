/**
 * NoteSequence <-> the model's event encoding. One event per note: (pitch, step, duration, velocity, role).
 *
 * - The grid is {@link GRID} steps per beat (1/12 beat), so sixteenths (3 steps) and eighth-note triplets
 *   (4 steps) both fit. Times are in beats, so tempo is conditioning, not part of the steps.
 * - `step` is the onset distance from the previous event in grid steps, 0..{@link STEP_MAX}; a longer gap
 *   is bridged by rest events (`pitch` = {@link REST}, no note).
 * - `duration` is 1..{@link DURATION_MAX} grid steps (longer notes are clipped to 8 beats by {@link quantizeNote}).
 * - `velocity` is one of {@link VELOCITY_BINS} bins of 8 MIDI velocities.
 * - Notes are ordered by onset, role, pitch, end. Decoding an encoding returns the quantized notes exactly.
 */
import { InvalidSequenceError } from '../errors';
import type { Beats, Note, Role } from '../sequence';
import { ROLES, sortNotes } from '../sequence';

/** Grid steps per beat. */
export const GRID = 12;
/** Largest step between two events, in grid steps (4 beats). */
export const STEP_MAX = 48;
/** Longest duration, in grid steps (8 beats). */
export const DURATION_MAX = 96;
/** Pitch value of a rest event (time passes, no note). */
export const REST = 128;
/** Number of velocity bins. */
export const VELOCITY_BINS = 16;

/** Sizes of the categorical vocabularies, for the model's heads. */
export const VOCAB = {
  pitch: REST + 1,
  step: STEP_MAX + 1,
  duration: DURATION_MAX + 1,
  velocity: VELOCITY_BINS,
  role: ROLES.length,
} as const;

/** One encoded event. */
export interface NoteEvent {
  /** MIDI pitch 0..127, or {@link REST}. */
  pitch: number;
  /** Grid steps since the previous event's onset. */
  step: number;
  /** Grid steps (0 for a rest). */
  duration: number;
  /** Velocity bin 0..VELOCITY_BINS-1 (0 for a rest). */
  velocity: number;
  /** Index into ROLES. */
  role: number;
}

/** MIDI velocity (1..127) -> bin. */
export function velocityToBin(v: number): number {
  return Math.min(VELOCITY_BINS - 1, Math.max(0, Math.floor((Math.round(v) - 1) / 8)));
}

/** Bin -> the MIDI velocity it stands for (its middle). */
export function binToVelocity(bin: number): number {
  return Math.min(127, bin * 8 + 5);
}

/** Snaps a time in beats to the grid. */
export function snap(beat: Beats): Beats {
  return Math.round(beat * GRID) / GRID;
}

/** A note on the grid: onset and end snapped, duration 1..DURATION_MAX steps, velocity at its bin's middle. */
export function quantizeNote(n: Note): Note {
  const s = Math.max(0, Math.round(n.start * GRID));
  const d = Math.min(DURATION_MAX, Math.max(1, Math.round(n.end * GRID) - s));
  return { ...n, start: s / GRID, end: (s + d) / GRID, velocity: binToVelocity(velocityToBin(n.velocity)) };
}

/** Quantizes and sorts notes into the codec's canonical form. */
export function quantizeNotes(notes: readonly Note[]): Note[] {
  return sortNotes(notes.map(quantizeNote));
}

function checkNote(n: Note): void {
  if (!Number.isInteger(n.pitch) || n.pitch < 0 || n.pitch > 127)
    throw new InvalidSequenceError(`pitch ${n.pitch} out of 0..127`);
  if (!Number.isFinite(n.start) || n.start < 0)
    throw new InvalidSequenceError(`note start ${n.start} is negative or not finite`);
  if (!(n.end > n.start))
    throw new InvalidSequenceError(`note end ${n.end} is not after its start ${n.start}`);
  if (!ROLES.includes(n.role)) throw new InvalidSequenceError(`unknown role ${String(n.role)}`);
}

/**
 * Encodes notes as events (quantizing them first).
 * @throws {InvalidSequenceError} on a pitch out of range, a negative start or an end before the start.
 */
export function encodeNotes(notes: readonly Note[]): NoteEvent[] {
  notes.forEach(checkNote);
  const events: NoteEvent[] = [];
  let prev = 0;
  for (const n of quantizeNotes(notes)) {
    const onset = Math.round(n.start * GRID);
    let gap = onset - prev;
    const role = ROLES.indexOf(n.role);
    while (gap > STEP_MAX) {
      events.push({ pitch: REST, step: STEP_MAX, duration: 0, velocity: 0, role });
      gap -= STEP_MAX;
    }
    events.push({
      pitch: n.pitch,
      step: gap,
      duration: Math.round(n.end * GRID) - onset,
      velocity: velocityToBin(n.velocity),
      role,
    });
    prev = onset;
  }
  return events;
}

/** What a decoded note needs beyond the events: GM program and drum flag per role. */
export interface DecodeOptions {
  /** GM program per role. Default: piano (0) for melody and harmony, fingered bass (33) for bass. */
  programs?: Partial<Record<Role, number>>;
  /** Beat of the first event's reference point. Default 0. */
  offset?: Beats;
}

/**
 * Decodes events into notes (inverse of {@link encodeNotes} on quantized notes).
 * @throws {InvalidSequenceError} on an event outside the vocabularies.
 */
export function decodeEvents(events: readonly NoteEvent[], options: DecodeOptions = {}): Note[] {
  const programs: Record<Role, number> = { melody: 0, harmony: 0, bass: 33, drums: 0, ...options.programs };
  const notes: Note[] = [];
  let t = Math.round((options.offset ?? 0) * GRID);
  for (const e of events) {
    if (!(e.step >= 0 && e.step <= STEP_MAX && Number.isInteger(e.step)))
      throw new InvalidSequenceError(`step ${e.step} out of range`);
    if (!(e.role >= 0 && e.role < ROLES.length))
      throw new InvalidSequenceError(`role ${e.role} out of range`);
    t += e.step;
    if (e.pitch === REST) continue;
    if (!(e.pitch >= 0 && e.pitch < 128)) throw new InvalidSequenceError(`pitch ${e.pitch} out of range`);
    if (!(e.duration >= 1 && e.duration <= DURATION_MAX))
      throw new InvalidSequenceError(`duration ${e.duration} out of range`);
    const role = ROLES[e.role];
    notes.push({
      pitch: e.pitch,
      start: t / GRID,
      end: (t + e.duration) / GRID,
      velocity: binToVelocity(e.velocity),
      role,
      program: programs[role],
      isDrum: role === 'drums',
    });
  }
  return notes;
}
