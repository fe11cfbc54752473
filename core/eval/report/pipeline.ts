/**
 * Which figures measure the model and which the pipeline. Every comparable figure of a report is listed
 * with each set's value and the reference's, and judged by one rule: the rules-only control (random
 * weights of the shipped shapes through the same pipeline) *reaches* a figure when it does at least as
 * well as the default model, up to a tolerance:
 * - higher is better: control >= default - tolerance;
 * - lower is better: control <= default + tolerance;
 * - closer to the reference is better: |control - reference| <= |default - reference| + tolerance.
 * Tolerance: 0.03 for shares (0..1), 3 points for percentages, 5% of the default's value for other numbers.
 * A figure the control reaches is a *pipeline figure*: the arranger's rules earn it, not the model.
 */
import { MGEVAL_FEATURES } from '../mgeval/features';
import type { QualityMetrics, Summary } from '../muspy';
import { QUALITY_METRICS } from '../muspy';
import type { Rate } from '../relevance';
import type { RoleSummary } from '../roles-summary';
import { ROLE_ROWS } from '../roles-summary';
import { STYLE_MODELS } from './style';
import type { SetName, SetReport } from './types';

/** Which way a figure is better. */
export type Better = 'higher' | 'lower' | 'reference';
/** How a figure is shown and how far "about the same" reaches. */
export type FigureUnit = 'share' | 'percent' | 'number';

/** One figure across the sets. */
export interface PipelineFigure {
  id: string;
  group: 'quality' | 'mgeval' | 'relevance' | 'emotion' | 'style' | 'roles';
  label: string;
  better: Better;
  unit: FigureUnit;
  /** Each set's value (NaN where it is undefined). */
  values: Partial<Record<SetName, number>>;
  /** For a rate over pieces (unit `percent`): each set's hits and pieces behind its value. */
  counts?: Partial<Record<SetName, PieceCount>>;
  /** The reference's value (NaN where there is none). */
  reference: number;
  tolerance: number;
  /** True: the control reaches it (a pipeline figure); false: a model figure; null: cannot tell. */
  pipeline: boolean | null;
}

/** The hits and pieces behind a rate. */
export interface PieceCount {
  hits: number;
  n: number;
}

/** The tolerance of a figure with this unit and default value. */
export function tolerance(unit: FigureUnit, value: number): number {
  return unit === 'share' ? 0.03 : unit === 'percent' ? 3 : 0.05 * Math.abs(value);
}

/** Whether the control reaches the default's figure (null when either value, or a needed reference, is missing). */
export function reaches(
  better: Better,
  def: number,
  control: number,
  reference: number,
  tol: number,
): boolean | null {
  if (!Number.isFinite(def) || !Number.isFinite(control)) return null;
  if (better === 'higher') return control >= def - tol;
  if (better === 'lower') return control <= def + tol;
  if (!Number.isFinite(reference)) return null;
  return Math.abs(control - reference) <= Math.abs(def - reference) + tol;
}

interface Draft {
  id: string;
  group: PipelineFigure['group'];
  label: string;
  better: Better;
  unit: FigureUnit;
  of: (s: SetReport) => number | null | undefined;
  /** For a rate over pieces: the set's hits and pieces (its `of` is their percent). */
  count?: (s: SetReport) => PieceCount | null | undefined;
  reference: number | null | undefined;
}

/** A rate figure's draft fields read from one {@link Rate} of each set. */
function fromRate(read: (s: SetReport) => Rate | null | undefined): Pick<Draft, 'of' | 'count'> {
  return {
    of: (s) => read(s)?.percent,
    count: (s) => {
      const r = read(s);
      return r ? { hits: r.hits, n: r.n } : undefined;
    },
  };
}

const SHARES: readonly (keyof QualityMetrics)[] = [
  'scaleConsistency',
  'emptyBeatRate',
  'grooveConsistency',
  'drumPatternConsistency',
];

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The reference values a figure list needs. */
export interface ReferenceValues {
  quality: Record<keyof QualityMetrics, Summary>;
  roles: RoleSummary;
  /** Role figures of a drum corpus, used for the drum rows when given. */
  drumRoles?: RoleSummary | null;
}

