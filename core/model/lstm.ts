/**
 * The recurrent trunk of both generators in plain TypeScript: embeddings and the conditioning projection
 * into stacked LSTMs, one step at a time with each lane's state carried, over the same weights as the
 * tf.layers graph. It needs no tensor backend, so it runs the same in Node, in UXP (no WebAssembly) and in
 * a browser, bit for bit.
 *
 * The first layer's input is a concatenation of embeddings and the conditioning projection, so its product
 * with the kernel is precomputed per embedding row (a table lookup a field) and per conditioning vector
 * (once per piece): a step costs the recurrent products.
 */
import { ModelLoadError } from '../errors';
import type { BandLstmArchitecture, EventLstmArchitecture, ModelConfig } from './config';
import { accumulate, transpose } from './matmul';

/** Reads named weights, checking their sizes. */
export type WeightReader = (name: string, size: number) => Float32Array;

/**
 * A reader over a model's weights.
 * @throws {ModelLoadError} (from the reader) when a weight is missing or has the wrong size.
 */
export function weightReader(weights: Map<string, Float32Array>): WeightReader {
  return (name, size) => {
    const w = weights.get(name);
    if (!w || w.length !== size) throw new ModelLoadError(`weight ${name} is missing or has the wrong size`);
    return w;
  };
}

/** A dense layer's weights. */
export interface Dense {
  kernel: Float32Array;
  /** The kernel transposed ([out][in]), for the step's dot products. */
  kernelT: Float32Array;
  bias: Float32Array;
  inDim: number;
  outDim: number;
}

/** Reads a dense layer (`<name>/kernel`, `<name>/bias`). */
export function readDense(get: WeightReader, name: string, inDim: number, outDim: number): Dense {
  const kernel = get(`${name}/kernel`, inDim * outDim);
  return {
    kernel,
    kernelT: transpose(kernel, inDim, outDim),
    bias: get(`${name}/bias`, outDim),
    inDim,
    outDim,
  };
}

interface Lstm {
  kernel: Float32Array;
  kernelT: Float32Array;
  recurrentT: Float32Array;
  bias: Float32Array;
  inDim: number;
  units: number;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Product of embedding rows with a slice of a kernel: for each vocabulary entry, the row's contribution
 * to the layer's pre-activation (`kernel` rows `offset..offset + dim` of a layer `width` wide).
 */
export function embeddingTable(
  table: Float32Array,
  dim: number,
  kernel: Float32Array,
  offset: number,
  width: number,
): Float64Array[] {
  return Array.from({ length: table.length / dim }, (_, v) => {
    const row = new Float64Array(width);
    for (let m = 0; m < dim; m++) {
      const e = table[v * dim + m];
      const base = (offset + m) * width;
      for (let j = 0; j < width; j++) row[j] += e * kernel[base + j];
    }
    return row;
  });
}

/** The stacked LSTMs over embedded inputs, with per-lane state. */
export class LstmTrunk {
  /** Embedding tables of the inputs, by name (the heads reuse them). */
  readonly embeddings = new Map<string, { table: Float32Array; dim: number }>();
  private readonly cond: Dense;
  private readonly lstms: Lstm[];
  private h: Float64Array[][] = [];
  private c: Float64Array[][] = [];
  /** Per input: embedding row x first-layer kernel slice, [vocab][4 units]. */
  private readonly tables: Float64Array[][];
  private readonly condCache = new Map<string, Float64Array>();
  private readonly condOffset: number;
  /** Units of the last layer (the heads' input width). */
  readonly units: number;

