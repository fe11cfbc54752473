/**
 * Style relevance: for every prompt that asks for a style, the style classifier's ranking of the generated
 * piece (`../style/model.ts`), by both of its models: `notes` (what is played: notes, rhythm, drum pattern,
 * tempo and meter) and `full` (the same plus each instrument family's share of the sounding time, which in
 * a generated piece the arranger's orchestration chooses). A piece is quantized to the codec's grid first,
 * as the classifier's training pieces were. A style the classifier has no class for is not judged.
 */
import { quantizeNotes } from '../../codec/events';
import type { Style } from '../../conditioning';
import type { NoteSequence } from '../../sequence';
import type { Rate } from '../relevance';
import { rate } from '../relevance';
import type { StyleClassifier, StyleFeatureSet, StyleScore } from '../style/model';
import { classifyStyle } from '../style/model';

/** The two models, the headline first. */
export const STYLE_MODELS: readonly StyleFeatureSet[] = ['notes', 'full'];

/** What the classifier hears in one piece whose prompt asks for a style. */
export interface PieceStyle {
  asked: Style;
  /** False when the classifier has no class for the asked style (the piece is then not judged). */
  judged: boolean;
  /** The three most probable styles by each model, most probable first; null when the piece is too short. */
  notes: Style[] | null;
  full: Style[] | null;
}

/** Hit rates of one model: the asked style first, or among the first three. */
export interface StyleRates {
  top1: Rate;
  top3: Rate;
}

/** A set's style figures over the prompts whose style the classifier judges. */
export interface SetStyle {
  notes: StyleRates;
  full: StyleRates;
  /** Per asked style: prompts, and top-1 / top-3 hits of each model. */
  perStyle: Record<string, { prompts: number } & Record<StyleFeatureSet, { top1: number; top3: number }>>;
  /** How often each style is the `notes` model's first choice (what the set sounds like to it). */
  heard: Record<string, number>;
}

/** The classifier's side of the report: what it knows, what it cannot judge, how well it does on held-out music. */
export interface StyleSection {
  /** The classifier file. */
  name: string;
  classes: Style[];
  /** Chance of a uniform guess among the classes (percent): top-1 100/k, top-3 300/k. */
  chance: { top1: number; top3: number };
  /** Prompts that ask for a style, and how many of them the classifier judges. */
  prompts: number;
  judged: number;
  /** Asked styles the classifier has no class for (too few training pieces), with their prompt counts. */
  notJudged: { style: Style; prompts: number }[];
  training: Pick<StyleClassifier['training'], 'pieces' | 'songs' | 'perStyle' | 'maxPerStyle'>;
  /** Held-out accuracy per style and confusion matrices (rows true, columns predicted, `classes` order). */
  holdout: Record<StyleFeatureSet, StyleScore> | null;
}

/** Ranks one piece's styles by both models. */
export function pieceStyle(classifier: StyleClassifier, asked: Style, seq: NoteSequence): PieceStyle {
  const grid = { ...seq, notes: quantizeNotes(seq.notes) };
  const top = (set: StyleFeatureSet): Style[] | null =>
    classifyStyle(classifier, grid, set)
      ?.slice(0, 3)
      .map((r) => r.style) ?? null;
  return { asked, judged: classifier.classes.includes(asked), notes: top('notes'), full: top('full') };
}

const hit = (ranked: Style[] | null, asked: Style, k: number): boolean =>
  !!ranked && ranked.slice(0, k).includes(asked);

/** A set's figures over its judged pieces (a piece too short to classify is a miss). */
export function setStyle(pieces: readonly PieceStyle[]): SetStyle {
  const judged = pieces.filter((p) => p.judged);
  const rates = (set: StyleFeatureSet): StyleRates => ({
    top1: rate(judged.map((p) => hit(p[set], p.asked, 1))),
    top3: rate(judged.map((p) => hit(p[set], p.asked, 3))),
  });
  const perStyle: SetStyle['perStyle'] = {};
  const heard: Record<string, number> = {};
  for (const p of judged) {
    const row = (perStyle[p.asked] ??= {
      prompts: 0,
      notes: { top1: 0, top3: 0 },
      full: { top1: 0, top3: 0 },
    });
    row.prompts++;
    for (const set of STYLE_MODELS) {
      row[set].top1 += hit(p[set], p.asked, 1) ? 1 : 0;
      row[set].top3 += hit(p[set], p.asked, 3) ? 1 : 0;
    }
    const first = p.notes?.[0];
    if (first) heard[first] = (heard[first] ?? 0) + 1;
  }
  return { notes: rates('notes'), full: rates('full'), perStyle, heard };
}

/** The classifier's section for prompts asking for the styles `asked` (one entry per prompt). */
export function styleSection(name: string, c: StyleClassifier, asked: readonly Style[]): StyleSection {
  const missing = new Map<Style, number>();
  for (const s of asked) if (!c.classes.includes(s)) missing.set(s, (missing.get(s) ?? 0) + 1);
  const k = c.classes.length;
  const { pieces, songs, perStyle, maxPerStyle } = c.training;
  return {
    name,
    classes: [...c.classes],
    chance: { top1: 100 / k, top3: (100 * Math.min(3, k)) / k },
    prompts: asked.length,
    judged: asked.filter((s) => c.classes.includes(s)).length,
    notJudged: [...missing].map(([style, prompts]) => ({ style, prompts })),
    training: { pieces, songs, perStyle, maxPerStyle },
    holdout: c.training.holdout ?? null,
  };
}
