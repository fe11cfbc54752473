/**
 * One role being written, event by event: it samples each step's heads in order (step; pitch at the new
 * onset under the plan's chord and metric position there; duration and velocity), keeps the input of its
 * next step, and applies the rules that act while a role is written (a melody's floor, no bar of silence,
 * the skip spans).
 */
import type { HeadSample, PrefixEvent, SampledHead } from './sampling';
import { headSampling, prefixPitch, remember } from './sampling';
import { DURATION_MAX, GRID, REST, STEP_MAX, VELOCITY_BINS } from '../codec/events';
import type { NoteEvent } from '../codec/events';
import { decodeEvents } from '../codec/events';
import { chordIdAt, transposeChordId } from '../features/chords';
import type { Random } from '../random';
import type { Note } from '../sequence';
import { beatsPerBar, ROLES } from '../sequence';
import { barPosition, tonicShift } from './data';
import { roleFamily } from './families';
import { sampleLogits } from './sample';
import { SectionConditioning } from './section-conditioning';
import { SkipSpans } from './skips';
import { durationBias, liftedToFloor, pitchBias, pitchRules, stepRoomBias } from './biases';
import type { ModelConfig } from './config';
import type { RoleOptions } from './role-options';
import { defaultMaxStack } from './role-options';
import type { LaneHeads, Onset, StepInput } from './step';

/** One role being written: its settings, its events so far and the input of its next step. */
export class RoleWriter {
  readonly events: NoteEvent[] = [];
  input: StepInput;
  done = false;
  private t = 0;
  private readonly sections: SectionConditioning;
  private readonly roleIdx: number;
  private readonly family: number;
  private readonly shift: number;
  private readonly barSteps: number;
  private readonly total: number;
  private readonly maxEvents: number;
  /** Pitch biases by the absolute chord id they were made for. */
  private readonly biases = new Map<number, Float64Array | undefined>();
  private readonly sample: Record<SampledHead, HeadSample>;
  private readonly maxStack: number;
  /** Pitches started at the current onset. */
  private stacked: number[] = [];
  private readonly stepScratch = new Float64Array(STEP_MAX + 1);
  private readonly pitchScratch = new Float64Array(REST + 1);
  /** Model pitch ids of the role's last notes (at most `REPETITION_WINDOW`), for the penalty. */
  private readonly recent: number[] = [];
  /** Duration ids of the role's last notes (at most `REPETITION_WINDOW`), for the duration penalty. */
  private readonly recentDurations: number[] = [];
  private readonly durationScratch = new Float64Array(DURATION_MAX + 1);
  /** Grid step at which the role's last note ends (silence is measured from it). */
  private lastEnd = 0;
  private readonly skips: SkipSpans;
  /** Grid step of the last recorded onset. */
  private recorded = 0;

  constructor(
    readonly o: RoleOptions,
    config: Pick<ModelConfig, 'keyRelative' | 'architecture'>,
  ) {
    const keyRelative = config.keyRelative;
    this.roleIdx = ROLES.indexOf(o.role);
    this.shift = keyRelative && o.role !== 'drums' ? tonicShift(o.conditioning.key.tonic) : 0;
    this.barSteps = Math.max(1, Math.round(beatsPerBar(o.conditioning.meter) * GRID));
    this.total = Math.round(o.beats * GRID);
    this.maxEvents = o.maxEvents ?? Math.ceil(o.beats * 20) + 64;
    this.sections = new SectionConditioning(o);
    this.skips = new SkipSpans(o.skip);
    this.sample = headSampling(o.temperature ?? 1, o.topP ?? 0.95, o.headTemperature);
    this.maxStack = o.maxStack ?? defaultMaxStack(o.role, o.program);
    this.family = roleFamily(o.role, o.program);
    this.input = {
      pitch: REST,
      step: 0,
      duration: 0,
      velocity: 0,
      role: this.roleIdx,
      // The band LSTM starts as in training (no chord before the first event); the event LSTM as shipped.
      chord: config.architecture.kind === 'band-lstm' ? 0 : this.chordAt(0),
      position: 0,
      family: this.family,
    };
  }

  /**
   * Makes an unplayed prefix event the next input: `e` at grid step `at` of the prefix (its metric
   * position), in the piece's mode, as long as its step, at a middle velocity, under no chord. Nothing is
   * recorded.
   */
  prime(e: PrefixEvent, at: number): void {
    this.input = {
      ...this.input,
      pitch: prefixPitch(e.pitch, this.o.conditioning.key.mode),
      step: e.step,
      duration: e.step,
      velocity: VELOCITY_BINS / 2,
      chord: 0,
      position: barPosition(at, this.barSteps),
    };
  }

  /** The conditioning vector of the role's next step (its section's at the current time). */
  get cond(): number[] {
    return this.sections.current;
  }

  /** The pitch bias under the plan's chord at the current time (made once per chord). */
  private get bias(): Float64Array | undefined {
    const o = this.o;
    const id = o.chords && o.role !== 'drums' ? chordIdAt(o.chords, this.t / GRID) : 0;
    if (!this.biases.has(id)) this.biases.set(id, pitchBias(o, this.shift, id));
    return this.biases.get(id);
  }

  private chordAt(t: number): number {
    const o = this.o;
    return o.role === 'drums' || !o.chords ? 0 : transposeChordId(chordIdAt(o.chords, t / GRID), this.shift);
  }

