/**
 * The networks' input fields and output heads, without tfjs: the stepper, the data pipeline and the
 * generator need only these names, so they can run where tfjs cannot (the Premiere panel).
 *
 * Two generators exist:
 * - the event LSTM (`event-lstm`, config format 1, the first shipped model): the previous event, the chord
 *   and metric position at the previous event's onset, four heads read in parallel;
 * - the band LSTM (`band-lstm`, config format 2): the same inputs plus the instrument family of the note
 *   to come, and sequential heads: the step first, then the pitch given the step and the chord and metric
 *   position at the new onset, then duration and velocity given the pitch as well.
 */

/** Input names of the event LSTM, in the order `apply` takes them (then `cond`). */
export const EVENT_INPUTS = ['pitch', 'step', 'duration', 'velocity', 'role', 'chord', 'position'] as const;
/** One of {@link EVENT_INPUTS}. */
export type EventInput = (typeof EVENT_INPUTS)[number];
/** Output heads of the event LSTM, in output order. */
export const HEADS = ['pitch', 'step', 'duration', 'velocity'] as const;
/** One of {@link HEADS}. */
export type Head = (typeof HEADS)[number];

/** Recurrent inputs of the band LSTM: the previous event, and the family of the instrument that plays next. */
export const BAND_INPUTS = [...EVENT_INPUTS, 'family'] as const;
/** One of {@link BAND_INPUTS}. */
export type BandInput = (typeof BAND_INPUTS)[number];

/**
 * What the band LSTM's pitch head reads beside the recurrent state: the sampled step, and the chord and
 * metric position at the onset it leads to (teacher-forced in training).
 */
export const ONSET_INPUTS = ['step', 'chord', 'position'] as const;
/** One of {@link ONSET_INPUTS}. */
export type OnsetInput = (typeof ONSET_INPUTS)[number];
/** What the duration and velocity heads read: the onset's inputs and the sampled pitch. */
export const NOTE_INPUTS = [...ONSET_INPUTS, 'pitch'] as const;
/** One of {@link NOTE_INPUTS}. */
export type NoteInput = (typeof NOTE_INPUTS)[number];

/** Output heads of the band LSTM, in output and sampling order. */
export const BAND_HEADS = ['step', 'pitch', 'duration', 'velocity'] as const;

/** The graph's input name of a next-onset field (`in_next_chord`). */
export const nextInputName = (k: NoteInput): string => `in_next_${k}`;
