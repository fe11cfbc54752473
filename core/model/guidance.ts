/**
 * Style guidance: classifier-free guidance (Ho & Salimans, "Classifier-Free Diffusion Guidance", 2021) on
 * the style alone. A guided lane is stepped twice, under its conditioning and under the same conditioning
 * with the style cleared (how the model saw files of no known style in training), each with its own
 * carried state and fed the same samples; every head's logits are then `u + scale x (c - u)`, which
 * strengthens what the asked style changes in the model's choices and leaves the rest as it was. A scale
 * of 1 is the plain model. The scales are a model's decoding setting (`config.json`
 * `sampling.guidance`, per role).
 */
import { withoutStyle } from '../conditioning';
import type { LaneHeads, Onset, StepInput, Stepper } from './step';

/** `u + scale x (c - u)`, element by element, into fresh logits. */
export function guidedLogits(c: Float64Array, u: Float64Array, scale: number): Float64Array {
  const z = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) z[i] = u[i] + scale * (c[i] - u[i]);
  return z;
}

/**
 * One lane's heads from its own (`c`) and its style-free twin's (`u`); `plain` clears a conditioning's
 * style, so that the twin reads a section's conditioning at the onset without its style too.
 */
function guidedHeads(
  c: LaneHeads,
  u: LaneHeads,
  scale: number,
  plain: (cond: ArrayLike<number>) => Float64Array,
): LaneHeads {
  const plainOnset = (o: Onset): Onset => (o.cond ? { ...o, cond: plain(o.cond) } : o);
  return {
    step: guidedLogits(c.step, u.step, scale),
    pitch: (o) => guidedLogits(c.pitch(o), u.pitch(plainOnset(o)), scale),
    note: (o, pitch) => {
      const a = c.note(o, pitch);
      const b = u.note(plainOnset(o), pitch);
      return {
        duration: guidedLogits(a.duration, b.duration, scale),
        velocity: guidedLogits(a.velocity, b.velocity, scale),
      };
    },
  };
}

/**
 * A stepper over `inner` whose lane `i` is style-guided with `scales[i]` (1: not guided, and no twin is
 * stepped for it). The inner stepper carries the lanes first, then one twin per guided lane.
 */
export class StyleGuidedStepper implements Stepper {
  /** Lane -> its twin's index among the twins, or -1. */
  private readonly twinOf: number[];
  /** The guided lanes, in twin order. */
  private readonly guided: number[];
  /** Each conditioning vector's style-free twin (vectors are reused across steps). */
  private readonly plain = new WeakMap<object, Float64Array>();

  constructor(
    private readonly inner: Stepper,
    private readonly scales: readonly number[],
  ) {
    this.guided = scales.flatMap((s, i) => (s !== 1 ? [i] : []));
    this.twinOf = scales.map((_, i) => this.guided.indexOf(i));
  }

  get config(): Stepper['config'] {
    return this.inner.config;
  }

  /** Clears the state of every lane (one per scale: the lanes are fixed at construction) and their twins. */
  reset(): void {
    this.inner.reset(this.scales.length + this.guided.length);
  }

  private plainOf(cond: ArrayLike<number>): Float64Array {
    let p = this.plain.get(cond as object);
    if (!p) {
      p = withoutStyle(cond);
      this.plain.set(cond as object, p);
    }
    return p;
  }

  heads(inputs: readonly (StepInput | null)[], conds: readonly ArrayLike<number>[]): (LaneHeads | null)[] {
    const n = inputs.length;
    const all = this.inner.heads(
      [...inputs, ...this.guided.map((i) => inputs[i])],
      [...conds, ...this.guided.map((i) => this.plainOf(conds[i]))],
    );
    return all.slice(0, n).map((c, i) => {
      const t = this.twinOf[i];
      const u = t >= 0 ? all[n + t] : null;
      return c && u ? guidedHeads(c, u, this.scales[i], (v) => this.plainOf(v)) : c;
    });
  }
}

/** `stepper` itself when no scale guides, else a {@link StyleGuidedStepper}. */
export function guideStyle(stepper: Stepper, scales: readonly number[]): Stepper {
  return scales.some((s) => s !== 1) ? new StyleGuidedStepper(stepper, scales) : stepper;
}
