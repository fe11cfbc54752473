/**
 * The generators' inference in plain TypeScript, one step at a time with the state carried, over the same
 * weights as the tf.layers graphs (checked equal to them within 1e-5 by the tests):
 * - {@link EventLstmStepper}, the first model's event LSTM: four heads read in parallel from the state;
 * - `BandLstmStepper` (band-step.ts): the step head first, then pitch, duration and velocity heads that
 *   read the new onset's step, chord and position (and the pitch).
 * Both answer the generator through {@link Stepper}, whose heads are read in sampling order.
 */
import type { ModelConfig } from './config';
import type { EventInput, Head } from './fields';
import { EVENT_INPUTS, HEADS } from './fields';
import { accumulate } from './matmul';
import type { Dense } from './lstm';
import { LstmTrunk, readDense, weightReader } from './lstm';

/** One input event (ids of each field; `family` is read by the band LSTM only). */
export type StepInput = Record<EventInput, number> & { family?: number };

/** The new onset a note is written at: its step, and the chord and metric position there. */
export interface Onset {
  step: number;
  chord: number;
  position: number;
  /** The conditioning vector in force there (a form's section); default: the step's. */
  cond?: ArrayLike<number>;
}

/** A lane's heads after a step, read in sampling order. */
export interface LaneHeads {
  /** Step logits. */
  readonly step: Float64Array;
  /** Pitch logits for a note at `onset`. */
  pitch(onset: Onset): Float64Array;
  /** Duration and velocity logits for `pitch` at `onset`. */
  note(onset: Onset, pitch: number): { duration: Float64Array; velocity: Float64Array };
}

/** A stateful stepper over a generator's weights. */
export interface Stepper {
  readonly config: ModelConfig;
  /** Clears the carried state of `lanes` independent streams. */
  reset(lanes?: number): void;
  /** Runs one step of every lane whose input is not null; returns each active lane's heads. */
  heads(inputs: readonly (StepInput | null)[], conds: readonly ArrayLike<number>[]): (LaneHeads | null)[];
}

/** Dense layer `d` over `rows` inputs (row-major), into fresh logits. */
export function denseRows(d: Dense, x: Float64Array, rows: number): Float64Array {
  const z = new Float64Array(rows * d.outDim);
  for (let a = 0; a < rows; a++) z.set(d.bias, a * d.outDim);
  accumulate(z, x, d.kernelT, rows, d.inDim, d.outDim);
  return z;
}

/** The lanes of a step that have an input. */
export function activeLanes(inputs: readonly unknown[]): number[] {
  const act: number[] = [];
  inputs.forEach((x, i) => x && act.push(i));
  return act;
}

/** A stateful stepper over the event LSTM's weights. */
export class EventLstmStepper implements Stepper {
  /** The recurrent trunk (its lanes' state can be saved and restored to read a step again). */
  readonly trunk: LstmTrunk;
  private readonly dense: Record<Head, Dense>;

  /**
   * @throws {ModelLoadError} when a weight is missing or has the wrong size.
   */
  constructor(
    readonly config: ModelConfig,
    weights: Map<string, Float32Array>,
  ) {
    const get = weightReader(weights);
    this.trunk = new LstmTrunk(config, get, EVENT_INPUTS);
    const units = this.trunk.units;
    this.dense = Object.fromEntries(
      HEADS.map((h) => [h, readDense(get, `head_${h}`, units, config.vocab[h])]),
    ) as Record<Head, Dense>;
  }

  /** Clears the carried state of `lanes` independent streams (start of a new piece). */
  reset(lanes = 1): void {
    this.trunk.reset(lanes);
  }

  /** Runs one step of lane `lane`: consumes `input` under conditioning vector `cond`; returns logits per head. */
  step(input: StepInput, cond: ArrayLike<number>, lane = 0): Record<Head, Float64Array> {
    const inputs: (StepInput | null)[] = [];
    inputs[lane] = input;
    const conds: ArrayLike<number>[] = [];
    conds[lane] = cond;
    return this.stepLanes(inputs, conds)[lane]!;
  }

  /**
   * Runs one step of every lane whose input is not null (lanes that are done pass null). The lanes share
   * each weight read, which makes several streams cheaper per event than one.
   */
  stepLanes(
    inputs: readonly (StepInput | null)[],
    conds: readonly ArrayLike<number>[],
  ): (Record<Head, Float64Array> | null)[] {
    const act = activeLanes(inputs);
    const x = this.trunk.advance(act, inputs, conds);
    const out: (Record<Head, Float64Array> | null)[] = inputs.map(() => null);
    const logits = Object.fromEntries(HEADS.map((h) => [h, denseRows(this.dense[h], x, act.length)]));
    act.forEach((lane, a) => {
      out[lane] = Object.fromEntries(
        HEADS.map((h) => {
          const n = this.dense[h].outDim;
          return [h, logits[h].slice(a * n, (a + 1) * n)];
        }),
      ) as Record<Head, Float64Array>;
    });
    return out;
  }

  /** The heads of {@link stepLanes}, which read no onset: the pitch is chosen before the step is known. */
  heads(inputs: readonly (StepInput | null)[], conds: readonly ArrayLike<number>[]): (LaneHeads | null)[] {
    return this.stepLanes(inputs, conds).map((l) =>
      l
        ? {
            step: l.step,
            pitch: () => l.pitch,
            note: () => ({ duration: l.duration, velocity: l.velocity }),
          }
        : null,
    );
  }
}
