/** The evaluation's headline figures as Markdown tables, for the terminal (and pasting into docs). */
import { MGEVAL_FEATURES } from '../../core/eval/mgeval/features';
import { QUALITY_METRICS } from '../../core/eval/muspy';
import { QUADRANTS } from '../../core/eval/prompts';
import { ORIGINS } from '../../core/eval/provenance';
import type { PipelineFigure } from '../../core/eval/report/pipeline';
import { SET_DESCRIPTIONS } from '../../core/eval/report/types';
import type { EvalReport } from '../../core/eval/report/types';

const f = (x: number | null | undefined, d = 3): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d);
const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const rule = (n: number): string => row(new Array<string>(n).fill('---'));

/** "pipeline" when the rules-only control reaches the figure, "model" when not, "–" when it cannot tell. */
export function verdict(r: EvalReport, id: string): string {
  const p = r.figures.find((x) => x.id === id)?.pipeline;
  return p === true ? 'pipeline' : p === false ? 'model' : '–';
}

const show = (x: number, unit: PipelineFigure['unit']): string =>
  unit === 'share' ? f(x) : unit === 'percent' ? `${f(x, 1)}%` : f(x, 2);

/** The per-role figures beside the reference's, with each figure's verdict. */
export function roleLines(r: EvalReport): string[] {
  const names = r.sets.map((s) => s.name);
  const out = [row(['role figure', ...names, 'reference', 'control reaches it?']), rule(names.length + 3)];
  for (const fig of r.figures.filter((x) => x.group === 'roles'))
    out.push(
      row([
        fig.label,
        ...names.map((n) => show(fig.values[n] ?? NaN, fig.unit)),
        show(fig.reference, fig.unit),
        verdict(r, fig.id),
      ]),
    );
  return out;
}

/** Where the notes came from: per set and role, shares of notes and of sounding time by origin. */
export function provenanceLines(r: EvalReport): string[] {
  const origins = ORIGINS.filter((o) =>
    r.sets.some((s) => Object.values(s.provenance).some((p) => p.noteShare[o] > 0)),
  );
  const out = [
    row(['set', 'role', ...origins.map((o) => `${o} notes`), ...origins.map((o) => `${o} time`), 'notes']),
    rule(3 + 2 * origins.length),
  ];
  for (const s of r.sets)
    for (const [role, p] of Object.entries(s.provenance))
      out.push(
        row([
          s.name,
          role,
          ...origins.map((o) => f(p.noteShare[o])),
          ...origins.map((o) => f(p.timeShare[o])),
          String(p.notes),
        ]),
      );
  return out;
}

const pctOf = (x: { percent: number; hits: number; n: number }): string =>
  `${f(x.percent, 1)}% (${x.hits}/${x.n})`;

/**
 * The style figures: per set, the style prompts heard as the asked style (first, top 3) by the classifier's
 * notes model (the headline) and full model; the styles not judged; the classifier's held-out accuracy.
 */
