/**
 * A light stereo reverb for the synthesizer's reverb bus: a Schroeder-Moorer design after Freeverb (four
 * damped feedback combs and two all-passes per side, the right side's delays spread a little longer), on
 * flat typed arrays. It stands in for spessasynth's own Dattorro reverb, which costs about two thirds of
 * the whole render; it reads the same GS parameters (level, time, pre-delay, pre-lowpass, character).
 */
import type { ReverbProcessor, ReverbProcessorSnapshot } from 'spessasynth_core';

/**
 * Comb and all-pass lengths in samples at 44.1 kHz (Freeverb's tunings, every other comb): four combs and
 * two all-passes per side, the counts `combSide` and `passSide` are written for.
 */
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
    const { x, preDelay } = this;
    // Pre-lowpass, then pre-delay, into x.
    let z = this.lowpassZ;
    let at = this.preDelayAt;
    const size = preDelay.length;
    const a = this.lowpassA;
    const delay = this.preDelaySamples;
    for (let i = 0; i < sampleCount; i++) {
      z += a * (input[i] - z);
      preDelay[at] = z;
      const from = at - delay;
      x[i] = preDelay[from < 0 ? from + size : from];
      at = at + 1 === size ? 0 : at + 1;
    }
    this.lowpassZ = z;
    this.preDelayAt = at;
    const gain = (this.level / 127) * WET_SCALE;
    const damp = DAMPING[this.character] ?? DAMPING[4];
    this.combSide(0, sampleCount, damp);
    this.passSide(0, sampleCount, outputLeft, startIndex, gain);
    this.combSide(COMBS.length, sampleCount, damp);
    this.passSide(ALLPASSES.length, sampleCount, outputRight, startIndex, gain);
  }

  /**
   * Runs one side's four combs (from comb `first`) together over the block: reads x, writes their sum
   * into `sum`, added in comb order and rounded to float after each comb (as four passes over a float
   * buffer would).
   */
  private combSide(first: number, count: number, damp: number): void {
    const { combs, x, sum, combStart, combLength, combAt, combZ } = this;
    const fb = this.feedback;
    const s0 = combStart[first];
    const s1 = combStart[first + 1];
    const s2 = combStart[first + 2];
    const s3 = combStart[first + 3];
    const e0 = s0 + combLength[first];
    const e1 = s1 + combLength[first + 1];
    const e2 = s2 + combLength[first + 2];
    const e3 = s3 + combLength[first + 3];
    let p0 = s0 + combAt[first];
    let p1 = s1 + combAt[first + 1];
    let p2 = s2 + combAt[first + 2];
    let p3 = s3 + combAt[first + 3];
    let z0 = combZ[first];
    let z1 = combZ[first + 1];
    let z2 = combZ[first + 2];
    let z3 = combZ[first + 3];
    const f = Math.fround;
    for (let i = 0; i < count; i++) {
      const input = x[i];
      const y0 = combs[p0];
      z0 = y0 + damp * (z0 - y0);
      combs[p0] = input + fb * z0;
      if (++p0 === e0) p0 = s0;
      const y1 = combs[p1];
      z1 = y1 + damp * (z1 - y1);
      combs[p1] = input + fb * z1;
      if (++p1 === e1) p1 = s1;
      const y2 = combs[p2];
      z2 = y2 + damp * (z2 - y2);
      combs[p2] = input + fb * z2;
      if (++p2 === e2) p2 = s2;
      const y3 = combs[p3];
      z3 = y3 + damp * (z3 - y3);
      combs[p3] = input + fb * z3;
      if (++p3 === e3) p3 = s3;
      sum[i] = f(f(y0 + y1) + y2) + y3;
    }
    combAt[first] = p0 - s0;
    combAt[first + 1] = p1 - s1;
    combAt[first + 2] = p2 - s2;
    combAt[first + 3] = p3 - s3;
    combZ[first] = z0;
    combZ[first + 1] = z1;
    combZ[first + 2] = z2;
    combZ[first + 3] = z3;
  }

  /**
   * Runs one side's two all-passes (from all-pass `first`) in series over `sum`, and adds the result x
   * `gain` into `out` from `startIndex` on (each stage rounded to float, as passes over a float buffer).
   */
  private passSide(first: number, count: number, out: Float32Array, startIndex: number, gain: number): void {
    const { passes, sum, passStart, passLength, passAt } = this;
    const s0 = passStart[first];
    const s1 = passStart[first + 1];
    const e0 = s0 + passLength[first];
    const e1 = s1 + passLength[first + 1];
    let p0 = s0 + passAt[first];
    let p1 = s1 + passAt[first + 1];
    const f = Math.fround;
    for (let i = 0; i < count; i++) {
      const v = sum[i];
      const b0 = passes[p0];
      passes[p0] = v + 0.5 * b0;
      if (++p0 === e0) p0 = s0;
      const w = f(b0 - v);
      const b1 = passes[p1];
      passes[p1] = w + 0.5 * b1;
      if (++p1 === e1) p1 = s1;
      out[startIndex + i] += f(b1 - w) * gain;
    }
    passAt[first] = p0 - s0;
    passAt[first + 1] = p1 - s1;
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
