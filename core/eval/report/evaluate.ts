/**
 * Runs every measure over the generated sets, the reference set and the training index, and assembles
 * `report.json`. Pure: the host generates the pieces, reads the corpora and times the stages.
 */
import { embed } from '../../embed';
import type { ChordSpan } from '../../features/chords';
import type { NoteSequence } from '../../sequence';
import { durationSeconds, PITCH_CLASS_NAMES } from '../../sequence';
import type { EmotionClassifier, HeldOutScore } from '../emotion/model';
import { classifyQuadrant } from '../emotion/model';
import { compareSets } from '../mgeval/compare';
import type { MgevalVector } from '../mgeval/features';
import { mgevalFeatures } from '../mgeval/features';
import type { NoveltyIndex } from '../novelty';
import type { EvalPrompt, Quadrant } from '../prompts';
import { provenance } from '../provenance';
import { quadrantOf } from '../prompts';
import { qualityMetrics, summarise, summariseQuality } from '../muspy';
import { rate, relevanceHits, summariseRelevance, TEXT2MIDI_REFERENCE } from '../relevance';
import { roleFigures } from '../roles';
import { summariseRoles } from '../roles-summary';
import { noveltyOf } from './novelty-of';
import { pipelineFigures } from './pipeline';
import type { EvalReport, PieceReport, ReferenceRoles, SetName, SetReport } from './types';

/** One generated set: a piece per prompt, in prompt order. */
export interface GeneratedSet {
  name: SetName;
  model: string;
  pieces: NoteSequence[];
  /** The chords each piece was planned under (null: none, as for the seed baseline). */
  chords?: readonly (readonly ChordSpan[] | null)[];
}

/** Reference pieces with their annotated chords (null where a song has none). */
export interface ReferenceSet {
  dirs: readonly string[];
  pieces: readonly NoteSequence[];
  chords?: readonly (readonly ChordSpan[] | null)[];
}

/** Everything an evaluation reads. */
export interface EvaluateInput {
  prompts: readonly EvalPrompt[];
  /** Seed of each prompt's pieces (the same in every set). */
  seeds: readonly number[];
  seconds: number;
  sets: readonly GeneratedSet[];
  /** Reference pieces (excerpts of the length of the generated ones). */
  reference: readonly NoteSequence[];
  referenceDirs: readonly string[];
  /** The reference pieces' annotated chords, in the same order (null where a song has none). */
  referenceChords?: readonly (readonly ChordSpan[] | null)[];
  /** A held-out drum corpus for the drum figures. */
  drumReference?: ReferenceSet;
  /** Corpus files the readers skipped. */
  skipped?: readonly { path: string; reason: string }[];
  training?: { index: NoveltyIndex; dirs: string[]; parts: number };
  classifier?: { name: string; classifier: EmotionClassifier; holdout?: HeldOutScore & { dir: string } };
  createdAt: string;
  timing?: Record<string, number>;
}

/** Settings of {@link evaluate}. */
export interface EvaluateOptions {
  /** Shared runs longer than this many bars are flagged. Default 2. */
  thresholdBars?: number;
  /** Fewest notes a shared run needs to count. Default 8. */
  minNotes?: number;
  /** Fewest distinct pitches a shared run needs to count. Default 3. */
  minPitches?: number;
}

const keyName = (k: { tonic: number; mode: string }): string => `${PITCH_CLASS_NAMES[k.tonic]} ${k.mode}`;

function meanVector(vectors: readonly number[][], size: number): number[] {
  const out = new Array<number>(size).fill(0);
  for (const v of vectors) v.forEach((x, i) => (out[i] += x / vectors.length));
  return out;
}

function histograms(features: readonly MgevalVector[]): SetReport['histograms'] {
  return {
    pitchClass: meanVector(
      features.map((f) => f.pitchClassHistogram),
      12,
    ),
    noteLength: meanVector(
      features.map((f) => f.noteLengthHistogram),
      12,
    ),
  };
}

function referenceRoles(ref: ReferenceSet): ReferenceRoles {
  const chords = ref.chords ?? [];
  return {
    dirs: [...ref.dirs],
    pieces: ref.pieces.length,
    withChords: chords.filter((c) => c && c.length).length,
    roles: summariseRoles(ref.pieces.map((p, i) => roleFigures(p, chords[i] ?? null))),
  };
}

/**
 * Evaluates the generated sets against the prompts, the reference set and the training index.
 * @throws {RangeError} when a set's piece count differs from the prompt count.
 */
