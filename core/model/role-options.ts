/**
 * What one role is written under: its conditioning and sections, its length and chords, the model's
 * decoding settings, and the arranger's rules that act while it is written.
 */
import type { HeadTemperature, PrefixEvent } from './sampling';
import type { Conditioning } from '../conditioning';
import type { ChordSpan } from '../features/chords';
import type { Beats, Role } from '../sequence';
import { voicesOfProgram } from '../features/family';

/** Options of one role's writing (`generateRole`, `generateRoles`). */
export interface RoleOptions {
  role: Role;
  /** The role's conditioning (see roleConditioning). */
  conditioning: Conditioning;
  /** Length to fill, in beats. */
  beats: Beats;
  /** Chord plan in absolute pitch classes (optional; drums ignore it). */
  chords?: readonly ChordSpan[];
  temperature?: number;
  /** Multipliers of `temperature` per head (the model's decoding settings, see `ModelConfig.sampling`). */
  headTemperature?: HeadTemperature;
  /**
   * Logit penalty per unit share of a pitch in the role's last `REPETITION_WINDOW` notes (the
   * model's decoding setting, see `SamplingConfig.repetition`). Default 0.
   */
  repetitionPenalty?: number;
  /**
   * Logit penalty per unit share of a duration in the role's last `REPETITION_WINDOW` notes (the model's
   * decoding setting, see `SamplingConfig.durationRepetition`). Default 0.
   */
  durationRepetitionPenalty?: number;
  /**
   * Semitones around a pitch already started at an onset within which no other note may start there (the
   * model's decoding setting, see `SamplingConfig.stackApart`). Default 0 (only the same pitch again).
   */
  stackApart?: number;
  topP?: number;
  /** Events the role's network reads before it writes, none of them played (see `SamplingConfig.prefix`). */
  prefix?: readonly PrefixEvent[];
  /**
   * Style guidance scale (the model's decoding setting, see `SamplingConfig.guidance`): the logits are
   * pushed `guidance` times as far from the style-free conditioning's as the asked style puts them. Default
   * 1 (none).
   */
  guidance?: number;
  /** Log-probability added to pitches outside the key's scale (0 = none). Default 0. */
  scaleBias?: number;
  /** Log-probability added to the tonic's pitch class (melodies and bass lines gravitate home). Default 0. */
  tonicBias?: number;
  /** Highest number of events (a guard). Default 20 x beats + 64. */
  maxEvents?: number;
  /**
   * Most notes that may start together (a chord's size). Default 6 for harmony, 4 for drums, else 3, and
   * never more than the instrument of `program` sounds at once ({@link defaultMaxStack}).
   */
  maxStack?: number;
  /** GM program of the notes; its instrument family conditions a band LSTM. Default: the role's. */
  program?: number;
  /**
   * Conditioning changes (a form's sections), sorted by start; from each start on, the role is written
   * under that conditioning. The first may start after 0 (before it, `conditioning` applies).
   */
  sections?: readonly { start: Beats; conditioning: Conditioning }[];
  /**
   * False: the model's own choices only. No role is kept playing (rests allowed after a bar of silence,
   * steps not bounded by it); the scale and tonic biases are the caller's (pass 0). Default true.
   */
  rules?: boolean;
  /**
   * Spans the role does not write (sorted, disjoint, each starting on a bar line and whole bars long, or
   * reaching the end): the arranger's finishing passes replace what would sound there. When the next onset
   * would land inside one, time jumps over it; the model keeps its state and its view of time as if the
   * span were not there (it is fed the step it sampled, at the same place in the bar), while its chord,
   * position and conditioning are those of the onset after the jump, and the notes written land there.
   * A note is cut where a span starts. Default none.
   */
  skip?: readonly { start: Beats; end: Beats }[];
}

/**
 * The most notes a role's writer lets start together: 6 for harmony, 4 for drums, else 3, and never more
 * than one player of `program` sounds at once (`voicesOfProgram`: one for a saxophone, two for a violin).
 */
export function defaultMaxStack(role: Role, program?: number): number {
  const byRole = role === 'harmony' ? 6 : role === 'drums' ? 4 : 3;
  return program === undefined || role === 'drums' ? byRole : Math.min(byRole, voicesOfProgram(program));
}
