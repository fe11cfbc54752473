/** The shape of `report.json`: every figure of one evaluation run. NaN values are written as null. */
import type { Style } from '../../conditioning';
import type { EmotionClassifier, HeldOutScore } from '../emotion/model';
import type { FeatureComparison } from '../mgeval/compare';
import type { Quadrant } from '../prompts';
import type { QualityMetrics, Summary } from '../muspy';
import type { ProvenanceTable } from '../provenance';
import type { Rate, RelevanceHits, RelevanceSummary } from '../relevance';
import type { RoleSummary } from '../roles-summary';
import type { PipelineFigure } from './pipeline';
import type { PieceStyle, SetStyle, StyleSection } from './style';

/**
 * The generated sets an evaluation compares: `default` the shipped model through the whole pipeline;
 * `rules-off` the same model with every arranger rule off (the model alone under the plan); `control`
 * seeded random weights of the shipped shapes through the whole pipeline (what the rules alone reach);
 * `baseline` the seed tutorial's model.
 */
export type SetName = 'default' | 'rules-off' | 'control' | 'baseline';

/** What each set is, in a line (for the report's legends). */
export const SET_DESCRIPTIONS: Record<SetName, string> = {
  default: 'the shipped model through the whole pipeline (embedder, arranger, finishing)',
  'rules-off':
    'the shipped model alone under the same plan: no scale or tonic bias, no key retry, no finishing pass',
  control: 'rules-only control: seeded random weights of the shipped shapes through the whole pipeline',
  baseline: "the seed tutorial's LSTM continuing a training melody (reads no prompt)",
};

/** One generated piece's figures. */
export interface PieceReport {
  set: SetName;
  /** Index into the prompt list. */
  prompt: number;
  seed: number;
  notes: number;
  seconds: number;
  quality: QualityMetrics;
  relevance: RelevanceHits;
  emotion: {
    /** The quadrant the prompt asked for (mood prompts). */
    asked?: Quadrant;
    /** The quadrant of the embedder's valence and arousal for the prompt. */
    reading?: Quadrant;
    /** What the classifier hears; null with too few notes. */
    predicted: Quadrant | null;
  };
  /** What the style classifier hears, for prompts that ask for a style (when a classifier was given). */
  style?: PieceStyle;
  novelty?: {
    /** Notes in the longest run shared with the training set. */
    notes: number;
    beats: number;
    bars: number;
    /** The role (part) it was found in, and where it starts (beats). */
    role: string;
    at: number;
    /** More than {@link NoveltyReport.thresholdBars} bars shared. */
    flagged: boolean;
  };
}

/** Emotion hit rates of a set over the prompts that ask for a quadrant. */
export interface EmotionRates {
  /** Predicted quadrant = asked quadrant. */
  asked: Rate;
  /** Predicted quadrant = the embedder's reading of the prompt. */
  reading: Rate;
  /** Sign of valence right / sign of arousal right (against the asked quadrant). */
  valence: Rate;
  arousal: Rate;
}

/** Novelty figures of a set. */
export interface NoveltyReport {
  thresholdBars: number;
  /** A shared run counts from this many notes and this many distinct pitches. */
  minNotes: number;
  minPitches: number;
  /** Longest shared run over the set, in bars, and its mean over pieces. */
  maxBars: number;
  meanBars: number;
  flagged: { prompt: number; bars: number; notes: number; role: string }[];
}

/**
 * One generated set's figures. Every figure but `style` and `novelty` is over the main prompts only (the
 * first `settings.prompts`), so that adding style prompts leaves them comparable.
 */
export interface SetReport {
  name: SetName;
  /** `name@version` of the model that wrote it. */
  model: string;
  pieces: number;
  quality: Record<keyof QualityMetrics, Summary>;
  relevance: RelevanceSummary;
  emotion: EmotionRates | null;
  /** Style hits over the prompts that ask for a style the classifier judges (null: no classifier or none). */
  style: SetStyle | null;
  /** Over every piece, the style prompts' too. */
  novelty: NoveltyReport | null;
  mgeval: FeatureComparison[] | null;
  /** Mean pitch-class and note-length histograms (MGEval's features) over the set. */
  histograms: { pitchClass: number[]; noteLength: number[] };
  /** Per-role figures (against the planned chords; none for the baseline, which has no plan). */
  roles: RoleSummary;
  /** Where the notes came from, per role (`Note.origin`). */
  provenance: ProvenanceTable;
  /** How often the arranger wrote a piece again because the key finder did not hear the asked key. */
  keyRetry: { fired: number; pieces: number };
}

/** A reference set: its folders, pieces and role figures. */
export interface ReferenceRoles {
  dirs: string[];
  pieces: number;
  /** Pieces with annotated chords (the chord figures are over these). */
  withChords: number;
  roles: RoleSummary;
}

/** The whole report. */
export interface EvalReport {
  format: 1;
  createdAt: string;
  settings: {
    /** Main prompts: the first entries of `prompts`, which every figure but style and novelty covers. */
    prompts: number;
    /** Prompts after the main ones (the style block), judged only for style and novelty. */
    stylePrompts: number;
    seconds: number;
    /** Seed of each prompt, main and style block. */
    seeds: number[];
    reference: { dirs: string[]; pieces: number; excerptSeconds: number };
    /** The novelty index: folders, parts (and parts per corpus), notes. */
    training: {
      dirs: string[];
      parts: number;
      tokens: number;
      corpora?: Record<string, { files: number; parts: number }>;
    } | null;
    classifier: string | null;
  };
  /** Wall time of each stage and the whole run, seconds. */
  timing: Record<string, number>;
  /** text2midi's published TB, TBT, CK, CKD on MidiCaps (percent), for comparison. */
  text2midi: { TB: number; TBT: number; CK: number; CKD: number };
  classifier: {
    training: EmotionClassifier['training'];
    /** The held-out corpus scored again in this run, when given. */
    holdout: (HeldOutScore & { dir: string }) | null;
  } | null;
  /** The style classifier, its held-out figures and the styles it cannot judge, or null without one. */
  style: StyleSection | null;
  /** Every prompt: the main ones, then the style block. */
  prompts: { prompt: string; tempo?: number; key?: string; quadrant?: Quadrant; style?: Style }[];
  reference: {
    pieces: number;
    quality: Record<keyof QualityMetrics, Summary>;
    histograms: { pitchClass: number[]; noteLength: number[] };
    /** Role figures of the reference songs, against their annotated chords. */
    roles: ReferenceRoles;
  };
  /** A held-out drum corpus for the drum figures (the main reference may have no drums), or null. */
  drumReference: ReferenceRoles | null;
  sets: SetReport[];
  pieces: PieceReport[];
  /**
   * Every comparable figure with the default model's, the rules-only control's and the reference's value,
   * and whether the control also reaches it (then it measures the pipeline, not the model).
   */
  figures: PipelineFigure[];
  /** Corpus files the readers could not use, and why. */
  skipped: { path: string; reason: string }[];
}
