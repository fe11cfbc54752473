/**
 * The style classifier: softmax regression (the emotion classifier's, `../emotion/classifier.ts`) over
 * the hand-made features of `features.ts`, trained on pieces with a trustworthy style label from the
 * training corpora only. Two models share one file: `full` (every feature, instrumentation included) and
 * `notes` (what is played only: in a generated piece the arranger picks the instruments, so `notes` is the
 * fairer judge of the model). Each style is capped at `maxPerStyle` pieces (chosen by hash) so that the
 * 1,080 chorales do not outvote the rest; the L2 weight is picked by 5-fold cross-validation grouped by
 * song on the training side. The held-out corpora (`../shared/holdout`) are only scored, never used for a
 * choice.
 */
import type { Style } from '../../conditioning';
import { STYLES } from '../../conditioning';
import { DataError } from '../../errors';
import type { NoteSequence } from '../../sequence';
import { fnv1a } from '../hash';
import type { SoftmaxModel } from '../emotion/classifier';
import { accuracyOf, chooseL2, confusionMatrix, predictProba, trainSoftmax } from '../emotion/classifier';
import { NOTE_FEATURES, STYLE_FEATURES, styleFeatures } from './features';

/** One labelled piece's features. */
export interface LabelledPiece {
  id: string;
  /** Song id: pieces of one song stay on one side of every fold. */
  song: string;
  style: Style;
  /** {@link STYLE_FEATURES} order. */
  features: number[];
}

/** Which model: every feature, or what is played only. */
export type StyleFeatureSet = 'full' | 'notes';

/** Accuracy of one model on a set of pieces. */
export interface StyleScore {
  pieces: number;
  /** Top-1 accuracy. */
  accuracy: number;
  /** Mean of the per-style top-1 accuracies (each style counts once, however many pieces it has). */
  balancedAccuracy: number;
  /** The true style among the three most probable. */
  top3: number;
  /** Per true style: pieces, top-1 and top-3 accuracy. */
  perStyle: Record<string, { pieces: number; accuracy: number; top3: number }>;
  /** Rows: true style (in `classes` order), columns: predicted. */
  confusion: number[][];
}

/** The shipped classifier (`assets/eval/style.json`). */
export interface StyleClassifier {
  format: 1;
  /** The styles it tells apart (those with enough training pieces), in {@link STYLES} order. */
  classes: Style[];
  full: SoftmaxModel;
  notes: SoftmaxModel;
  training: {
    pieces: number;
    songs: number;
    /** Training pieces per style after the cap. */
    perStyle: Record<string, number>;
    maxPerStyle: number;
    /** Cross-validated accuracy of each L2 weight tried (training side only), per model. */
    cvAccuracy: Record<StyleFeatureSet, Record<string, number>>;
    /** Scores on held-out corpora, when given. */
    holdout?: Record<StyleFeatureSet, StyleScore>;
  };
}

/** Settings of {@link trainStyleClassifier}. */
export interface StyleTrainOptions {
  /** Most training pieces per style. Default 150. */
  maxPerStyle?: number;
  /** Fewest training pieces for a style to be a class. Default 6. */
  minPerStyle?: number;
  /** L2 weights tried by cross-validation. Default 0.0001, 0.001, 0.01. */
  l2Candidates?: number[];
  /** Gradient steps. Default 600. */
  iterations?: number;
}

const columns = (set: StyleFeatureSet): number =>
  set === 'full' ? STYLE_FEATURES.length : NOTE_FEATURES.length;

/** Caps each style at `max` pieces, keeping those whose id hashes lowest (the same on every run). */
export function capPerStyle(pieces: readonly LabelledPiece[], max: number): LabelledPiece[] {
  const by = new Map<string, LabelledPiece[]>();
  for (const p of pieces) by.set(p.style, [...(by.get(p.style) ?? []), p]);
  return [...by.values()].flatMap((ps) =>
    ps.sort((a, b) => fnv1a(a.id) - fnv1a(b.id) || (a.id < b.id ? -1 : 1)).slice(0, max),
  );
}

/** Styles ranked by probability for one feature vector. */
function rank(model: SoftmaxModel, classes: readonly Style[], features: readonly number[]) {
  const p = predictProba(model, features.slice(0, model.features.length));
  return classes.map((style, i) => ({ style, p: p[i] })).sort((a, b) => b.p - a.p);
}

