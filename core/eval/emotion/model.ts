/**
 * The EMOPIA emotion classifier as a whole: training on labelled clips with a split by song, its held-out
 * figures, the JSON it ships as (`assets/eval/emotion.json`), and scoring a piece's quadrant.
 */
import { DataError } from '../../errors';
import type { NoteSequence } from '../../sequence';
import type { Quadrant } from '../prompts';
import { QUADRANTS } from '../prompts';
import type { SoftmaxModel, TrainOptions } from './classifier';
import { fnv1a } from '../hash';
import { accuracyOf, chooseL2, confusionMatrix, predictClass, trainSoftmax } from './classifier';
import { EMOTION_FEATURES, emotionFeatures } from './features';

/** One labelled clip's features. */
export interface LabelledClip {
  id: string;
  /** Song id: clips of one song stay on one side of every split. */
  song: string;
  quadrant: Quadrant;
  features: number[];
}

/** Accuracy and confusion matrix (rows: true Q1..Q4, columns: predicted) on a set of clips. */
export interface HeldOutScore {
  clips: number;
  accuracy: number;
  confusion: number[][];
}

/** The shipped classifier: the model and how it was trained and tested. */
export interface EmotionClassifier {
  format: 1;
  model: SoftmaxModel;
  training: {
    /** Clips and songs on each side of the split. */
    trainClips: number;
    trainSongs: number;
    testClips: number;
    testSongs: number;
    /** Cross-validated accuracy (5 folds by song, training side only) of each L2 weight tried. */
    cvAccuracy: Record<string, number>;
    /** The held-out songs of the training corpus. */
    test: HeldOutScore;
    /** A separate held-out corpus (e.g. EMOPIA's songs in ../shared/holdout), when given. */
    holdout?: HeldOutScore;
  };
}

/** Songs whose hash falls in the first fifth go to the test side. */
export function isTestSong(song: string, testShare = 0.2): boolean {
  return fnv1a(song) % 1000 < testShare * 1000;
}

/** Scores a model on labelled clips. */
export function scoreClips(model: SoftmaxModel, clips: readonly LabelledClip[]): HeldOutScore {
  const truth = clips.map((c) => QUADRANTS.indexOf(c.quadrant));
  const predicted = clips.map((c) => predictClass(model, c.features));
  const confusion = confusionMatrix(truth, predicted, QUADRANTS.length);
  return { clips: clips.length, accuracy: accuracyOf(confusion), confusion };
}

/** Settings of {@link trainEmotionClassifier}. */
export interface EmotionTrainOptions extends Omit<TrainOptions, 'l2'> {
  /** Share of songs held out for testing. Default 0.2. */
  testShare?: number;
  /** L2 weights tried by cross-validation. Default 0.001, 0.01, 0.1, 1. */
  l2Candidates?: number[];
  /** Cross-validation folds. Default 5. */
  folds?: number;
}

/**
 * Splits `clips` by song, picks the L2 weight by song-grouped cross-validation on the training side, trains
 * there and scores the held-out songs (and `holdout`, when given).
 * @throws {DataError} when either side of the split is empty.
 */
export function trainEmotionClassifier(
  clips: readonly LabelledClip[],
  holdout?: readonly LabelledClip[],
  options: EmotionTrainOptions = {},
): EmotionClassifier {
  const train = clips.filter((c) => !isTestSong(c.song, options.testShare));
  const test = clips.filter((c) => isTestSong(c.song, options.testShare));
  if (train.length === 0 || test.length === 0)
    throw new DataError(`the split by song left ${train.length} training and ${test.length} test clips`);
  const names = { features: EMOTION_FEATURES, classes: QUADRANTS };
  const x = train.map((c) => c.features);
  const y = train.map((c) => QUADRANTS.indexOf(c.quadrant));
  const cv = chooseL2(
    x,
    y,
    train.map((c) => c.song),
    names,
    options.l2Candidates,
    options.folds ?? 5,
    options,
  );
  const model = trainSoftmax(x, y, names, { ...options, l2: cv.l2 });
  return {
    format: 1,
    model,
    training: {
      trainClips: train.length,
      trainSongs: new Set(train.map((c) => c.song)).size,
      testClips: test.length,
      testSongs: new Set(test.map((c) => c.song)).size,
      cvAccuracy: cv.accuracy,
      test: scoreClips(model, test),
      ...(holdout?.length ? { holdout: scoreClips(model, holdout) } : {}),
    },
  };
}

/**
 * Checks a parsed `emotion.json`.
 * @throws {DataError} when it is not a classifier of this code's features and classes.
 */
export function checkEmotionClassifier(raw: unknown): EmotionClassifier {
  const c = raw as Partial<EmotionClassifier> | null;
  const m = c?.model;
  const ok =
    c?.format === 1 &&
    !!m &&
    JSON.stringify(m.features) === JSON.stringify(EMOTION_FEATURES) &&
    JSON.stringify(m.classes) === JSON.stringify(QUADRANTS) &&
    m.weights?.length === QUADRANTS.length &&
    m.weights.every((w) => w.length === EMOTION_FEATURES.length) &&
    m.mean?.length === EMOTION_FEATURES.length &&
    m.std?.length === EMOTION_FEATURES.length &&
    m.bias?.length === QUADRANTS.length;
  if (!ok) throw new DataError('the emotion classifier file does not match this version of the features');
  return c as EmotionClassifier;
}

/** The quadrant a piece lands in, or null when it has too few notes to tell. */
export function classifyQuadrant(model: SoftmaxModel, seq: NoteSequence): Quadrant | null {
  const f = emotionFeatures(seq);
  return f ? QUADRANTS[predictClass(model, f)] : null;
}
