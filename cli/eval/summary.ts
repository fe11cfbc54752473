/** The evaluation's headline figures as Markdown tables, for the terminal (and pasting into docs). */
import { MGEVAL_FEATURES } from '../../core/eval/mgeval/features';
import { QUALITY_METRICS } from '../../core/eval/muspy';
import { QUADRANTS } from '../../core/eval/prompts';
import type { EvalReport } from '../../core/eval/report/types';

const f = (x: number | null | undefined, d = 3): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d);
const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const rule = (n: number): string => row(new Array<string>(n).fill('---'));

/** Formats the report's main tables. */
export function summaryLines(r: EvalReport): string[] {
  const names = r.sets.map((s) => s.name);
  const out: string[] = [];
  out.push(
    `${r.settings.prompts} prompts x ${r.sets.length} models, ${r.settings.seconds} s pieces, ${r.reference.pieces} reference excerpts; ` +
      `wall time ${f(r.timing.total, 1)} s (${Object.entries(r.timing)
        .filter(([k]) => k !== 'total')
        .map(([k, v]) => `${k} ${f(v, 1)}`)
        .join(', ')})`,
    '',
    row(['metric (mean ± std)', ...names, 'reference']),
    rule(names.length + 2),
  );
  for (const m of QUALITY_METRICS)
    out.push(
      row([
        m,
        ...r.sets.map((s) => `${f(s.quality[m].mean)} ± ${f(s.quality[m].std)}`),
        `${f(r.reference.quality[m].mean)} ± ${f(r.reference.quality[m].std)}`,
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
    );
  }
  const keys = ['TB', 'TBT', 'CK', 'CKD'] as const;
  out.push('', row(['set', ...keys]), rule(5));
  for (const s of r.sets)
    out.push(
      row([
        s.name,
        ...keys.map((k) => `${f(s.relevance[k].percent, 1)}% (${s.relevance[k].hits}/${s.relevance[k].n})`),
      ]),
    );
  out.push(row(['text2midi (MidiCaps, published)', ...keys.map((k) => `${f(r.text2midi[k], 1)}%`)]));
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
    out.push('', row(['set', 'asked quadrant', 'valence sign', 'arousal sign', 'embedder reading']), rule(5));
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
  const nov = r.sets.filter((s) => s.novelty);
  if (nov.length) {
    out.push('', row(['set', 'longest shared run (bars)', 'mean (bars)', 'flagged (> 2 bars)']), rule(4));
    for (const s of nov)
      out.push(
        row([s.name, f(s.novelty!.maxBars, 2), f(s.novelty!.meanBars, 2), String(s.novelty!.flagged.length)]),
      );
  }
  return out;
}
