/**
 * The event LSTM's inference in plain TypeScript: one step at a time with the state carried, over the same
 * weights as the tf.layers graph (checked equal to it within 1e-5 by the tests). It needs no tensor
 * backend, so it runs the same in Node, in UXP (no WebAssembly) and in a browser, bit for bit.
 *
 * The first layer's input is a concatenation of embeddings and the conditioning projection, so its product
 * with the kernel is precomputed per embedding row (a table lookup a field) and per conditioning vector
 * (once per piece): a step costs the recurrent product and the heads.
 */
import { ModelLoadError } from '../errors';
import type { EventLstmArchitecture, ModelConfig } from './config';
import type { EventInput, Head } from './fields';
import { accumulate, transpose } from './matmul';
import { EVENT_INPUTS, HEADS } from './fields';

/** One input event (ids of each field). */
export type StepInput = Record<EventInput, number>;

interface Dense {
  kernel: Float32Array;
  /** The kernel transposed ([out][in]), for the step's dot products. */
  kernelT: Float32Array;
  bias: Float32Array;
  inDim: number;
  outDim: number;
}

interface Lstm {
  kernel: Float32Array;
  recurrent: Float32Array;
  kernelT: Float32Array;
  recurrentT: Float32Array;
  bias: Float32Array;
  inDim: number;
  units: number;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

function dense(d: Dense, x: Float64Array, out: Float64Array): void {
  for (let j = 0; j < d.outDim; j++) out[j] = d.bias[j];
  for (let i = 0; i < d.inDim; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const row = i * d.outDim;
    for (let j = 0; j < d.outDim; j++) out[j] += xi * d.kernel[row + j];
  }
}

/** A stateful stepper over a model's weights. */
export class EventLstmStepper {
  private readonly emb: Record<EventInput, { table: Float32Array; dim: number }>;
  private readonly cond: Dense;
  private readonly lstms: Lstm[];
  private readonly heads: Record<Head, Dense>;
  /** Carried state per lane and layer. */
  private h: Float64Array[][] = [];
  private c: Float64Array[][] = [];
  private readonly inputWidth: number;
  /** Per field: embedding row x first-layer kernel slice, [vocab][4 units]. */
  private readonly tables: Record<EventInput, Float64Array[]>;
  private readonly condCache = new Map<string, Float64Array>();

  /**
   * @throws {ModelLoadError} when a weight is missing or has the wrong size.
   */
  constructor(
    readonly config: ModelConfig,
    weights: Map<string, Float32Array>,
  ) {
    const arch = config.architecture as EventLstmArchitecture;
    const get = (name: string, size: number): Float32Array => {
      const w = weights.get(name);
      if (!w || w.length !== size)
        throw new ModelLoadError(`weight ${name} is missing or has the wrong size`);
      return w;
    };
    this.emb = Object.fromEntries(
      EVENT_INPUTS.map((k) => [
        k,
        { table: get(`emb_${k}/embeddings`, config.vocab[k] * arch.embed[k]), dim: arch.embed[k] },
      ]),
    ) as EventLstmStepper['emb'];
    const cs = config.conditioning.size;
    this.cond = {
      kernel: get('cond_dense/kernel', cs * arch.conditioningWidth),
      kernelT: new Float32Array(0),
      bias: get('cond_dense/bias', arch.conditioningWidth),
      inDim: cs,
      outDim: arch.conditioningWidth,
    };
    let inDim = EVENT_INPUTS.reduce((s, k) => s + arch.embed[k], 0) + arch.conditioningWidth;
    this.inputWidth = inDim;
    this.lstms = arch.units.map((units, i) => {
      const kernel = get(`lstm_${i}/kernel`, inDim * 4 * units);
      const recurrent = get(`lstm_${i}/recurrent_kernel`, units * 4 * units);
      const l = {
        kernel,
        recurrent,
        kernelT: i > 0 ? transpose(kernel, inDim, 4 * units) : new Float32Array(0),
        recurrentT: transpose(recurrent, units, 4 * units),
        bias: get(`lstm_${i}/bias`, 4 * units),
        inDim,
        units,
      };
      inDim = units;
      return l;
    });
    this.heads = Object.fromEntries(
      HEADS.map((h) => [
        h,
        {
          kernel: get(`head_${h}/kernel`, inDim * config.vocab[h]),
          kernelT: transpose(get(`head_${h}/kernel`, inDim * config.vocab[h]), inDim, config.vocab[h]),
          bias: get(`head_${h}/bias`, config.vocab[h]),
          inDim,
          outDim: config.vocab[h],
        },
      ]),
    ) as Record<Head, Dense>;
    this.tables = this.precompute();
    this.reset();
  }

