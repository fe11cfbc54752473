/**
 * A light stereo reverb for the synthesizer's reverb bus: a Schroeder-Moorer design after Freeverb (four
 * damped feedback combs and two all-passes per side, the right side's delays spread a little longer), on
 * flat typed arrays. It stands in for spessasynth's own Dattorro reverb, which costs about two thirds of
 * the whole render; it reads the same GS parameters (level, time, pre-delay, pre-lowpass, character).
 */
import type { ReverbProcessor, ReverbProcessorSnapshot } from 'spessasynth_core';

/** Comb and all-pass lengths in samples at 44.1 kHz (Freeverb's tunings, every other comb). */
const COMBS = [1116, 1277, 1422, 1557];
const ALLPASSES = [556, 341];
const STEREO_SPREAD = 23;
/** Output scale, chosen so that GS level 64 gives about the wet level of spessasynth's reverb. */
const WET_SCALE = 0.09;
/** High-frequency damping in the combs for each GS character (0 room .. 5 plate; 6-7 delays: as 4). */
const DAMPING = [0.5, 0.35, 0.42, 0.3, 0.25, 0.45, 0.25, 0.25];

/** A spessasynth `ReverbProcessor`: mono send in, stereo reverb added to the outputs. */
export class LightReverb implements ReverbProcessor {
  level = 64;
  character = 4;
  delayFeedback = 0;
  private _time = 64;
  private _preDelayTime = 0;
  private _preLowpass = 0;
  private feedback = 0.84;
  private lowpassA = 1;
  private lowpassZ = 0;
  private readonly preDelay: Float32Array;
  private preDelayAt = 0;
  private preDelaySamples = 0;
  /** All comb buffers, left then right, back to back; per comb: start, length, cursor, filter state. */
  private readonly combs: Float32Array;
  private readonly combStart: Int32Array;
  private readonly combLength: Int32Array;
  private readonly combAt: Int32Array;
  private readonly combZ: Float64Array;
  private readonly passes: Float32Array;
  private readonly passStart: Int32Array;
  private readonly passLength: Int32Array;
  private readonly passAt: Int32Array;
  /** Block buffers: the delayed, filtered send, and one side's running sum. */
  private x = new Float32Array(128);
  private sum = new Float32Array(128);

  /** @param sampleRate the synthesizer's sample rate, in Hz. */
  constructor(sampleRate: number) {
    const scale = sampleRate / 44100;
    const lengths = (base: number[]): number[] => [
      ...base.map((n) => Math.round(n * scale)),
      ...base.map((n) => Math.round((n + STEREO_SPREAD) * scale)),
    ];
    const combLengths = lengths(COMBS);
    const passLengths = lengths(ALLPASSES);
    this.combLength = Int32Array.from(combLengths);
    this.combStart = Int32Array.from(
      combLengths.map((_, i) => combLengths.slice(0, i).reduce((a, b) => a + b, 0)),
    );
    this.combs = new Float32Array(combLengths.reduce((a, b) => a + b, 0));
    this.combAt = new Int32Array(combLengths.length);
    this.combZ = new Float64Array(combLengths.length);
    this.passLength = Int32Array.from(passLengths);
    this.passStart = Int32Array.from(
      passLengths.map((_, i) => passLengths.slice(0, i).reduce((a, b) => a + b, 0)),
    );
    this.passes = new Float32Array(passLengths.reduce((a, b) => a + b, 0));
    this.passAt = new Int32Array(passLengths.length);
    this.preDelay = new Float32Array(Math.ceil(sampleRate * 0.128) + 1);
    this.sampleRateHz = sampleRate;
    this.time = 64;
    this.preLowpass = 0;
  }

  private readonly sampleRateHz: number;

  /** GS reverb time 0..127: the combs' feedback, from a short room to a long hall. */
  get time(): number {
    return this._time;
  }
  set time(value: number) {
    this._time = value;
    this.feedback = 0.7 + 0.28 * Math.min(1, Math.max(0, value / 127)) ** 0.7;
  }

