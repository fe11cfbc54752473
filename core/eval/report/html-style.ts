/**
 * The report page's style section: how often the style prompts' pieces are heard as the asked style, per
 * set and per style, by both of the classifier's models, beside the classifier's own held-out accuracy per
 * style and its confusion matrices.
 */
import type { StyleFeatureSet } from '../style/model';
import { badge, series, table } from './html-model';
import { STYLE_MODELS } from './style';
import { barChart, esc, fmt, heatMap } from './svg';
import type { EvalReport, SetReport } from './types';

const pct = (x: number): string => `${fmt(x, 1)}%`;
const MODEL_NOTE: Record<StyleFeatureSet, string> = {
  notes: 'what is played: notes, rhythm, drum pattern, tempo and meter',
  full: 'the same plus each instrument family’s share of the sounding time (the arranger’s orchestration)',
};

function heldOut(r: EvalReport): string {
  const s = r.style!;
  if (!s.holdout) return '<p>The classifier file records no held-out score.</p>';
  const h = s.holdout;
  const styles = Object.keys(h.notes.perStyle).sort();
  const rows = styles.map((style) => [
    esc(style),
    String(h.notes.perStyle[style].pieces),
    ...STYLE_MODELS.flatMap((m) => [
      pct(100 * h[m].perStyle[style].accuracy),
      pct(100 * h[m].perStyle[style].top3),
    ]),
  ]);
  rows.push([
    '<b>all</b>',
    String(h.notes.pieces),
    ...STYLE_MODELS.flatMap((m) => [
      `${pct(100 * h[m].accuracy)} (${pct(100 * h[m].balancedAccuracy)} per style)`,
      pct(100 * h[m].top3),
    ]),
  ]);
  const short = s.classes.map((c) => c.slice(0, 4));
  const maps = STYLE_MODELS.map((m) =>
    heatMap(h[m].confusion, s.classes, short, {
      name: `style-confusion-${m}`,
      title: `Held-out pieces, ${m} model: ${pct(100 * h[m].accuracy)} of ${h[m].pieces}`,
    }),
  ).join('');
  return `<h3>The classifier on held-out music</h3>
${table(['true style', 'held-out pieces', 'notes top-1', 'notes top-3', 'full top-1', 'full top-3'], rows)}
<div class="grid">${maps}</div>`;
}

function perStyle(r: EvalReport, sets: readonly SetReport[]): string {
  const styles = [...new Set(sets.flatMap((s) => Object.keys(s.style!.perStyle)))].sort();
  const rows = styles.map((style) => [
    esc(style),
    String(sets[0].style!.perStyle[style]?.prompts ?? 0),
    ...sets.map((s) => {
      const x = s.style!.perStyle[style];
      return x ? `${x.notes.top1} / ${x.notes.top3} · ${x.full.top1} / ${x.full.top3}` : '–';
    }),
  ]);
  rows.push([
    '<i>heard as (notes, first choice)</i>',
    '',
    ...sets.map((s) =>
      esc(
        Object.entries(s.style!.heard)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
      ),
    ),
  ]);
  return table(
    ['asked style', 'prompts', ...sets.map((s) => `${s.name}: notes t1 / t3 · full t1 / t3`)],
    rows,
  );
}

/** The style section (or a line saying that no style classifier or style prompt was given). */
export function styleHtml(r: EvalReport): string {
  const s = r.style;
  const head = '<h2>Relevance: style (style classifier)</h2>';
  if (!s) return `${head}<p>No style classifier was given.</p>`;
  const sets = r.sets.filter((x) => x.style);
  const t = s.training;
  const intro = `<p>Softmax regression on hand-made features, trained on ${t.pieces} labelled pieces of ${t.songs} songs of the training corpora (at most ${t.maxPerStyle} per style), telling ${s.classes.length} styles apart: ${esc(s.classes.join(', '))}. Two models: <b>notes</b>, the headline (${MODEL_NOTE.notes}), and <b>full</b> (${MODEL_NOTE.full}). Tempo and meter are the plan’s, so the rules-only control shows how far the plan alone goes.</p>
<p class="note">${s.prompts} prompts ask for a style; ${s.judged} ask for one the classifier judges. ${
    s.notJudged.length
      ? `Not judged (too few training pieces for a class): ${s.notJudged.map((x) => `${esc(x.style)} (${x.prompts} prompts)`).join(', ')}.`
      : 'Every asked style is judged.'
  } Chance: ${pct(s.chance.top1)} first, ${pct(s.chance.top3)} in the top 3.</p>`;
  if (sets.length === 0)
    return `${head}${intro}<p>No prompt asks for a style the classifier judges.</p>${heldOut(r)}`;
  const labels = ['notes top-1', 'notes top-3', 'full top-1', 'full top-3'];
  const values = (x: SetReport): number[] =>
    STYLE_MODELS.flatMap((m) => [x.style![m].top1.percent, x.style![m].top3.percent]);
  const rows = sets.map((x) => [
    esc(x.name),
    ...STYLE_MODELS.flatMap((m) =>
      (['top1', 'top3'] as const).map(
        (k) => `${pct(x.style![m][k].percent)} (${x.style![m][k].hits}/${x.style![m][k].n})`,
      ),
    ),
  ]);
  rows.push([
    'control reaches it?',
    ...STYLE_MODELS.flatMap((m) => (['top1', 'top3'] as const).map((k) => badge(r, `style.${m}.${k}`))),
  ]);
  const chart = barChart(labels, series(sets.map((x) => x.name)), sets.map(values), {
    name: 'style-hits',
    title: 'Style prompts heard as the asked style (%)',
    max: 100,
    line: { value: s.chance.top1, label: 'chance (first)' },
  });
  return `${head}${intro}${table(['set', ...labels], rows)}${chart}
<details><summary>Per asked style: prompts heard as that style first / in the top 3</summary>${perStyle(r, sets)}</details>${heldOut(r)}`;
}