  /**
   * @throws {ModelLoadError} when a weight is missing or has the wrong size.
   */
  constructor(
    config: ModelConfig,
    get: WeightReader,
    private readonly inputs: readonly string[],
  ) {
    const arch = config.architecture as EventLstmArchitecture | BandLstmArchitecture;
    const vocab = config.vocab as Record<string, number>;
    const widths = arch.embed as Record<string, number>;
    for (const k of inputs)
      this.embeddings.set(k, { table: get(`emb_${k}/embeddings`, vocab[k] * widths[k]), dim: widths[k] });
    const cs = config.conditioning.size;
    const cw = arch.conditioningWidth;
    this.cond = { ...readDense(get, 'cond_dense', cs, cw), kernelT: new Float32Array(0) };
    let inDim = inputs.reduce((s, k) => s + widths[k], 0) + cw;
    this.condOffset = inDim - cw;
    this.lstms = arch.units.map((units, i) => {
      const kernel = get(`lstm_${i}/kernel`, inDim * 4 * units);
      const recurrent = get(`lstm_${i}/recurrent_kernel`, units * 4 * units);
      const l = {
        kernel,
        kernelT: i > 0 ? transpose(kernel, inDim, 4 * units) : new Float32Array(0),
        recurrentT: transpose(recurrent, units, 4 * units),
        bias: get(`lstm_${i}/bias`, 4 * units),
        inDim,
        units,
      };
      inDim = units;
      return l;
    });
    this.units = inDim;
    const first = this.lstms[0];
    let offset = 0;
    this.tables = inputs.map((k) => {
      const { table, dim } = this.embeddings.get(k)!;
      const t = embeddingTable(table, dim, first.kernel, offset, 4 * first.units);
      offset += dim;
      return t;
    });
    this.reset();
  }

  /** The conditioning's projection (`cond_dense`, tanh): what every layer reading it sees. */
  projectConditioning(cond: ArrayLike<number>): Float64Array {
    const d = this.cond;
    const cd = new Float64Array(d.outDim);
    for (let j = 0; j < d.outDim; j++) cd[j] = d.bias[j];
    for (let i = 0; i < d.inDim; i++) {
      const xi = cond[i];
      if (xi === 0) continue;
      for (let j = 0; j < d.outDim; j++) cd[j] += xi * d.kernel[i * d.outDim + j];
    }
    for (let j = 0; j < d.outDim; j++) cd[j] = Math.tanh(cd[j]);
    return cd;
  }

  /** The conditioning's share of the first layer's pre-activation (cached per distinct vector). */
  private conditioningPart(cond: ArrayLike<number>): Float64Array {
    const key = Array.prototype.join.call(cond, ',');
    const hit = this.condCache.get(key);
    if (hit) return hit;
    const l = this.lstms[0];
    const width = 4 * l.units;
    const cd = this.projectConditioning(cond);
    const part = new Float64Array(width);
    for (let m = 0; m < cd.length; m++) {
      const e = cd[m];
      const base = (this.condOffset + m) * width;
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

  /** A copy of one lane's carried state (to read a step twice: see {@link restore}). */
  snapshot(lane: number): { h: Float64Array[]; c: Float64Array[] } {
    return { h: this.h[lane].map((x) => x.slice()), c: this.c[lane].map((x) => x.slice()) };
  }

  /** Puts back a lane's state taken by {@link snapshot}. */
  restore(lane: number, s: { h: Float64Array[]; c: Float64Array[] }): void {
    this.h[lane] = s.h.map((x) => x.slice());
    this.c[lane] = s.c.map((x) => x.slice());
  }

  /**
   * Runs one step of the lanes `act` (inputs by name, conditioning vectors, both indexed by lane); the
   * lanes share each weight read. Returns the last layer's output, `act.length` rows of {@link units}.
   */
  advance(
    act: readonly number[],
    inputs: readonly (Record<string, number> | null)[],
    conds: readonly ArrayLike<number>[],
  ): Float64Array {
    const L = act.length;
    let x = new Float64Array(0);
    this.lstms.forEach((l, li) => {
      const W = 4 * l.units;
      const u = l.units;
      const z = new Float64Array(L * W);
      for (let a = 0; a < L; a++) {
        const o = a * W;
        for (let j = 0; j < W; j++) z[o + j] = l.bias[j];
        if (li > 0) continue;
        const cp = this.conditioningPart(conds[act[a]]);
        for (let j = 0; j < W; j++) z[o + j] += cp[j];
        const input = inputs[act[a]]!;
        this.inputs.forEach((k, f) => {
          const row = this.tables[f][input[k]];
          for (let j = 0; j < W; j++) z[o + j] += row[j];
        });
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
    return x;
  }
}
