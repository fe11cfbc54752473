/**
 * The band LSTM's inference in plain TypeScript (see `network.ts` for the graph): the trunk steps every
 * lane together; a lane's pitch head is computed once its step is sampled (from the state and the new
 * onset's step, chord and position), its note head once its pitch is sampled. The onset's share of each
 * hidden layer is a table lookup per field, as for the trunk's first layer.
 */
import type { BandLstmArchitecture, ModelConfig } from './config';
import type { NoteInput } from './fields';
import { BAND_INPUTS, NOTE_INPUTS, ONSET_INPUTS } from './fields';
import { accumulate } from './matmul';
import type { Dense } from './lstm';
import { embeddingTable, LstmTrunk, readDense, weightReader } from './lstm';
import type { LaneHeads, Onset, StepInput, Stepper } from './step';
import { activeLanes, denseRows, EventLstmStepper } from './step';

/** The pitch head's extra field: the previous event's pitch. */
type HeadField = NoteInput | 'previous';

/** A tanh layer over [state, embeddings of some fields], with the fields' shares precomputed. */
class HiddenLayer {
  private readonly kernelT: Float32Array;
  private readonly bias: Float32Array;
  /** Per field: [vocab][width] shares of the pre-activation. */
  private readonly tables: Float64Array[][];
  readonly width: number;
  /** Kernel rows of the onset's conditioning projection (after the fields), when the layer reads it. */
  private readonly condOffset: number;
  private readonly condCache = new Map<string, Float64Array>();

  constructor(
    private readonly dense: Dense,
    private readonly units: number,
    private readonly trunk: LstmTrunk,
    private readonly fields: readonly HeadField[],
    private readonly readsConditioning: boolean,
  ) {
    this.width = dense.outDim;
    this.bias = dense.bias;
    // The state's rows of the kernel, transposed ([width][units]).
    this.kernelT = new Float32Array(this.width * units);
    for (let j = 0; j < this.width; j++)
      for (let i = 0; i < units; i++) this.kernelT[j * units + i] = dense.kernel[i * this.width + j];
    let offset = units;
    this.tables = fields.map((k) => {
      const { table, dim } = trunk.embeddings.get(k === 'previous' ? 'pitch' : k)!;
      const t = embeddingTable(table, dim, dense.kernel, offset, this.width);
      offset += dim;
      return t;
    });
    this.condOffset = offset;
  }

  /** The share of the onset's conditioning vector (cached per distinct vector). */
  private conditioningShare(cond: ArrayLike<number>): Float64Array {
    const key = Array.prototype.join.call(cond, ',');
    let share = this.condCache.get(key);
    if (share) return share;
    const e = this.trunk.projectConditioning(cond);
    share = new Float64Array(this.width);
    for (let m = 0; m < e.length; m++) {
      const base = (this.condOffset + m) * this.width;
      for (let j = 0; j < this.width; j++) share[j] += e[m] * this.dense.kernel[base + j];
    }
    if (this.condCache.size > 64) this.condCache.clear();
    this.condCache.set(key, share);
    return share;
  }

  /** The state's share of the pre-activation (bias included) for `rows` states, the lanes sharing each weight read. */
  stateShare(hs: Float64Array, rows: number): Float64Array {
    const z = new Float64Array(rows * this.width);
    for (let a = 0; a < rows; a++) z.set(this.bias, a * this.width);
    accumulate(z, hs, this.kernelT, rows, this.units, this.width);
    return z;
  }

  /** The layer's output for row `row` of a {@link stateShare}, the fields' ids and the onset's conditioning. */
  apply(
    share: Float64Array,
    row: number,
    ids: Partial<Record<HeadField, number>>,
    cond: ArrayLike<number>,
  ): Float64Array {
    const z = share.slice(row * this.width, (row + 1) * this.width);
    const parts = this.fields.map((k, f) => this.tables[f][ids[k]!]);
    if (this.readsConditioning) parts.push(this.conditioningShare(cond));
    for (const t of parts) for (let j = 0; j < this.width; j++) z[j] += t[j];
    for (let j = 0; j < this.width; j++) z[j] = Math.tanh(z[j]);
    return z;
  }
}

