/**
 * The event LSTM's input fields and output heads, without tfjs: the stepper, the data pipeline and the
 * generator need only these names, so they can run where tfjs cannot (the Premiere panel).
 */

/** Input names of the event LSTM, in the order `apply` takes them (then `cond`). */
export const EVENT_INPUTS = ['pitch', 'step', 'duration', 'velocity', 'role', 'chord', 'position'] as const;
/** One of {@link EVENT_INPUTS}. */
export type EventInput = (typeof EVENT_INPUTS)[number];
/** Output heads of the event LSTM, in output order. */
export const HEADS = ['pitch', 'step', 'duration', 'velocity'] as const;
/** One of {@link HEADS}. */
export type Head = (typeof HEADS)[number];