export function evaluate(input: EvaluateInput, options: EvaluateOptions = {}): EvalReport {
  const thresholdBars = options.thresholdBars ?? 2;
  const rules = { minNotes: options.minNotes ?? 8, minPitches: options.minPitches ?? 3 };
  const { prompts } = input;
  for (const s of input.sets)
    if (s.pieces.length !== prompts.length)
      throw new RangeError(`set ${s.name} has ${s.pieces.length} pieces for ${prompts.length} prompts`);
  const readings: Quadrant[] = prompts.map((p) => {
    const c = embed(p.prompt).conditioning;
    return quadrantOf(c.valence, c.arousal);
  });
  const refFeatures = input.reference.map(mgevalFeatures);
  const novelty = input.training ? noveltyOf(input.sets, input.training.index, thresholdBars, rules) : null;
  const model = input.classifier?.classifier.model;
  const pieces: PieceReport[] = [];
  const sets: SetReport[] = input.sets.map((s) => {
    const own: PieceReport[] = s.pieces.map((seq, i) => ({
      set: s.name,
      prompt: i,
      seed: input.seeds[i],
      notes: seq.notes.length,
      seconds: durationSeconds(seq),
      quality: qualityMetrics(seq),
      relevance: relevanceHits(prompts[i], seq),
      emotion: {
        ...(prompts[i].quadrant && { asked: prompts[i].quadrant }),
        reading: readings[i],
        predicted: model ? classifyQuadrant(model, seq) : null,
      },
      ...(novelty && { novelty: novelty.get(`${s.name}:${i}`) }),
    }));
    pieces.push(...own);
    const features = s.pieces.map(mgevalFeatures);
    const mood = own.filter((p) => p.emotion.asked);
    const sign = (q: Quadrant | null | undefined, axis: 'v' | 'a'): number =>
      q ? (axis === 'v' ? (q === 'Q1' || q === 'Q4' ? 1 : -1) : q === 'Q1' || q === 'Q2' ? 1 : -1) : 0;
    const bars = own.map((p) => p.novelty?.bars ?? 0);
    return {
      name: s.name,
      model: s.model,
      pieces: s.pieces.length,
      quality: summariseQuality(own.map((p) => p.quality)),
      relevance: summariseRelevance(own.map((p) => p.relevance)),
      emotion: model
        ? {
            asked: rate(mood.map((p) => p.emotion.predicted === p.emotion.asked)),
            reading: rate(own.map((p) => p.emotion.predicted === p.emotion.reading)),
            valence: rate(mood.map((p) => sign(p.emotion.predicted, 'v') === sign(p.emotion.asked, 'v'))),
            arousal: rate(mood.map((p) => sign(p.emotion.predicted, 'a') === sign(p.emotion.asked, 'a'))),
          }
        : null,
      novelty: novelty
        ? {
            thresholdBars,
            ...rules,
            maxBars: Math.max(0, ...bars),
            meanBars: summarise(bars).mean,
            flagged: own
              .filter((p) => p.novelty?.flagged)
              .map((p) => ({
                prompt: p.prompt,
                bars: p.novelty!.bars,
                notes: p.novelty!.notes,
                role: p.novelty!.role,
              })),
          }
        : null,
      mgeval: features.length >= 2 && refFeatures.length >= 2 ? compareSets(features, refFeatures) : null,
      histograms: histograms(features),
      roles: summariseRoles(s.pieces.map((p, i) => roleFigures(p, s.chords?.[i] ?? null))),
      provenance: provenance(s.pieces),
      keyRetry: {
        fired: s.pieces.filter((p) => p.meta?.keyRetry === true).length,
        pieces: s.pieces.length,
      },
    };
  });
  const reference = referenceRoles({
    dirs: input.referenceDirs,
    pieces: input.reference,
    chords: input.referenceChords,
  });
  const drumReference = input.drumReference ? referenceRoles(input.drumReference) : null;
  const report: EvalReport = {
    format: 1,
    createdAt: input.createdAt,
    settings: {
      prompts: prompts.length,
      seconds: input.seconds,
      seeds: [...input.seeds],
      reference: {
        dirs: [...input.referenceDirs],
        pieces: input.reference.length,
        excerptSeconds: input.seconds,
      },
      training: input.training
        ? { dirs: input.training.dirs, parts: input.training.parts, tokens: input.training.index.size }
        : null,
      classifier: input.classifier?.name ?? null,
    },
    timing: { ...input.timing },
    text2midi: { ...TEXT2MIDI_REFERENCE },
    classifier: input.classifier
      ? { training: input.classifier.classifier.training, holdout: input.classifier.holdout ?? null }
      : null,
    prompts: prompts.map((p) => ({
      prompt: p.prompt,
      ...(p.tempo !== undefined && { tempo: p.tempo }),
      ...(p.key && { key: keyName(p.key) }),
      ...(p.quadrant && { quadrant: p.quadrant }),
    })),
    reference: {
      pieces: input.reference.length,
      quality: summariseQuality(input.reference.map((r) => qualityMetrics(r))),
      histograms: histograms(refFeatures),
      roles: reference,
    },
    drumReference,
    sets,
    pieces,
    figures: [],
    skipped: [...(input.skipped ?? [])],
  };
  report.figures = pipelineFigures(sets, {
    quality: report.reference.quality,
    roles: reference.roles,
    drumRoles: drumReference?.roles,
  });
  return report;
}
