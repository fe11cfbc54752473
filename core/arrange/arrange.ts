/**
 * The arranger: conditioning x length -> plan (tempo, form, chords, roles, programs) -> notes written by
 * the model under that plan -> finished arrangement (sections, transitions, ending or loop).
 */
import type { EmbedResult } from '../embed/types';
import { findKey } from '../features/key';
import type { MusicModel } from '../model/model';
import type { Note, NoteSequence, Role, Seconds } from '../sequence';
import { beatsPerBar, ROLES, sortNotes } from '../sequence';
import { planChords } from './chords';
import { fitTempo, planSections } from './form';
import {
  addEnding,
  addTransitions,
  closeLoop,
  keepPlayingRoles,
  mendClashes,
  loopDrums,
  quantizeDrums,
  repeatSections,
  scaleDrums,
  strongBeats,
  sustainRole,
} from './finish';
import { isSustained, orchestrate } from './orchestrate';
import type { ArrangementPlan } from './plan';

/** Settings of {@link arrange}. */
export interface ArrangeOptions {
  /** Target length in seconds. */
  seconds: Seconds;
  /** Default 1. */
  seed?: number;
  /** Default 0.9. */
  temperature?: number;
  /** Make the end flow back into the start. Default false. */
  loop?: boolean;
  /** Log-probability added to out-of-key pitches. Default -4. */
  scaleBias?: number;
  /** Whether a returning section repeats its first occurrence, and drums loop their first two bars. Default true. */
  repeat?: boolean;
  /** Log-probability added to the tonic, so the stated key is the one heard. Default 0.25. */
  tonicBias?: number;
  /**
   * False: the model alone under the plan (its chords, sections and conditioning): no scale or tonic
   * bias, no generation rule, no key retry and no finishing pass, so evaluation can tell the model's
   * music from the rules'. Default true.
   */
  rules?: boolean;
}

/** Plans the arrangement of `embedding` over `seconds` (no notes yet). */
export function planArrangement(embedding: EmbedResult, o: ArrangeOptions): ArrangementPlan {
  const c = embedding.conditioning;
  const bar = beatsPerBar(c.meter);
  const loop = o.loop ?? false;
  const { tempo, beats } = fitTempo(o.seconds, c.tempo, bar, embedding.statedBpm !== null);
  const conditioning = { ...c, tempo };
  const sections = planSections({ embedding, conditioning, beats, loop });
  const { programs, drumLevel } = orchestrate(c.style, embedding.instruments, embedding.exclusive);
  const plan: ArrangementPlan = {
    seconds: o.seconds,
    tempo,
    askedTempo: c.tempo,
    beats,
    key: c.key,
    meter: c.meter,
    style: c.style,
    sections,
    chords: [],
    programs,
    drumLevel,
    loop,
  };
  plan.chords = planChords(plan, o.seed ?? 1);
  return plan;
}

/** Tonic bias of a second attempt, when the first did not sound in the asked key. */
const INSISTENT_TONIC = 1;

/**
 * Arranges and writes a piece: every role under its sections' conditioning and the shared chord plan.
 * When the prompt asked for a key and the notes do not sound in it (the key finder hears the relative or
 * the dominant key), the piece is written again, same seed, leaning harder on the tonic; the sequence's
 * `meta.keyRetry` says whether that happened.
 * @throws {ModelNotReadyError} when the model was disposed.
 */
export function arrange(
  model: MusicModel,
  embedding: EmbedResult,
  o: ArrangeOptions,
): { sequence: NoteSequence; plan: ArrangementPlan } {
  const plan = planArrangement(embedding, o);
  const rules = o.rules ?? true;
  const first = write(model, plan, o, rules ? (o.tonicBias ?? 0.25) : 0);
  const retry = rules && embedding.sources.key === 'explicit' && !heardIn(first, plan);
  const sequence = retry ? write(model, plan, o, INSISTENT_TONIC) : first;
  sequence.meta = { ...sequence.meta, keyRetry: retry, rules };
  return { sequence, plan };
}

/** True when the key finder hears the plan's key in the pitched notes (or there are none). */
function heardIn(seq: NoteSequence, plan: ArrangementPlan): boolean {
  const pitched = seq.notes.filter((n) => !n.isDrum);
  if (pitched.length === 0) return true;
  const k = findKey(pitched);
  return k.tonic === plan.key.tonic && k.mode === plan.key.mode;
}

/** Writes the notes of a plan with the model and finishes them. */
function write(model: MusicModel, plan: ArrangementPlan, o: ArrangeOptions, tonicBias: number): NoteSequence {
  const roles = ROLES.filter((r) => plan.sections.some((s) => s.roles.includes(r)));
  const rules = o.rules ?? true;
  const raw = model.generate({
    conditioning: plan.sections[0].conditioning,
    roles,
    beats: plan.beats,
    chords: plan.chords,
    seed: o.seed ?? 1,
    temperature: o.temperature ?? 0.9,
    scaleBias: rules ? (o.scaleBias ?? -4) : 0,
    tonicBias,
    rules,
    programs: plan.programs,
    sections: plan.sections.slice(1).map((s) => ({ start: s.start, conditioning: s.conditioning })),
  });
  const notes = rules ? finish(raw.notes, plan, o) : raw.notes;
  const track = (r: Role): number => roles.indexOf(r);
  return {
    ...raw,
    notes: sortNotes(notes.map((n) => ({ ...n, track: track(n.role) }))),
    tempos: [{ beat: 0, bpm: plan.tempo }],
    tracks: roles.map((role) => ({
      name: role,
      program: plan.programs[role],
      isDrum: role === 'drums',
      role,
    })),
    totalBeats: plan.beats,
  };
}

/** The finishing passes, in order; each marks the notes it copies, makes or moves (`Note.origin`). */
function finish(raw: readonly Note[], plan: ArrangementPlan, o: ArrangeOptions): Note[] {
  const { drumLevel } = plan;
  const compound = plan.meter.denominator === 8 && plan.meter.numerator % 3 === 0;
  let notes = keepPlayingRoles(raw, plan.sections);
  if (o.repeat ?? true) notes = repeatSections(notes, plan.sections);
  if (o.repeat ?? true) notes = loopDrums(notes, plan.sections, beatsPerBar(plan.meter));
  notes = quantizeDrums(notes, compound);
  if (isSustained(plan.programs.harmony)) notes = sustainRole(notes, 'harmony', plan.chords);
  notes = scaleDrums(notes, drumLevel);
  notes = addTransitions(notes, plan, drumLevel);
  notes = plan.loop ? closeLoop(notes, plan.beats) : addEnding(notes, plan, drumLevel);
  return mendClashes(notes, plan.chords, strongBeats(plan.beats, plan.meter));
}
