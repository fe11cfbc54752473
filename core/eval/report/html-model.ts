/**
 * The report's sections on what the model does and what the rules do: the sets and the rule that makes a
 * figure a pipeline figure (with every figure's verdict), the per-role figures beside the reference's, and
 * where the notes came from.
 */
import { ORIGINS } from '../provenance';
import { LENGTH_CLASSES } from '../roles';
import type { PipelineFigure } from './pipeline';
import type { Series } from './svg';
import { barChart, esc, fmt } from './svg';
import type { EvalReport } from './types';
import { SET_DESCRIPTIONS } from './types';

/** Colours of the sets, the reference and the published reference point. */
export const COLOURS: Record<string, string> = {
  default: '#2f7ed8',
  'rules-off': '#8e5ec9',
  control: '#9a9a9a',
  baseline: '#e4572e',
  reference: '#3a9d5d',
  text2midi: '#c9b037',
};

/** Series for these names in their colours. */
export const series = (names: readonly string[]): Series[] =>
  names.map((name) => ({ name, colour: COLOURS[name] ?? '#666' }));

/** An HTML table (cells are HTML; headers are escaped). */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return `<table><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</table>`;
}

/** The verdict of a figure as a badge: "pipeline" when the control reaches it, "model" when not. */
export function badge(r: EvalReport, id: string): string {
  const p = r.figures.find((f) => f.id === id)?.pipeline;
  if (p === true)
    return '<span class="pipeline" title="the rules-only control reaches this figure: it measures the pipeline">pipeline</span>';
  if (p === false)
    return '<span class="model" title="the rules-only control does not reach this figure">model</span>';
  return '–';
}

const value = (x: number, unit: PipelineFigure['unit']): string =>
  unit === 'percent' ? `${fmt(x, 1)}%` : unit === 'share' ? fmt(x) : fmt(x, 2);

/** The sets, the rule, and every figure with its verdict. */
export function setsSection(r: EvalReport): string {
  const names = r.sets.map((s) => s.name);
  const list = r.sets
    .map(
      (s) =>
        `<li><b>${esc(s.name)}</b>: ${esc(SET_DESCRIPTIONS[s.name])} <span class="note">(${esc(s.model)})</span></li>`,
    )
    .join('');
  const judged = r.figures.filter((f) => f.pipeline !== null);
  const pipeline = judged.filter((f) => f.pipeline).length;
  const rows = r.figures.map((f) => [
    esc(f.group),
    esc(f.label),
    ...names.map((n) => value(f.values[n] ?? NaN, f.unit)),
    value(f.reference, f.unit),
    esc(f.better === 'reference' ? 'closer to reference' : `${f.better} is better`),
    badge(r, f.id),
  ]);
  return `<h2>What the model does, and what the rules do</h2><ul>${list}</ul>
<p>A figure is a <span class="pipeline">pipeline</span> figure when the rules-only control does at least as well as the default model, up to a tolerance (0.03 for shares, 3 points for percentages, 5% of the default's value otherwise): higher-is-better figures when control ≥ default − tolerance, lower-is-better ones when control ≤ default + tolerance, and figures whose aim is the reference when |control − reference| ≤ |default − reference| + tolerance. Such a figure is earned by the arranger's rules, not by the model. <b>${pipeline} of ${judged.length}</b> judged figures are pipeline figures.</p>
<details open><summary>Every figure and its verdict</summary>${table(['group', 'figure', ...names, 'reference', 'aim', 'control reaches it?'], rows)}</details>`;
}

/** The per-role figures, with note-length histograms. */
export function rolesSection(r: EvalReport): string {
  const names = r.sets.map((s) => s.name);
  const rows = r.figures
    .filter((f) => f.group === 'roles')
    .map((f) => [
      esc(f.label),
      ...names.map((n) => value(f.values[n] ?? NaN, f.unit)),
      value(f.reference, f.unit),
      badge(r, f.id),
    ]);
  const charts = (['melody', 'bass', 'harmony'] as const)
    .map((role) =>
      barChart(
        LENGTH_CLASSES,
        series([...names, 'reference']),
        [...r.sets.map((s) => s.roles.lengths[role]), r.reference.roles.roles.lengths[role]],
        {
          name: `roles-lengths-${role}`,
          title: `${role}: note lengths (beats)`,
          width: 350,
          height: 220,
          max: 1,
        },
      ),
    )
    .join('');
  const ref = r.reference.roles;
  const drums = r.drumReference
    ? `; drum figures against ${r.drumReference.pieces} excerpts of ${esc(r.drumReference.dirs.join(', '))}`
    : '; no drum reference was given';
  return `<h2>What each role plays</h2>
<p class="note">Computed by the same code on generated and real music (<code>core/eval/roles.ts</code>), one note per onset (the melody's highest, the bass's lowest). Chords: the plan's for generated pieces, the annotations for the reference (${ref.withChords} of ${ref.pieces} excerpts of ${esc(ref.dirs.join(', '))} have them${drums}). The seed baseline has no chords or roles. Each figure is a mean over pieces (rates) or a share of pieces.</p>
${table(['figure', ...names, 'reference', 'control reaches it?'], rows)}<div class="grid">${charts}</div>`;
}

/** Where the notes came from, per set and role. */
export function provenanceSection(r: EvalReport): string {
  const sets = r.sets.filter((s) => s.provenance.all && s.provenance.all.noteShare.unknown < 1);
  if (sets.length === 0) return '';
  const origins = ORIGINS.filter((o) => o !== 'unknown');
  const rows = sets.flatMap((s) =>
    Object.entries(s.provenance).map(([role, p]) => [
      esc(s.name),
      esc(role),
      String(p.notes),
      ...origins.map((o) => fmt(p.noteShare[o])),
      ...origins.map((o) => fmt(p.timeShare[o])),
      esc(
        Object.entries(p.passes)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => `${k} ${fmt(v, 2)}`)
          .join(', '),
      ),
    ]),
  );
  const roles = ['melody', 'harmony', 'bass', 'drums'] as const;
  const chart = barChart(
    roles,
    series(sets.map((s) => s.name)),
    sets.map((s) => roles.map((role) => s.provenance[role]?.timeShare.model ?? NaN)),
    {
      name: 'provenance-model-time',
      title: 'Share of sounding time sampled by the model',
      max: 1,
    },
  );
  return `<h2>Where the notes came from</h2>
<p class="note">Every note the arranger writes carries its origin: <b>model</b> (sampled by the network), <b>copy</b> (a repeated section or a drum loop), <b>rule</b> (a fill, a crash, the ending, a sustained voicing), <b>mended</b> (a model note a pass moved or shortened). Shares of notes and of sounding time, pooled over each set's pieces; the last column names the passes (share of the role's notes).</p>
${table(['set', 'role', 'notes', ...origins.map((o) => `${o} (notes)`), ...origins.map((o) => `${o} (time)`), 'passes'], rows)}${chart}
<p>Key retry (the arranger writes a piece again when its own key finder does not hear the asked key): ${sets
    .map((s) => `${esc(s.name)} ${s.keyRetry.fired} of ${s.keyRetry.pieces} pieces`)
    .join('; ')}.</p>`;
}

/** The corpus files the readers skipped. */
export function skippedSection(r: EvalReport): string {
  if (r.skipped.length === 0) return '';
  const items = r.skipped.map((f) => `<li>${esc(f.path)}: ${esc(f.reason)}</li>`).join('');
  return `<h2>Files skipped</h2><details><summary>${r.skipped.length} corpus files could not be used</summary><ul>${items}</ul></details>`;
}