export function styleLines(r: EvalReport): string[] {
  const s = r.style;
  if (!s) return [];
  const sets = r.sets.filter((x) => x.style);
  const out = [
    `Style prompts (${s.judged} of ${s.prompts} ask for a style the classifier judges; chance ${f(s.chance.top1, 1)}% first, ${f(s.chance.top3, 1)}% top 3). ` +
      'notes model (headline): what is played; full model: also the instrument families, which the arranger picks.',
  ];
  if (s.notJudged.length)
    out.push(`Not judged (no class): ${s.notJudged.map((x) => `${x.style} (${x.prompts})`).join(', ')}`);
  out.push(
    '',
    row(['set', 'notes top-1', 'notes top-3', 'full top-1', 'full top-3']),
    rule(5),
    ...sets.map((x) =>
      row([
        x.name,
        pctOf(x.style!.notes.top1),
        pctOf(x.style!.notes.top3),
        pctOf(x.style!.full.top1),
        pctOf(x.style!.full.top3),
      ]),
    ),
    row([
      'control reaches it?',
      ...(['notes', 'full'] as const).flatMap((m) => [
        verdict(r, `style.${m}.top1`),
        verdict(r, `style.${m}.top3`),
      ]),
    ]),
  );
  for (const x of sets)
    out.push(
      `- ${x.name} heard as (notes, first): ${Object.entries(x.style!.heard)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  const h = s.holdout;
  if (h)
    out.push(
      `style classifier on held-out music: notes ${f(100 * h.notes.accuracy, 1)}% (top-3 ${f(100 * h.notes.top3, 1)}%), ` +
        `full ${f(100 * h.full.accuracy, 1)}% (top-3 ${f(100 * h.full.top3, 1)}%) of ${h.notes.pieces} pieces; per style and confusion matrices in report.html`,
    );
  return out;
}

/** Formats the report's main tables. */
export function summaryLines(r: EvalReport): string[] {
  const names = r.sets.map((s) => s.name);
  const out: string[] = [];
  for (const s of r.sets) out.push(`- ${s.name}: ${SET_DESCRIPTIONS[s.name]} (${s.model})`);
  out.push(
    '- a figure is a pipeline figure when the rules-only control does at least as well as the default model (within 0.03 for shares, 3 points for percentages, 5% otherwise; closeness to the reference where that is the aim)',
    '',
  );
  out.push(
    `${r.settings.prompts} prompts (+ ${r.settings.stylePrompts} style prompts) x ${r.sets.length} models, ${r.settings.seconds} s pieces, ${r.reference.pieces} reference excerpts; ` +
      `wall time ${f(r.timing.total, 1)} s (${Object.entries(r.timing)
        .filter(([k]) => k !== 'total')
        .map(([k, v]) => `${k} ${f(v, 1)}`)
        .join(', ')})`,
    '',
    row(['metric (mean ± std)', ...names, 'reference', 'control reaches it?']),
    rule(names.length + 3),
  );
  for (const m of QUALITY_METRICS)
    out.push(
      row([
        m,
        ...r.sets.map((s) => `${f(s.quality[m].mean)} ± ${f(s.quality[m].std)}`),
        `${f(r.reference.quality[m].mean)} ± ${f(r.reference.quality[m].std)}`,
        verdict(r, `quality.${m}`),
      ]),
    );
  const withMg = r.sets.filter((s) => s.mgeval);
  if (withMg.length) {
    out.push('', row(['MGEval feature', ...withMg.flatMap((s) => [`${s.name} OA`, `${s.name} KLD`])]));
    out.push(rule(1 + 2 * withMg.length));
    MGEVAL_FEATURES.forEach((feat, i) =>
      out.push(row([feat, ...withMg.flatMap((s) => [f(s.mgeval![i].oa), f(s.mgeval![i].kld)])])),
    );
    out.push(
      row([
        'mean',
        ...withMg.flatMap((s) => [
          f(s.mgeval!.reduce((a, m) => a + m.oa, 0) / s.mgeval!.length),
          f(s.mgeval!.reduce((a, m) => a + m.kld, 0) / s.mgeval!.length),
        ]),
      ]),
      row([
        'control reaches it?',
        ...withMg.flatMap(() => [verdict(r, 'mgeval.meanOA'), verdict(r, 'mgeval.meanKLD')]),
      ]),
    );
  }
  out.push('', ...roleLines(r), '', ...provenanceLines(r), '');
  for (const s of r.sets.filter((x) => x.name !== 'baseline'))
    out.push(`- key retry fired (${s.name}): ${s.keyRetry.fired} of ${s.keyRetry.pieces} pieces`);
  const keys = ['TB', 'TBT', 'CK', 'CKD'] as const;
  out.push(
    '',
    'Stated tempo and key (key by the Aarden-Essen profiles, which generation never consults):',
    '',
  );
  out.push(row(['set', ...keys]), rule(5));
  for (const s of r.sets)
    out.push(
      row([
        s.name,
        ...keys.map((k) => `${f(s.relevance[k].percent, 1)}% (${s.relevance[k].hits}/${s.relevance[k].n})`),
      ]),
    );
  out.push(row(['text2midi (MidiCaps, published)', ...keys.map((k) => `${f(r.text2midi[k], 1)}%`)]));
  out.push(row(['control reaches it?', ...keys.map((k) => verdict(r, `relevance.${k}`))]));
  if (r.classifier) {
    const t = r.classifier.training;
    out.push(
      '',
      `emotion classifier: ${f(100 * t.test.accuracy, 1)}% on ${t.testClips} clips of ${t.testSongs} held-out songs` +
        (r.classifier.holdout
          ? `; ${f(100 * r.classifier.holdout.accuracy, 1)}% on ${r.classifier.holdout.clips} clips of ${r.classifier.holdout.dir}`
          : ''),
    );
    const cm = r.classifier.holdout?.confusion ?? t.test.confusion;
    out.push(row(['true \\ predicted', ...QUADRANTS]), rule(5));
    cm.forEach((line, i) => out.push(row([QUADRANTS[i], ...line.map(String)])));
    out.push(
      '',
      `control reaches it? asked quadrant: ${verdict(r, 'emotion.asked')}, valence: ${verdict(r, 'emotion.valence')}, arousal: ${verdict(r, 'emotion.arousal')}`,
      '',
      row(['set', 'asked quadrant', 'valence sign', 'arousal sign', 'embedder reading']),
      rule(5),
    );
    for (const s of r.sets.filter((x) => x.emotion)) {
      const e = s.emotion!;
      out.push(
        row([
          s.name,
          ...[e.asked, e.valence, e.arousal, e.reading].map((x) => `${f(x.percent, 1)}% (${x.hits}/${x.n})`),
        ]),
      );
    }
  }
  if (r.style) out.push('', ...styleLines(r));
  const nov = r.sets.filter((s) => s.novelty);
  const corpora = r.settings.training?.corpora;
  if (nov.length) {
    out.push(
      '',
      `Novelty over every piece, against ${
        corpora
          ? Object.entries(corpora)
              .map(([k, c]) => `${k} (${c.parts} parts)`)
              .join(', ')
          : r.settings.training?.dirs.join(', ')
      }:`,
      '',
      row(['set', 'longest shared run (bars)', 'mean (bars)', 'flagged (> 2 bars)']),
      rule(4),
    );
    for (const s of nov)
      out.push(
        row([s.name, f(s.novelty!.maxBars, 2), f(s.novelty!.meanBars, 2), String(s.novelty!.flagged.length)]),
      );
  }
  if (r.skipped.length) out.push('', `${r.skipped.length} corpus file(s) skipped (listed in report.json)`);
  return out;
}
