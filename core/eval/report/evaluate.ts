/**
 * Runs every measure over the generated sets, the reference set and the training index, and assembles
 * `report.json`. Pure: the host generates the pieces, reads the corpora and times the stages.
 */
import { embed } from '../../embed';
import type { ChordSpan } from '../../features/chords';
import type { NoteSequence } from '../../sequence';
import { PITCH_CLASS_NAMES } from '../../sequence';
import type { EmotionClassifier, HeldOutScore } from '../emotion/model';
import { mgevalFeatures } from '../mgeval/features';
import { qualityMetrics, summariseQuality } from '../muspy';
import type { NoveltyIndex } from '../novelty';
import type { EvalPrompt, Quadrant } from '../prompts';
import { quadrantOf } from '../prompts';
import { TEXT2MIDI_REFERENCE } from '../relevance';
import { roleFigures } from '../roles';
import { summariseRoles } from '../roles-summary';
import type { StyleClassifier } from '../style/model';
import { noveltyOf } from './novelty-of';
import { pipelineFigures } from './pipeline';
import type { SetContext } from './set-report';
import { histograms, setReport } from './set-report';
import { styleSection } from './style';
import type { EvalReport, ReferenceRoles, SetName } from './types';

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
  /** The main prompts, then the style block (see `mainPrompts`). */
  prompts: readonly EvalPrompt[];
  /**
   * How many of the first prompts are the main ones: every figure but style and novelty is over them, so
   * that a block of style prompts after them leaves those figures comparable. Default: all.
   */
  mainPrompts?: number;
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
  training?: {
    index: NoveltyIndex;
    dirs: string[];
    parts: number;
    corpora?: Record<string, { files: number; parts: number }>;
  };
  classifier?: { name: string; classifier: EmotionClassifier; holdout?: HeldOutScore & { dir: string } };
  /** The style classifier, for the prompts that ask for a style. */
  styleClassifier?: { name: string; classifier: StyleClassifier };
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
 * @throws {RangeError} when a set's piece count differs from the prompt count, or `mainPrompts` exceeds it.
 */
export function evaluate(input: EvaluateInput, options: EvaluateOptions = {}): EvalReport {
  const thresholdBars = options.thresholdBars ?? 2;
  const rules = { minNotes: options.minNotes ?? 8, minPitches: options.minPitches ?? 3 };
  const { prompts } = input;
  const main = input.mainPrompts ?? prompts.length;
  if (!(Number.isInteger(main) && main >= 0 && main <= prompts.length))
    throw new RangeError(`mainPrompts ${main} is not a count of the ${prompts.length} prompts`);
  for (const s of input.sets)
    if (s.pieces.length !== prompts.length)
      throw new RangeError(`set ${s.name} has ${s.pieces.length} pieces for ${prompts.length} prompts`);
  const readings: Quadrant[] = prompts.map((p) => {
    const c = embed(p.prompt).conditioning;
    return quadrantOf(c.valence, c.arousal);
  });
  const refFeatures = input.reference.map(mgevalFeatures);
  const novelty = input.training ? noveltyOf(input.sets, input.training.index, thresholdBars, rules) : null;
  const styles = input.styleClassifier?.classifier;
  const ctx: SetContext = { input, main, readings, refFeatures, novelty, thresholdBars, rules };
  const built = input.sets.map((s) => setReport(s, ctx));
  const pieces = built.flatMap((b) => b.pieces);
  const sets = built.map((b) => b.report);
  const reference = referenceRoles({
    dirs: input.referenceDirs,
    pieces: input.reference,
    chords: input.referenceChords,
  });
  const drumReference = input.drumReference ? referenceRoles(input.drumReference) : null;
  const asked = prompts.flatMap((p) => (p.style ? [p.style] : []));
  const report: EvalReport = {
    format: 1,
    createdAt: input.createdAt,
    settings: {
      prompts: main,
      stylePrompts: prompts.length - main,
      seconds: input.seconds,
      seeds: [...input.seeds],
      reference: {
        dirs: [...input.referenceDirs],
        pieces: input.reference.length,
        excerptSeconds: input.seconds,
      },
      training: input.training
        ? {
            dirs: input.training.dirs,
            parts: input.training.parts,
            tokens: input.training.index.size,
            ...(input.training.corpora && { corpora: input.training.corpora }),
          }
        : null,
      classifier: input.classifier?.name ?? null,
    },
    timing: { ...input.timing },
    text2midi: { ...TEXT2MIDI_REFERENCE },
    classifier: input.classifier
      ? { training: input.classifier.classifier.training, holdout: input.classifier.holdout ?? null }
      : null,
    style: styles ? styleSection(input.styleClassifier!.name, styles, asked) : null,
    prompts: prompts.map((p) => ({
      prompt: p.prompt,
      ...(p.tempo !== undefined && { tempo: p.tempo }),
      ...(p.key && { key: keyName(p.key) }),
      ...(p.quadrant && { quadrant: p.quadrant }),
      ...(p.style && { style: p.style }),
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
