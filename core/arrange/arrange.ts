/**
 * The arranger: conditioning x length -> plan (tempo, form, chords, roles, programs) -> notes written by
 * the model under that plan -> finished arrangement (sections, transitions, ending or loop).
 */
import { levelDynamics } from './dynamics';
import { planArrangement } from './plan-arrangement';
import type { EmbedResult } from '../embed/types';
import { keyFit } from '../features/key';
import type { MusicModel } from '../model/model';
import type { Writes } from '../model/writes';
import { runWrites } from '../model/writes';
import type { Note, NoteSequence, Role, Seconds } from '../sequence';
import { beatsPerBar, isCompound, ROLES, sortNotes } from '../sequence';
import type { TimeSpan } from '../embed/types';
import { discardedSpans } from './discarded';
import type { Theme } from './cutdowns';
import { placeMotif } from './cutdowns';
import { accentHits } from './hits';
import { planMarkers } from './markers';
import { keyRegions, writeByKey } from './regions';
import { makeRoomForVoice } from './voice';
import { addEnding, addTransitions, closeLoop } from './transitions';
import {
  keepPlayingRoles,
  mendClashes,
  loopDrums,
  quantizeDrums,
  repeatSections,
  scaleDrums,
  strongBeats,
} from './finish';
import { addClave } from './clave';
import { swingEighths } from './feel';
import { sustainRole } from './sustain';
import { thinUnderTune } from './thin';
import { letRing } from './articulation';
import { keepPlayable } from './playable';
import { keepInRange } from './range';
import { bassUnderHarmony } from './bass-register';
import { mended } from './mended';
import { restrikeNotes } from '../restrike';
import { isSustained } from './orchestrate';
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
  /**
   * With the rules and `repeat` on: the model does not write the bars of each role that the finishing
   * passes replace or drop ({@link discardedSpans}), which saves their steps. False writes them all (to
   * measure the saving). Default true.
   */
  skipDiscarded?: boolean;
  /** Log-probability added to the tonic's pitch class. Default 0: the plan's chords and cadences carry the key. */
  tonicBias?: number;
  /**
   * When the prompt states a key and the generator's key finder (Krumhansl-Kessler, `core/features/key`;
   * evaluation scores with another) does not hear it, write the plan a second time with another seed and
   * keep the writing that fits the key better (`meta.keyRetry` says the check fired). Default true: on the
   * evaluation's 36 stated-key prompts it fires for about one in ten and leaves the independent finder's
   * figure as it is; in a script that modulates it keeps a short first key heard more often.
   */
  keyCheck?: boolean;
  /**
   * False: the model alone under the plan (its chords, sections and conditioning): no scale or tonic
   * bias, no generation rule, no key check and no finishing pass, so evaluation can tell the model's
   * music from the rules'. Default true.
   */
  rules?: boolean;
  /** Edit points of the picture, in seconds: each lands on a beat and is accented. Default none. */
  cuts?: readonly Seconds[];
  /** Spans of speech (a voice-over), in seconds: the music makes room under them. Default none. */
  speech?: readonly TimeSpan[];
  /** The theme of a family of cutdowns: its key, sound and motif are kept. Default none. */
  theme?: Theme;
}

/** Whether the stated key is checked by default (see ArrangeOptions.keyCheck). */
const KEY_CHECK = true;
/** Added to the seed of the second writing. */
const SECOND_WRITING = 7919;

/**
 * Arranges and writes a piece: every role under its sections' conditioning and the shared chord plan,
 * whose cadences carry the key. When the prompt states a key that the generator's key finder does not
 * hear (see ArrangeOptions.keyCheck), the plan is written again with another seed and the writing that
 * fits the key better is kept; `meta.keyRetry` says whether that happened.
 * @throws {ModelNotReadyError} when the model was disposed.
 */
export function arrange(
  model: MusicModel,
  embedding: EmbedResult,
  o: ArrangeOptions,
): { sequence: NoteSequence; plan: ArrangementPlan } {
  return runWrites(model, arrangeWrites(embedding, o));
}

/**
 * {@link arrange} as a job ({@link Writes}): it yields each request for the model and receives the notes,
 * so `runWrites` and `runWritesAsync` (a UI thread's pauses) arrange the same piece.
 */