/** Scores one model on labelled pieces (pieces of a style the classifier does not know count as misses). */
export function scoreStyles(
  c: Pick<StyleClassifier, 'classes' | StyleFeatureSet>,
  set: StyleFeatureSet,
  pieces: readonly LabelledPiece[],
): StyleScore {
  const known = pieces.filter((p) => c.classes.includes(p.style));
  const ranked = known.map((p) => rank(c[set], c.classes, p.features));
  const truth = known.map((p) => c.classes.indexOf(p.style));
  const predicted = ranked.map((r) => c.classes.indexOf(r[0].style));
  const hit3 = known.map((p, i) => ranked[i].slice(0, 3).some((r) => r.style === p.style));
  const confusion = confusionMatrix(truth, predicted, c.classes.length);
  const perStyle: StyleScore['perStyle'] = {};
  for (const style of new Set(pieces.map((p) => p.style))) {
    const idx = known.flatMap((p, i) => (p.style === style ? [i] : []));
    const all = pieces.filter((p) => p.style === style).length;
    perStyle[style] = {
      pieces: all,
      accuracy: idx.filter((i) => predicted[i] === truth[i]).length / all,
      top3: idx.filter((i) => hit3[i]).length / all,
    };
  }
  const styles = Object.values(perStyle);
  return {
    pieces: pieces.length,
    accuracy: (accuracyOf(confusion) * known.length) / Math.max(1, pieces.length),
    balancedAccuracy: styles.reduce((s, r) => s + r.accuracy, 0) / Math.max(1, styles.length),
    top3: hit3.filter(Boolean).length / Math.max(1, pieces.length),
    perStyle,
    confusion,
  };
}

/**
 * Trains both models on `train` (capped per style; styles with too few pieces left out) and scores them on
 * `holdout` when given.
 * @throws {DataError} when fewer than two styles have enough pieces.
 */
export function trainStyleClassifier(
  train: readonly LabelledPiece[],
  holdout?: readonly LabelledPiece[],
  options: StyleTrainOptions = {},
): StyleClassifier {
  const {
    maxPerStyle = 150,
    minPerStyle = 6,
    l2Candidates = [0.0001, 0.001, 0.01],
    iterations = 600,
  } = options;
  const capped = capPerStyle(train, maxPerStyle);
  const counts = new Map<string, number>();
  for (const p of capped) counts.set(p.style, (counts.get(p.style) ?? 0) + 1);
  const classes = STYLES.filter((s) => (counts.get(s) ?? 0) >= minPerStyle);
  if (classes.length < 2)
    throw new DataError(`only ${classes.length} style(s) have ${minPerStyle} labelled pieces`);
  const used = capped.filter((p) => classes.includes(p.style)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const y = used.map((p) => classes.indexOf(p.style));
  const groups = used.map((p) => p.song);
  const fit = (set: StyleFeatureSet) => {
    const x = used.map((p) => p.features.slice(0, columns(set)));
    const names = { features: STYLE_FEATURES.slice(0, columns(set)), classes };
    const cv = chooseL2(x, y, groups, names, l2Candidates, 5, { iterations });
    return { model: trainSoftmax(x, y, names, { iterations, l2: cv.l2 }), cv: cv.accuracy };
  };
  const full = fit('full');
  const notes = fit('notes');
  const c: StyleClassifier = {
    format: 1,
    classes,
    full: full.model,
    notes: notes.model,
    training: {
      pieces: used.length,
      songs: new Set(groups).size,
      perStyle: Object.fromEntries(classes.map((s) => [s, used.filter((p) => p.style === s).length])),
      maxPerStyle,
      cvAccuracy: { full: full.cv, notes: notes.cv },
    },
  };
  if (holdout?.length)
    c.training.holdout = { full: scoreStyles(c, 'full', holdout), notes: scoreStyles(c, 'notes', holdout) };
  return c;
}

/**
 * Checks a parsed `style.json`.
 * @throws {DataError} when it is not a classifier of this code's features.
 */
export function checkStyleClassifier(raw: unknown): StyleClassifier {
  const c = raw as Partial<StyleClassifier> | null;
  const fits = (m: SoftmaxModel | undefined, set: StyleFeatureSet): boolean =>
    !!m &&
    JSON.stringify(m.features) === JSON.stringify(STYLE_FEATURES.slice(0, columns(set))) &&
    m.weights?.length === c?.classes?.length &&
    m.weights.every((w) => w.length === columns(set)) &&
    m.mean?.length === columns(set) &&
    m.std?.length === columns(set) &&
    m.bias?.length === c?.classes?.length;
  const ok =
    c?.format === 1 &&
    Array.isArray(c.classes) &&
    c.classes.every((s) => (STYLES as readonly string[]).includes(s)) &&
    fits(c.full, 'full') &&
    fits(c.notes, 'notes');
  if (!ok) throw new DataError('the style classifier file does not match this version of the features');
  return c as StyleClassifier;
}

/**
 * The styles a piece sounds like, most probable first (`set` 'notes' judges what is played only; default
 * 'full'); null when the piece is too short to tell (under 16 notes or 4 beats).
 */
export function classifyStyle(
  classifier: StyleClassifier,
  seq: NoteSequence,
  set: StyleFeatureSet = 'full',
): { style: Style; p: number }[] | null {
  const f = styleFeatures(seq);
  return f ? rank(classifier[set], classifier.classes, f) : null;
}