/** A stateful stepper over the band LSTM's weights. */
export class BandLstmStepper implements Stepper {
  private readonly trunk: LstmTrunk;
  private readonly stepHead: Dense;
  private readonly pitchHidden: HiddenLayer;
  private readonly noteHidden: HiddenLayer;
  private readonly pitchHead: Dense;
  private readonly durationHead: Dense;
  private readonly velocityHead: Dense;

  /**
   * @throws {ModelLoadError} when a weight is missing or has the wrong size.
   */
  constructor(
    readonly config: ModelConfig,
    weights: Map<string, Float32Array>,
  ) {
    const arch = config.architecture as BandLstmArchitecture;
    const get = weightReader(weights);
    const trunk = new LstmTrunk(config, get, BAND_INPUTS);
    this.trunk = trunk;
    const u = trunk.units;
    const onset = arch.onsetConditioning === true;
    const width = (keys: readonly HeadField[]): number =>
      keys.reduce((s, k) => s + arch.embed[k === 'previous' ? 'pitch' : k], u) +
      (onset ? arch.conditioningWidth : 0);
    const pitchFields: HeadField[] = [...ONSET_INPUTS, ...(arch.previousPitch ? ['previous' as const] : [])];
    const hu = arch.headUnits;
    const v = config.vocab;
    this.stepHead = readDense(get, 'head_step', u, v.step);
    this.pitchHidden = new HiddenLayer(
      readDense(get, 'pitch_hidden', width(pitchFields), hu),
      u,
      trunk,
      pitchFields,
      onset,
    );
    this.noteHidden = new HiddenLayer(
      readDense(get, 'note_hidden', width(NOTE_INPUTS), hu),
      u,
      trunk,
      NOTE_INPUTS,
      onset,
    );
    this.pitchHead = readDense(get, 'head_pitch', hu, v.pitch);
    this.durationHead = readDense(get, 'head_duration', hu, v.duration);
    this.velocityHead = readDense(get, 'head_velocity', hu, v.velocity);
  }

  /** Clears the carried state of `lanes` independent streams (start of a new piece). */
  reset(lanes = 1): void {
    this.trunk.reset(lanes);
  }

  /**
   * Runs one step of every lane whose input is not null (the lanes share each weight read of the trunk
   * and the step head); each lane's pitch and note heads are computed when asked for.
   */
  heads(inputs: readonly (StepInput | null)[], conds: readonly ArrayLike<number>[]): (LaneHeads | null)[] {
    const act = activeLanes(inputs);
    const hs = this.trunk.advance(act, inputs as readonly (Record<string, number> | null)[], conds);
    const steps = denseRows(this.stepHead, hs, act.length);
    const pitchShare = this.pitchHidden.stateShare(hs, act.length);
    const noteShare = this.noteHidden.stateShare(hs, act.length);
    const out: (LaneHeads | null)[] = inputs.map(() => null);
    const n = this.stepHead.outDim;
    act.forEach((lane, a) => {
      out[lane] = {
        step: steps.slice(a * n, (a + 1) * n),
        pitch: (o: Onset) =>
          denseRows(
            this.pitchHead,
            this.pitchHidden.apply(
              pitchShare,
              a,
              { ...o, previous: inputs[lane]!.pitch },
              o.cond ?? conds[lane],
            ),
            1,
          ),
        note: (o: Onset, pitch: number) => {
          const x = this.noteHidden.apply(noteShare, a, { ...o, pitch }, o.cond ?? conds[lane]);
          return {
            duration: denseRows(this.durationHead, x, 1),
            velocity: denseRows(this.velocityHead, x, 1),
          };
        },
      };
    });
    return out;
  }
}

/** The stepper of a generator's config (event LSTM or band LSTM). */
export function createStepper(config: ModelConfig, weights: Map<string, Float32Array>): Stepper {
  return config.architecture.kind === 'band-lstm'
    ? new BandLstmStepper(config, weights)
    : new EventLstmStepper(config, weights);
}