export function* arrangeWrites(
  embedding: EmbedResult,
  o: ArrangeOptions,
): Writes<{ sequence: NoteSequence; plan: ArrangementPlan }> {
  const plan = planArrangement(embedding, o);
  const rules = o.rules ?? true;
  const parts = embedding.segments.map((s) => s.text);
  const tonicBias = rules ? (o.tonicBias ?? 0) : 0;
  const first = yield* write(plan, o, tonicBias, parts);
  const stated =
    embedding.sources.key === 'explicit' || embedding.segments.some((s) => s.sources.key === 'explicit');
  const retry = rules && stated && (o.keyCheck ?? KEY_CHECK) && keyMiss(first, plan) < 0;
  let sequence = first;
  if (retry) {
    const second = yield* write(plan, { ...o, seed: (o.seed ?? 1) + SECOND_WRITING }, tonicBias, parts);
    if (keyMiss(second, plan) > keyMiss(first, plan)) sequence = second;
  }
  sequence.meta = { ...sequence.meta, keyRetry: retry, rules };
  return { sequence, plan };
}

/**
 * How far the generator's key finder is from hearing the planned key in the pitched notes of the whole
 * piece (one key), or of each section (a piece that modulates): 0 when it hears it everywhere, else the
 * sum of the misses' {@link keyFit}s (stretches without notes pass).
 */
function keyMiss(seq: NoteSequence, plan: ArrangementPlan): number {
  const spans = keyRegions(plan).length > 1 ? plan.sections : [{ ...plan.sections[0], end: plan.beats }];
  let miss = 0;
  for (const s of spans) {
    const pitched = seq.notes.filter((n) => !n.isDrum && n.start >= s.start && n.start < s.end);
    if (pitched.length > 0) miss += Math.min(0, keyFit(pitched, s.conditioning.key));
  }
  return miss;
}

/** Writes the notes of a plan with the model and finishes them (a job: see {@link Writes}). */
function* write(
  plan: ArrangementPlan,
  o: ArrangeOptions,
  tonicBias: number,
  parts: readonly string[],
): Writes<NoteSequence> {
  const roles = ROLES.filter((r) => plan.sections.some((s) => s.roles.includes(r)));
  const rules = o.rules ?? true;
  const raw = yield* writeByKey(plan, roles, {
    seed: o.seed ?? 1,
    temperature: o.temperature ?? 0.9,
    scaleBias: rules ? (o.scaleBias ?? -4) : 0,
    tonicBias,
    rules,
    skip:
      rules && (o.repeat ?? true) && (o.skipDiscarded ?? true)
        ? Object.fromEntries(roles.map((role) => [role, discardedSpans(plan, role)]))
        : undefined,
  });
  const notes = rules ? finish(raw.notes, plan, o) : raw.notes;
  const track = (r: Role): number => roles.indexOf(r);
  return {
    ...raw,
    notes: sortNotes(notes.map((n) => ({ ...n, track: track(n.role) }))),
    tempos: plan.tempos ?? [{ beat: 0, bpm: plan.tempo }],
    keySignatures: keyRegions(plan).map((r) => ({ beat: r.start, ...r.key })),
    markers: planMarkers(plan, parts),
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
  const compound = isCompound(plan.meter);
  let notes = keepPlayingRoles(raw, plan.sections);
  if (o.repeat ?? true) notes = repeatSections(notes, plan.sections, plan.chords);
  if (o.repeat ?? true) notes = loopDrums(notes, plan.sections, beatsPerBar(plan.meter));
  notes = quantizeDrums(notes, compound, plan.sections, plan.style);
  notes = swingEighths(notes, plan.style, compound);
  notes = addClave(notes, plan);
  const held = isSustained(plan.programs.harmony);
  if (held) notes = sustainRole(notes, 'harmony', plan.chords);
  notes = letRing(notes, 'harmony', plan.programs.harmony, plan.sections, plan.chords);
  if (!held) notes = thinUnderTune(notes);
  notes = keepInRange(notes);
  notes = bassUnderHarmony(notes, plan.sections);
  notes = scaleDrums(notes, drumLevel);
  notes = levelDynamics(notes, plan.sections);
  notes = addTransitions(notes, plan, drumLevel);
  notes = plan.loop ? closeLoop(notes, plan.beats) : addEnding(notes, plan, drumLevel);
  notes = makeRoomForVoice(notes, plan, beatsPerBar(plan.meter));
  notes = mendClashes(notes, plan.chords, strongBeats(plan.beats, plan.meter));
  if (o.theme) notes = placeMotif(notes, plan, o.theme);
  // Notes added or moved since the range pass (transitions, the ending, clash mending, hits) are held to
  // it too (a second call rather than a later first one: the thinning and clash passes read in-range notes).
  notes = keepPlayable(keepInRange(accentHits(notes, plan)), plan.programs);
  // One voice per pitch and part, as MIDI has (`core/restrike.ts`): a MIDI file, a DAW, the bridge and
  // the renderer then play the same notes.
  return restrikeNotes(notes, (n) => n.role, { mark: (n) => mended(n, 'restrike') });
}
