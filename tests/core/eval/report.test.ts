import { describe, expect, it } from 'vitest';
import { MGEVAL_FEATURES } from '../../../core/eval/mgeval/features';
import { QUALITY_METRICS } from '../../../core/eval/muspy';
import { evaluate } from '../../../core/eval/report/evaluate';
import { reportHtml } from '../../../core/eval/report/html';
import { fixtureInput } from './report-fixture';

describe('evaluate', () => {
  const report = evaluate(fixtureInput());

  it('reports every piece of both sets with its prompt and seed', () => {
    expect(report.pieces.length).toBe(12);
    expect(report.sets.map((s) => [s.name, s.model, s.pieces])).toEqual([
      ['default', 'test-default@1', 6],
      ['baseline', 'test-baseline@1', 6],
    ]);
    expect(report.pieces.filter((p) => p.set === 'baseline').map((p) => [p.prompt, p.seed])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 6],
    ]);
    expect(Object.keys(report.sets[0].quality)).toEqual([...QUALITY_METRICS]);
    expect(report.sets[0].quality.drumPatternConsistency).toEqual({ mean: 1, std: 0, n: 6 });
    expect(report.sets[1].quality.drumPatternConsistency.n).toBe(0);
    expect(report.reference.pieces).toBe(6);
    expect(report.prompts[0]).toEqual({
      prompt: 'upbeat launch, 120 bpm in C major',
      tempo: 120,
      key: 'C major',
    });
  });

  it('scores stated tempo and key over the prompts that state them', () => {
    const d = report.sets[0].relevance;
    expect([d.TB.n, d.CK.n]).toEqual([2, 2]);
    // Default pieces are written at the asked tempos; the baseline's 120 bpm lands in prompt 1's bin only.
    expect(d.TB.hits).toBe(2);
    expect(report.sets[1].relevance.TB).toEqual({ percent: 50, hits: 1, n: 2 });
    expect(report.text2midi.TB).toBe(39.7);
  });

  it('compares each set with the reference on every MGEval feature', () => {
    const mg = report.sets[0].mgeval!;
    expect(mg.map((m) => m.feature)).toEqual([...MGEVAL_FEATURES]);
    expect(mg.every((m) => m.oa >= 0 && m.oa <= 1 && m.kld >= 0)).toBe(true);
    // The default set is built like the reference; the baseline's wandering line is not.
    const meanOa = (i: number): number =>
      report.sets[i].mgeval!.reduce((s, m) => s + m.oa, 0) / MGEVAL_FEATURES.length;
    expect(meanOa(0)).toBeGreaterThan(meanOa(1));
  });

  it('flags the piece that copies 3 bars of a training tune, and only it', () => {
    const flagged = report.sets[0].novelty!.flagged;
    expect(flagged).toEqual([{ prompt: 0, bars: 23 / 8, notes: 24, role: 'melody' }]);
    expect(report.sets[1].novelty!.flagged).toEqual([]);
    expect(report.sets[0].novelty!.maxBars).toBe(23 / 8);
  });

  it('classifies every piece and counts hits over the mood prompts', () => {
    const e = report.sets[0].emotion!;
    expect(e.asked.n).toBe(3);
    expect(e.reading.n).toBe(6);
    expect(report.pieces.every((p) => p.emotion.predicted !== undefined)).toBe(true);
    expect(report.pieces[3].emotion.asked).toBe('Q1');
    expect(report.classifier?.training.testClips).toBeGreaterThan(0);
  });

  it('is plain JSON and refuses a set with the wrong number of pieces', () => {
    expect(JSON.parse(JSON.stringify(report)).pieces.length).toBe(12);
    const input = fixtureInput();
    input.sets[1].pieces.pop();
    expect(() => evaluate(input)).toThrow(RangeError);
  });

  it('renders one self-contained page: every section, no external resource', () => {
    const html = reportHtml(report, [{ prompt: 0, set: 'default', src: 'data:image/png;base64,AAAA' }]);
    for (const name of [
      'quality-pitchClassEntropy',
      'histogram-pitchClass',
      'mgeval-oa',
      'mgeval-kde-avgIoi',
      'relevance',
      'confusion-test',
      'confusion-holdout',
      'emotion-hits',
      'novelty',
    ])
      expect(html).toContain(`data-plot="${name}"`);
    expect(html.match(/class="plot"/g)?.length).toBe(8 + 2 + 1 + 9 + 1 + 2 + 1 + 1);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:/);
    expect(html).toContain('upbeat launch, 120 bpm in C major');
  });
});