  private precompute(): Record<EventInput, Float64Array[]> {
    const l = this.lstms[0];
    const width = 4 * l.units;
    let offset = 0;
    const out = {} as Record<EventInput, Float64Array[]>;
    for (const k of EVENT_INPUTS) {
      const { table, dim } = this.emb[k];
      const rows = table.length / dim;
      out[k] = Array.from({ length: rows }, (_, v) => {
        const row = new Float64Array(width);
        for (let m = 0; m < dim; m++) {
          const e = table[v * dim + m];
          const base = (offset + m) * width;
          for (let j = 0; j < width; j++) row[j] += e * l.kernel[base + j];
        }
        return row;
      });
      offset += dim;
    }
    return out;
  }

  /** The conditioning's share of the first layer's pre-activation (cached per distinct vector). */
  private conditioningPart(cond: ArrayLike<number>): Float64Array {
    const key = Array.prototype.join.call(cond, ',');
    const hit = this.condCache.get(key);
    if (hit) return hit;
    const l = this.lstms[0];
    const width = 4 * l.units;
    const cd = new Float64Array(this.cond.outDim);
    dense(this.cond, Float64Array.from(cond), cd);
    const offset = this.inputWidth - this.cond.outDim;
    const part = new Float64Array(width);
    for (let m = 0; m < cd.length; m++) {
      const e = Math.tanh(cd[m]);
      const base = (offset + m) * width;
      for (let j = 0; j < width; j++) part[j] += e * l.kernel[base + j];
    }
    if (this.condCache.size > 64) this.condCache.clear();
    this.condCache.set(key, part);
    return part;
  }

  /** Clears the carried state of `lanes` independent streams (start of a new piece). */
  reset(lanes = 1): void {
    this.h = Array.from({ length: lanes }, () => this.lstms.map((l) => new Float64Array(l.units)));
    this.c = Array.from({ length: lanes }, () => this.lstms.map((l) => new Float64Array(l.units)));
  }

  /** Runs one step of lane `lane`: consumes `input` under conditioning vector `cond`; returns logits per head. */
  step(input: StepInput, cond: ArrayLike<number>, lane = 0): Record<Head, Float64Array> {
    const inputs: (StepInput | null)[] = this.h.map(() => null);
    const conds: ArrayLike<number>[] = this.h.map(() => cond);
    inputs[lane] = input;
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
    const act: number[] = [];
    inputs.forEach((x, i) => x && act.push(i));
    const L = act.length;
    let x = new Float64Array(0);
    this.lstms.forEach((l, li) => {
      const W = 4 * l.units;
      const u = l.units;
      const z = new Float64Array(L * W);
      for (let a = 0; a < L; a++) {
        const o = a * W;
        for (let j = 0; j < W; j++) z[o + j] = l.bias[j];
        if (li === 0) {
          const cp = this.conditioningPart(conds[act[a]]);
          for (let j = 0; j < W; j++) z[o + j] += cp[j];
          for (const k of EVENT_INPUTS) {
            const row = this.tables[k][inputs[act[a]]![k]];
            for (let j = 0; j < W; j++) z[o + j] += row[j];
          }
        }
      }
      if (li > 0) accumulate(z, x, l.kernelT, L, l.inDim, W);
      const hs = new Float64Array(L * u);
      for (let a = 0; a < L; a++) hs.set(this.h[act[a]][li], a * u);
      accumulate(z, hs, l.recurrentT, L, u, W);
      const next = new Float64Array(L * u);
      for (let a = 0; a < L; a++) {
        const c = this.c[act[a]][li];
        const o = a * W;
        for (let j = 0; j < u; j++) {
          const ig = sigmoid(z[o + j]);
          const fg = sigmoid(z[o + u + j]);
          const cc = Math.tanh(z[o + 2 * u + j]);
          const og = sigmoid(z[o + 3 * u + j]);
          c[j] = fg * c[j] + ig * cc;
          next[a * u + j] = og * Math.tanh(c[j]);
        }
        this.h[act[a]][li] = next.slice(a * u, (a + 1) * u);
      }
      x = next;
    });
    const out: (Record<Head, Float64Array> | null)[] = inputs.map(() => null);
    const last = this.lstms[this.lstms.length - 1].units;
    const logits = {} as Record<Head, Float64Array>;
    for (const hd of HEADS) {
      const d = this.heads[hd];
      const z = new Float64Array(L * d.outDim);
      for (let a = 0; a < L; a++) z.set(d.bias, a * d.outDim);
      accumulate(z, x, d.kernelT, L, last, d.outDim);
      logits[hd] = z;
    }
    act.forEach((lane, a) => {
      out[lane] = Object.fromEntries(
        HEADS.map((hd) => [hd, logits[hd].slice(a * this.heads[hd].outDim, (a + 1) * this.heads[hd].outDim)]),
      ) as Record<Head, Float64Array>;
    });
    return out;
  }
}