  /** Pre-delay 0..127 ms. */
  get preDelayTime(): number {
    return this._preDelayTime;
  }
  set preDelayTime(value: number) {
    this._preDelayTime = value;
    this.preDelaySamples = Math.min(this.preDelay.length - 1, Math.round((value / 1000) * this.sampleRateHz));
  }

  /** Pre-lowpass 0..7: a one-pole low-pass on the send, from 8 kHz down (as spessasynth's). */
  get preLowpass(): number {
    return this._preLowpass;
  }
  set preLowpass(value: number) {
    this._preLowpass = value;
    const fc = 8000 * 0.63 ** value;
    this.lowpassA = 1 - Math.exp((-2 * Math.PI * fc) / this.sampleRateHz);
  }

  /** Adds the reverb of `input` (0-based) into the outputs from `startIndex` on. */
  process(
    input: Float32Array,
    outputLeft: Float32Array,
    outputRight: Float32Array,
    startIndex: number,
    sampleCount: number,
  ): void {
    if (this.x.length < sampleCount) {
      this.x = new Float32Array(sampleCount);
      this.sum = new Float32Array(sampleCount);
    }
    const { x, sum, preDelay } = this;
    // Pre-lowpass, then pre-delay, into x.
    let z = this.lowpassZ;
    let at = this.preDelayAt;
    const size = preDelay.length;
    const a = this.lowpassA;
    for (let i = 0; i < sampleCount; i++) {
      z += a * (input[i] - z);
      preDelay[at] = z;
      x[i] = preDelay[(at - this.preDelaySamples + size) % size];
      at = at + 1 === size ? 0 : at + 1;
    }
    this.lowpassZ = z;
    this.preDelayAt = at;
    const gain = (this.level / 127) * WET_SCALE;
    const damp = DAMPING[this.character] ?? DAMPING[4];
    const n = this.combLength.length / 2;
    const m = this.passLength.length / 2;
    for (let side = 0; side < 2; side++) {
      sum.fill(0, 0, sampleCount);
      for (let c = side * n; c < side * n + n; c++) this.comb(c, sampleCount, damp);
      for (let p = side * m; p < side * m + m; p++) this.allPass(p, sampleCount);
      const out = side === 0 ? outputLeft : outputRight;
      for (let i = 0; i < sampleCount; i++) out[startIndex + i] += sum[i] * gain;
    }
  }

  /** Runs comb `c` over the block: reads x, adds its output to sum. */
  private comb(c: number, count: number, damp: number): void {
    const { combs, x, sum } = this;
    const fb = this.feedback;
    const start = this.combStart[c];
    const end = start + this.combLength[c];
    let p = start + this.combAt[c];
    let z = this.combZ[c];
    for (let i = 0; i < count; i++) {
      const y = combs[p];
      z = y + damp * (z - y);
      combs[p] = x[i] + fb * z;
      if (++p === end) p = start;
      sum[i] += y;
    }
    this.combAt[c] = p - start;
    this.combZ[c] = z;
  }

  /** Runs all-pass `a` over the block, in place on sum. */
  private allPass(a: number, count: number): void {
    const { passes, sum } = this;
    const start = this.passStart[a];
    const end = start + this.passLength[a];
    let p = start + this.passAt[a];
    for (let i = 0; i < count; i++) {
      const b = passes[p];
      const v = sum[i];
      passes[p] = v + 0.5 * b;
      sum[i] = b - v;
      if (++p === end) p = start;
    }
    this.passAt[a] = p - start;
  }

  /** The GS parameters now in force. */
  getSnapshot(): ReverbProcessorSnapshot {
    return {
      level: this.level,
      preLowpass: this._preLowpass,
      character: this.character,
      time: this._time,
      delayFeedback: this.delayFeedback,
      preDelayTime: this._preDelayTime,
    };
  }
}
