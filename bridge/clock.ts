/**
 * MIDI clock of one playback on one continuous grid of 24 ticks per beat: tick `j` lies `j / 24` beats after
 * the grid's anchor, through the tempo map and across loop seams, so a loop whose length is not a whole
 * number of ticks never drifts against the follower (no tick is added or lost at a seam). Before beat 0,
 * an optional count-in of whole bars ticks at the opening tempo, so a following DAW has time to lock.
 * Song Position Pointer counts at most 16383 sixteenths (1024 bars of 4/4): a long loop restarts the count
 * at a seam (Stop, Song Position 0, Continue) before it would run out.
 */
import { beatsPerBar, tempoAt, type NoteSequence } from '../core/sequence';
import { CLOCK_PPQ, type Timeline } from '../core/timeline';

/** The largest Song Position Pointer value, in sixteenths. */
export const SPP_MAX = 0x3fff;

/** A count-in before beat 0. */
export interface CountIn {
  /** Ticks before beat 0. */
  ticks: number;
  /** Milliseconds per tick (the opening tempo). */
  msPerTick: number;
}

/** The count-in of `bars` bars of the opening meter and tempo of `seq`. */
export function countInFor(seq: NoteSequence, bars: number): CountIn {
  const ts = seq.timeSignatures[0] ?? { numerator: 4, denominator: 4 };
  const ticks = Math.round(Math.max(0, bars) * beatsPerBar(ts) * CLOCK_PPQ);
  return { ticks, msPerTick: 60_000 / tempoAt(0, seq.tempos) / CLOCK_PPQ };
}

/** The clock ticks of one playback, handed out one at a time. */
export class ClockGrid {
  /** Ticks since the anchor; negative during the count-in. */
  j: number;
  /** The pass at whose start tick 0 lies (it moves when the count restarts). */
  private anchor = 0;
  /** True once a non-looping piece has had its last tick. */
  done = false;
  /** True when the current tick starts a restarted count (Stop, Song Position 0 and Continue go first). */
  restartDue = false;
  private readonly passSixteenths: number;

  constructor(
    private readonly tl: Timeline,
    private readonly start: number,
    private readonly loop: boolean,
    private readonly countIn: CountIn = { ticks: 0, msPerTick: 0 },
  ) {
    this.j = -countIn.ticks;
    this.passSixteenths = (tl.passBeats * CLOCK_PPQ) / 6;
    this.done = !loop && tl.clockTicks === 0 && countIn.ticks === 0;
  }

  /** When the current tick is due. */
  at(): number {
    if (this.j < 0) return this.start + this.j * this.countIn.msPerTick;
    const beats = this.j / CLOCK_PPQ;
    if (!this.loop) return this.start + this.tl.tempo.toMs(beats);
    const passes = Math.floor(beats / this.tl.passBeats);
    const within = beats - passes * this.tl.passBeats;
    return this.start + (this.anchor + passes) * this.tl.passMs + this.tl.tempo.toMs(within);
  }

  /** The current tick's Song Position, in sixteenths since the count started (clamped to {@link SPP_MAX}). */
  get sixteenths(): number {
    return Math.min(SPP_MAX, Math.max(0, Math.floor(this.j / 6)));
  }

  /** True when the current tick is beat 0 of the count (Start goes before it). */
  get atTop(): boolean {
    return this.j === 0 && this.anchor === 0;
  }

  /** Moves to the next tick. */
  advance(): void {
    this.restartDue = false;
    this.j++;
    if (!this.loop) {
      if (this.j >= this.tl.clockTicks) this.done = true;
      return;
    }
    if (this.j <= 0) return;
    const passOf = (j: number) => Math.floor(j / CLOCK_PPQ / this.tl.passBeats);
    const pass = passOf(this.j);
    if (pass > passOf(this.j - 1) && this.j / 6 + this.passSixteenths > SPP_MAX) {
      this.anchor += pass;
      this.j = 0;
      this.restartDue = true;
    }
  }
}
