/**
 * Stateful generation of roles: each role's writer ({@link RoleWriter}) is fed its own samples one event at
 * a time, with the chord of the plan and the metric position of each event, until the requested length is
 * filled; several roles are written in lockstep through one stepper (style-guided where a role asks,
 * `guidance.ts`).
 */
import type { Random } from '../random';
import type { Note } from '../sequence';
import { guideStyle } from './guidance';
import type { RoleOptions } from './role-options';
import { RoleWriter } from './role-writer';
import type { Stepper } from './step';

export type { RoleOptions } from './role-options';

/**
 * Writes several roles step by step: each iteration runs one step of every unfinished role and yields the
 * number of steps run so far; it returns what {@link generateRoles} returns. Driven to the end without
 * pauses, or with pauses between steps ({@link generateRolesAsync}), it writes the same notes.
 */
export function* roleSteps(
  stepper: Stepper,
  roles: readonly RoleOptions[],
  rng: Random,
): Generator<number, Note[][], void> {
  const writers = roles.map((o) => new RoleWriter(o, stepper.config));
  const lanes = guideStyle(
    stepper,
    roles.map((o) => o.guidance ?? 1),
  );
  lanes.reset(writers.length); // a guided stepper has its lane count already (one scale per role)
  readPrefixes(lanes, writers);
  let steps = 0;
  while (writers.some((w) => !w.done)) {
    const heads = lanes.heads(
      writers.map((w) => (w.done ? null : w.input)),
      writers.map((w) => w.cond),
    );
    writers.forEach((w, i) => {
      if (!w.done) w.accept(heads[i]!, rng);
    });
    yield ++steps;
  }
  return writers.map((w) => w.notes());
}

/**
 * Feeds each role's prefix (`RoleOptions.prefix`; none by default) through its lane before any role
 * writes: the lanes read the events as inputs, in lockstep, and nothing of them is played.
 */
function readPrefixes(lanes: Stepper, writers: readonly RoleWriter[]): void {
  const length = (w: RoleWriter) => w.o.prefix?.length ?? 0;
  const at = writers.map(() => 0);
  const longest = Math.max(0, ...writers.map(length));
  for (let k = 0; k < longest; k++) {
    lanes.heads(
      writers.map((w) => (k < length(w) ? w.input : null)),
      writers.map((w) => w.cond),
    );
    writers.forEach((w, i) => {
      const e = w.o.prefix?.[k];
      if (!e) return;
      at[i] += e.step;
      w.prime(e, at[i]);
    });
  }
}

/**
 * Generates several roles at once, each with its own carried state, in lockstep (the stepper shares each
 * weight read among the roles). Every role draws from `rng` in role order, so the result is deterministic.
 * Returns the notes of each role (absolute pitches, in beats from 0), in the order given.
 */
export function generateRoles(stepper: Stepper, roles: readonly RoleOptions[], rng: Random): Note[][] {
  const steps = roleSteps(stepper, roles, rng);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** How {@link generateRolesAsync} gives the host's event loop its turn. */
export interface PauseOptions {
  /** Steps between pauses (each step writes one event of every role). Default 64. */
  every?: number;
  /** Awaited between chunks of steps. Default: a macrotask (`setTimeout` 0). */
  pause?: () => Promise<void>;
}

/** A macrotask: lets a host's event loop paint and handle input. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * {@link generateRoles}, pausing every `every` steps so that a host's UI thread is not blocked; the same
 * notes as the synchronous call under the same `rng`.
 */
export async function generateRolesAsync(
  stepper: Stepper,
  roles: readonly RoleOptions[],
  rng: Random,
  o: PauseOptions = {},
): Promise<Note[][]> {
  const every = Math.max(1, Math.floor(o.every ?? 64));
  const pause = o.pause ?? nextTask;
  const steps = roleSteps(stepper, roles, rng);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (r.value % every === 0) await pause();
  }
}

/** Generates one role's notes (absolute pitches, in beats from 0). */
export function generateRole(stepper: Stepper, o: RoleOptions, rng: Random): Note[] {
  return generateRoles(stepper, [o], rng)[0];
}
