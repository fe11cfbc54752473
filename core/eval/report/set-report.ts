/**
 * One generated set's figures and its pieces' (the part of `evaluate.ts` that runs per set). Every figure
 * but style and novelty is over the main prompts only, so that a block of style prompts after them leaves
 * those figures comparable.
 */
import { durationSeconds } from '../../sequence';
import { classifyQuadrant } from '../emotion/model';
import { compareSets } from '../mgeval/compare';
import type { MgevalVector } from '../mgeval/features';
import { mgevalFeatures } from '../mgeval/features';
import { qualityMetrics, summarise, summariseQuality } from '../muspy';
import type { Quadrant } from '../prompts';
import { provenance } from '../provenance';
import { rate, relevanceHits, summariseRelevance } from '../relevance';
import { roleFigures } from '../roles';
import { summariseRoles } from '../roles-summary';
import type { EvaluateInput, GeneratedSet } from './evaluate';
import type { noveltyOf } from './novelty-of';
import type { PieceStyle } from './style';
import { pieceStyle, setStyle } from './style';
import type { PieceReport, SetReport } from './types';

function meanVector(vectors: readonly number[][], size: number): number[] {
  const out = new Array<number>(size).fill(0);
  for (const v of vectors) v.forEach((x, i) => (out[i] += x / vectors.length));
  return out;
}

/** Mean pitch-class and note-length histograms (MGEval's features) over pieces. */
export function histograms(features: readonly MgevalVector[]): SetReport['histograms'] {
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

/** What every set's figures are computed against. */
export interface SetContext {
  input: EvaluateInput;
  /** The main prompts' count. */
  main: number;
  /** The quadrant of the embedder's reading of each prompt. */
  readings: readonly Quadrant[];
  refFeatures: readonly MgevalVector[];
  novelty: ReturnType<typeof noveltyOf> | null;
  thresholdBars: number;
  rules: { minNotes: number; minPitches: number };
}

const sign = (q: Quadrant | null | undefined, axis: 'v' | 'a'): number =>
  q ? (axis === 'v' ? (q === 'Q1' || q === 'Q4' ? 1 : -1) : q === 'Q1' || q === 'Q2' ? 1 : -1) : 0;

/** One piece's figures. */
function pieceReport(s: GeneratedSet, i: number, ctx: SetContext): PieceReport {
  const { prompts, seeds } = ctx.input;
  const seq = s.pieces[i];
  const model = ctx.input.classifier?.classifier.model;
  const styles = ctx.input.styleClassifier?.classifier;
  const asked = prompts[i].style;
  return {
    set: s.name,
    prompt: i,
    seed: seeds[i],
    notes: seq.notes.length,
    seconds: durationSeconds(seq),
    quality: qualityMetrics(seq),
    relevance: relevanceHits(prompts[i], seq),
    emotion: {
      ...(prompts[i].quadrant && { asked: prompts[i].quadrant }),
      reading: ctx.readings[i],
      predicted: model ? classifyQuadrant(model, seq) : null,
    },
    ...(styles && asked && { style: pieceStyle(styles, asked, seq) }),
    ...(ctx.novelty && { novelty: ctx.novelty.get(`${s.name}:${i}`) }),
  };
}

/**
 * One set's figures and its pieces'. Every figure but style and novelty is over the main prompts only: the
 * style block must not shift the figures it is not about.
 */
export function setReport(s: GeneratedSet, ctx: SetContext): { report: SetReport; pieces: PieceReport[] } {
  const all = s.pieces.map((_, i) => pieceReport(s, i, ctx));
  const own = all.slice(0, ctx.main);
  const seqs = s.pieces.slice(0, ctx.main);
  const features = seqs.map(mgevalFeatures);
  const mood = own.filter((p) => p.emotion.asked);
  const bars = all.map((p) => p.novelty?.bars ?? 0);
  const styled = all.flatMap((p): PieceStyle[] => (p.style ? [p.style] : []));
  const report: SetReport = {
    name: s.name,
    model: s.model,
    pieces: seqs.length,
    quality: summariseQuality(own.map((p) => p.quality)),
    relevance: summariseRelevance(own.map((p) => p.relevance)),
    emotion: ctx.input.classifier
      ? {
          asked: rate(mood.map((p) => p.emotion.predicted === p.emotion.asked)),
          reading: rate(own.map((p) => p.emotion.predicted === p.emotion.reading)),
          valence: rate(mood.map((p) => sign(p.emotion.predicted, 'v') === sign(p.emotion.asked, 'v'))),
          arousal: rate(mood.map((p) => sign(p.emotion.predicted, 'a') === sign(p.emotion.asked, 'a'))),
        }
      : null,
    style: styled.some((p) => p.judged) ? setStyle(styled) : null,
    novelty: ctx.novelty
      ? {
          thresholdBars: ctx.thresholdBars,
          ...ctx.rules,
          maxBars: Math.max(0, ...bars),
          meanBars: summarise(bars).mean,
          flagged: all
            .filter((p) => p.novelty?.flagged)
            .map((p) => ({
              prompt: p.prompt,
              bars: p.novelty!.bars,
              notes: p.novelty!.notes,
              role: p.novelty!.role,
            })),
        }
      : null,
    mgeval:
      features.length >= 2 && ctx.refFeatures.length >= 2 ? compareSets(features, ctx.refFeatures) : null,
    histograms: histograms(features),
    roles: summariseRoles(seqs.map((p, i) => roleFigures(p, s.chords?.[i] ?? null))),
    provenance: provenance(seqs),
    keyRetry: { fired: seqs.filter((p) => p.meta?.keyRetry === true).length, pieces: seqs.length },
  };
  return { report, pieces: all };
}