  /**
   * Samples the next event from the step's heads in order (step; pitch at the new onset; duration and
   * velocity), or finishes when the length is filled.
   */
  accept(heads: LaneHeads, rng: Random): void {
    // A stacked note must not repeat a pitch.
    // A rest (or a full chord) must move time on, else a lane can loop on rests at one instant.
    const last = this.events[this.events.length - 1];
    const full = last === undefined ? false : last.pitch === REST || this.stacked.length >= this.maxStack;
    const step = sampleLogits(heads.step, rng, { ...this.sample.step, bias: this.stepBias(full) });
    const at = this.skips.landing(this.t + step);
    if (at >= this.total || this.events.length >= this.maxEvents) {
      this.done = true;
      return;
    }
    // Over a skip span: the rule's view of silence moves with the model's (its last note as far behind).
    this.lastEnd += at - this.t - step;
    this.t = at;
    if (step > 0) this.stacked = [];
    const onset: Onset = {
      step,
      chord: this.chordAt(this.t),
      position: barPosition(this.t, this.barSteps),
      cond: this.sections.at(this.t),
    };
    const bias = this.pitchBiasAt();
    const pitch = this.lifted(sampleLogits(heads.pitch(onset), rng, { ...this.sample.pitch, bias }));
    if (pitch !== REST) {
      this.stacked.push(pitch);
      remember(this.recent, pitch);
    }
    const [duration, velocity] = this.sampleNote(heads, onset, pitch, rng);
    if (pitch !== REST) this.lastEnd = Math.max(this.lastEnd, this.t + duration);
    this.record(pitch, duration, pitch === REST ? 0 : velocity);
    const { chord, position } = onset;
    this.input = {
      pitch,
      step,
      duration,
      velocity,
      role: this.roleIdx,
      chord,
      position,
      family: this.family,
    };
    this.sections.advance(this.t);
  }

  /**
   * `[duration, velocity]` of the event at `onset` with `pitch`, under the duration repetition penalty: the
   * duration in grid steps, 0 for a rest, else at least 1 and within the piece.
   */
  private sampleNote(heads: LaneHeads, onset: Onset, pitch: number, rng: Random): [number, number] {
    const note = heads.note(onset, pitch);
    const penalty = this.o.durationRepetitionPenalty ?? 0;
    const bias = durationBias(this.recentDurations, penalty, this.durationScratch);
    const sampled = sampleLogits(note.duration, rng, { ...this.sample.duration, bias });
    if (pitch !== REST) remember(this.recentDurations, sampled);
    const velocity = sampleLogits(note.velocity, rng, this.sample.velocity);
    const duration = pitch === REST ? 0 : Math.max(1, Math.min(sampled, DURATION_MAX, this.total - this.t));
    return [duration, velocity];
  }

  /**
   * Records the event at the current time for the output: its step from the last recorded onset (rests
   * of {@link STEP_MAX} fill a longer gap, as the codec writes one), its note cut where a skip span starts.
   */
  private record(pitch: number, duration: number, velocity: number): void {
    const role = this.roleIdx;
    let step = this.t - this.recorded;
    for (; step > STEP_MAX; step -= STEP_MAX)
      this.events.push({ pitch: REST, step: STEP_MAX, duration: 0, velocity: 0, role });
    const next = this.skips.nextStart;
    this.events.push({
      pitch,
      step,
      duration: pitch === REST ? 0 : Math.min(duration, next - this.t),
      velocity,
      role,
    });
    this.recorded = this.t;
  }

  /**
   * A melody pitch (model id) below the melody's floor (G3) raised by octaves under the rules, past any pitch
   * already sounding at this onset and the band around them that `stackApart` forbids ({@link liftedToFloor}).
   */
  private lifted(pitch: number): number {
    if (pitch === REST || this.o.rules === false || this.o.role !== 'melody') return pitch;
    return liftedToFloor(pitch, this.shift, this.stacked, this.o.stackApart);
  }

  /**
   * Steps that keep the role within a bar of its last note's end under the rules (the next event comes no
   * later; with the rest rule of {@link pitchBiasAt} it is a note), and no step of 0 when time must move on.
   */
  private stepBias(moveOn: boolean): Float64Array | undefined {
    const room = this.o.rules === false ? STEP_MAX : this.lastEnd + this.barSteps - this.t;
    return stepRoomBias(room, moveOn, this.stepScratch);
  }

  /**
   * The scale bias under the chord with the writing rules of {@link pitchRules}: the repetition penalty on
   * the role's recent pitches, the pitches already sounding at this onset forbidden, and rests forbidden
   * once the role has been silent for a bar under the rules (the corpus' melodies often wait out long
   * intros; a piece's roles should not).
   */
  private pitchBiasAt(): Float64Array | undefined {
    const silent = this.o.rules !== false && this.t - this.lastEnd >= this.barSteps;
    const penalty = this.o.repetitionPenalty ?? 0;
    const rules = { recent: this.recent, penalty, stacked: this.stacked, silent, apart: this.o.stackApart };
    return pitchRules(this.bias, rules, this.pitchScratch);
  }

  /** The notes written, with absolute pitches, each marked as sampled by the model. */
  notes(): Note[] {
    const o = this.o;
    const notes = decodeEvents(this.events, {
      programs: o.program !== undefined ? { [o.role]: o.program } : undefined,
    });
    return notes.map((n) => ({
      ...n,
      pitch: Math.min(127, Math.max(0, n.pitch - this.shift)),
      origin: 'model' as const,
    }));
  }
}
