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
import type { EventInput, Head } from './network';
import { EVENT_INPUTS, HEADS } from './network';

/** One input event (ids of each field). */
export type StepInput = Record<EventInput, number>;

interface Dense {
  kernel: Float32Array;
  bias: Float32Array;
  inDim: number;
  outDim: number;
}

interface Lstm {
  kernel: Float32Array;
  recurrent: Float32Array;
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
  private h: Float64Array[];
  private c: Float64Array[];
  private readonly inputWidth: number;
  /** Per field: embedding row x first-layer kernel slice, [vocab][4 units]. */
  private readonly tables: Record<EventInput, Float64Array[]>;
  private condKey = '';
  private condPart = new Float64Array(0);

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
      bias: get('cond_dense/bias', arch.conditioningWidth),
      inDim: cs,
      outDim: arch.conditioningWidth,
    };
    let inDim = EVENT_INPUTS.reduce((s, k) => s + arch.embed[k], 0) + arch.conditioningWidth;
    this.inputWidth = inDim;
    this.lstms = arch.units.map((units, i) => {
      const l = {
        kernel: get(`lstm_${i}/kernel`, inDim * 4 * units),
        recurrent: get(`lstm_${i}/recurrent_kernel`, units * 4 * units),
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
          bias: get(`head_${h}/bias`, config.vocab[h]),
          inDim,
          outDim: config.vocab[h],
        },
      ]),
    ) as Record<Head, Dense>;
    this.h = [];
    this.c = [];
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

  /** The conditioning's share of the first layer's pre-activation (cached while `cond` stays the same). */
  private conditioningPart(cond: ArrayLike<number>): Float64Array {
    const key = Array.prototype.join.call(cond, ',');
    if (key === this.condKey) return this.condPart;
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
    this.condKey = key;
    this.condPart = part;
    return part;
  }

  /** Clears the carried state (start of a new piece). */
  reset(): void {
    this.h = this.lstms.map((l) => new Float64Array(l.units));
    this.c = this.lstms.map((l) => new Float64Array(l.units));
  }

  /** Runs one step: consumes `input` under conditioning vector `cond`; returns logits per head. */
  step(input: StepInput, cond: ArrayLike<number>): Record<Head, Float64Array> {
    let x: Float64Array = new Float64Array(0);
    this.lstms.forEach((l, li) => {
      const u = l.units;
      const z = new Float64Array(4 * u);
      for (let j = 0; j < 4 * u; j++) z[j] = l.bias[j];
      if (li === 0) {
        const cp = this.conditioningPart(cond);
        for (let j = 0; j < 4 * u; j++) z[j] += cp[j];
        for (const k of EVENT_INPUTS) {
          const row = this.tables[k][input[k]];
          for (let j = 0; j < 4 * u; j++) z[j] += row[j];
        }
      } else {
        for (let i = 0; i < l.inDim; i++) {
          const xi = x[i];
          if (xi === 0) continue;
          const row = i * 4 * u;
          for (let j = 0; j < 4 * u; j++) z[j] += xi * l.kernel[row + j];
        }
      }
      const h = this.h[li];
      for (let i = 0; i < u; i++) {
        const hi = h[i];
        if (hi === 0) continue;
        const row = i * 4 * u;
        for (let j = 0; j < 4 * u; j++) z[j] += hi * l.recurrent[row + j];
      }
      const c = this.c[li];
      const hNew = new Float64Array(u);
      for (let j = 0; j < u; j++) {
        const ig = sigmoid(z[j]);
        const fg = sigmoid(z[u + j]);
        const cc = Math.tanh(z[2 * u + j]);
        const og = sigmoid(z[3 * u + j]);
        c[j] = fg * c[j] + ig * cc;
        hNew[j] = og * Math.tanh(c[j]);
      }
      this.h[li] = hNew;
      x = hNew;
    });
    const out = {} as Record<Head, Float64Array>;
    for (const hd of HEADS) {
      out[hd] = new Float64Array(this.heads[hd].outDim);
      dense(this.heads[hd], x, out[hd]);
    }
    return out;
  }
}