function drafts(ref: ReferenceValues): Draft[] {
  const out: Draft[] = QUALITY_METRICS.map((m) => ({
    id: `quality.${m}`,
    group: 'quality',
    label: m,
    // Drums on the grid are the aim (the main reference may have no drums); the rest aim at the reference.
    better: m === 'drumPatternConsistency' ? 'higher' : 'reference',
    unit: SHARES.includes(m) ? 'share' : 'number',
    of: (s) => s.quality[m].mean,
    reference: ref.quality[m].mean,
  }));
  out.push(
    {
      id: 'mgeval.meanOA',
      group: 'mgeval',
      label: 'MGEval mean overlapped area',
      better: 'higher',
      unit: 'share',
      of: (s) => s.mgeval && mean(s.mgeval.map((m) => m.oa)),
      reference: null,
    },
    {
      id: 'mgeval.meanKLD',
      group: 'mgeval',
      label: 'MGEval mean KL divergence',
      better: 'lower',
      unit: 'number',
      of: (s) => s.mgeval && mean(s.mgeval.map((m) => m.kld)),
      reference: null,
    },
    ...MGEVAL_FEATURES.map((f, i): Draft => ({
      id: `mgeval.${f}.oa`,
      group: 'mgeval',
      label: `MGEval OA: ${f}`,
      better: 'higher',
      unit: 'share',
      of: (s) => s.mgeval?.[i].oa,
      reference: null,
    })),
  );
  for (const k of ['TB', 'TBT', 'CK', 'CKD'] as const)
    out.push({
      id: `relevance.${k}`,
      group: 'relevance',
      label: k,
      better: 'higher',
      unit: 'percent',
      ...fromRate((s) => s.relevance[k]),
      reference: null,
    });
  for (const k of ['asked', 'valence', 'arousal'] as const)
    out.push({
      id: `emotion.${k}`,
      group: 'emotion',
      label: `mood: ${k === 'asked' ? 'asked quadrant' : `${k} sign`}`,
      better: 'higher',
      unit: 'percent',
      ...fromRate((s) => s.emotion?.[k]),
      reference: null,
    });
  for (const set of STYLE_MODELS)
    for (const k of ['top1', 'top3'] as const)
      out.push({
        id: `style.${set}.${k}`,
        group: 'style',
        label: `style prompts heard as the asked style (${set} model, ${k === 'top1' ? 'first' : 'top 3'})`,
        better: 'higher',
        unit: 'percent',
        ...fromRate((s) => s.style?.[set][k]),
        reference: null,
      });
  for (const r of ROLE_ROWS) {
    const from = r.role === 'drums' && ref.drumRoles ? ref.drumRoles : ref.roles;
    out.push({
      id: `roles.${r.id}`,
      group: 'roles',
      label: r.label,
      better: 'reference',
      unit: r.unit,
      of: (s) => s.roles.rows[r.id]?.value,
      reference: from.rows[r.id]?.value,
    });
  }
  return out;
}

const num = (x: number | null | undefined): number => (typeof x === 'number' ? x : NaN);

/** Each set's count, for the sets that have one. */
function countsOf(
  sets: readonly SetReport[],
  count: NonNullable<Draft['count']>,
): Partial<Record<SetName, PieceCount>> {
  const out: Partial<Record<SetName, PieceCount>> = {};
  for (const s of sets) {
    const c = count(s);
    if (c) out[s.name] = c;
  }
  return out;
}

/** Lists every figure of the sets with its values and whether the control reaches it. */
export function pipelineFigures(sets: readonly SetReport[], ref: ReferenceValues): PipelineFigure[] {
  const def = sets.find((s) => s.name === 'default');
  const control = sets.find((s) => s.name === 'control');
  return drafts(ref).map((d) => {
    const values = Object.fromEntries(sets.map((s) => [s.name, num(d.of(s))])) as Partial<
      Record<SetName, number>
    >;
    const reference = num(d.reference);
    const tol = tolerance(d.unit, num(def && d.of(def)));
    const pipeline =
      def && control ? reaches(d.better, num(d.of(def)), num(d.of(control)), reference, tol) : null;
    const counts = d.count && countsOf(sets, d.count);
    return {
      id: d.id,
      group: d.group,
      label: d.label,
      better: d.better,
      unit: d.unit,
      values,
      ...(counts ? { counts } : {}),
      reference,
      tolerance: tol,
      pipeline,
    };
  });
}
