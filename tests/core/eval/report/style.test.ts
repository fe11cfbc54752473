import { describe, expect, it } from 'vitest';
import { summaryLines, styleLines } from '../../../../cli/eval/summary';
import type { EvaluateInput } from '../../../../core/eval/report/evaluate';
import { evaluate } from '../../../../core/eval/report/evaluate';
import { reportHtml } from '../../../../core/eval/report/html';
import { styleHtml } from '../../../../core/eval/report/html-style';
import { pieceStyle, setStyle, styleSection } from '../../../../core/eval/report/style';
import { trainStyleClassifier } from '../../../../core/eval/style/model';
import type { NoteSequence } from '../../../../core/sequence';
import { emptySequence } from '../../../../core/sequence';
import { fixtureInput } from '../report-fixture';
import { jazz, labelled, orchestral, rock } from '../style/pieces';

const classifier = trainStyleClassifier(labelled(0, 10), labelled(100, 4), {
  iterations: 150,
  l2Candidates: [0.01],
});

const STYLE_PROMPTS = [
  { prompt: 'driving rock for a truck', style: 'rock' as const },
  { prompt: 'late night jazz club', style: 'jazz' as const },
  { prompt: 'bossa nova on the beach', style: 'latin' as const },
];

/**
 * The report fixture with three style prompts after its six: the default plays rock and jazz as asked, the
 * control plays strings for everything, the others a rock piece for each.
 */
function withStyle(): EvaluateInput {
  const input = fixtureInput();
  const block: Record<string, NoteSequence[]> = {
    default: [rock(200), jazz(201), orchestral(202)],
    control: [orchestral(203), orchestral(204), orchestral(205)],
  };
  return {
    ...input,
    prompts: [...input.prompts, ...STYLE_PROMPTS],
    mainPrompts: input.prompts.length,
    seeds: [...input.seeds, 7, 8, 9],
    sets: input.sets.map((s) => ({
      ...s,
      pieces: [...s.pieces, ...(block[s.name] ?? [rock(210), rock(211), rock(212)])],
    })),
    styleClassifier: { name: 'style.json', classifier },
  };
}

describe('style relevance of one piece and of a set', () => {
  it('ranks a piece by both models and judges only a style the classifier has a class for', () => {
    expect(pieceStyle(classifier, 'rock', rock(300))).toEqual({
      asked: 'rock',
      judged: true,
      notes: ['rock', expect.any(String), expect.any(String)],
      full: ['rock', expect.any(String), expect.any(String)],
    });
    expect(pieceStyle(classifier, 'latin', jazz(301)).judged).toBe(false);
    // Too short to tell: no ranking, and a miss when judged.
    expect(pieceStyle(classifier, 'jazz', emptySequence(120))).toEqual({
      asked: 'jazz',
      judged: true,
      notes: null,
      full: null,
    });
  });

  it('counts first and top-3 hits over the judged pieces, per asked style, and what the set sounds like', () => {
    const s = setStyle([
      {
        asked: 'rock',
        judged: true,
        notes: ['rock', 'jazz', 'orchestral'],
        full: ['jazz', 'rock', 'orchestral'],
      },
      {
        asked: 'rock',
        judged: true,
        notes: ['jazz', 'orchestral', 'rock'],
        full: ['jazz', 'orchestral', 'rock'],
      },
      { asked: 'jazz', judged: true, notes: null, full: null },
      {
        asked: 'latin',
        judged: false,
        notes: ['rock', 'jazz', 'orchestral'],
        full: ['rock', 'jazz', 'orchestral'],
      },
    ]);
    expect(s.notes.top1).toEqual({ hits: 1, n: 3, percent: 100 / 3 });
    expect(s.notes.top3).toEqual({ hits: 2, n: 3, percent: 200 / 3 });
    expect([s.full.top1.hits, s.full.top3.hits]).toEqual([0, 2]);
    expect(s.perStyle).toEqual({
      rock: { prompts: 2, notes: { top1: 1, top3: 2 }, full: { top1: 0, top3: 2 } },
      jazz: { prompts: 1, notes: { top1: 0, top3: 0 }, full: { top1: 0, top3: 0 } },
    });
    expect(s.heard).toEqual({ rock: 1, jazz: 1 });
  });

  it('describes the classifier: classes, chance, the styles it cannot judge, its held-out scores', () => {
    const s = styleSection('style.json', classifier, ['rock', 'latin', 'jazz', 'latin', 'funk']);
    expect(s.classes).toEqual(['rock', 'jazz', 'orchestral']);
    expect(s.chance).toEqual({ top1: 100 / 3, top3: 100 });
    expect([s.prompts, s.judged]).toEqual([5, 2]);
    expect(s.notJudged).toEqual([
      { style: 'latin', prompts: 2 },
      { style: 'funk', prompts: 1 },
    ]);
    expect([s.training.pieces, s.holdout!.notes.pieces, s.holdout!.notes.accuracy]).toEqual([30, 12, 1]);
  });
});

describe('the evaluation with a block of style prompts', () => {
  const plain = evaluate(fixtureInput());
  const report = evaluate(withStyle());

  it('scores the style prompts per set, and labels what the control reaches as a pipeline figure', () => {
    expect([report.settings.prompts, report.settings.stylePrompts]).toEqual([6, 3]);
    expect(report.settings.seeds).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(report.prompts[8]).toEqual({ prompt: 'bossa nova on the beach', style: 'latin' });
    expect(report.pieces).toHaveLength(36);
    const hits = report.sets.map((s) => [s.name, s.style!.notes.top1.hits, s.style!.notes.top1.n]);
    expect(hits).toEqual([
      ['default', 2, 2],
      ['rules-off', 1, 2],
      ['control', 0, 2],
      ['baseline', 1, 2],
    ]);
    expect(report.sets[0].style!.full.top1.percent).toBe(100);
    expect(report.sets[2].style!.heard).toEqual({ orchestral: 2 });
    expect(report.style!.notJudged).toEqual([{ style: 'latin', prompts: 1 }]);
    const fig = report.figures.find((f) => f.id === 'style.notes.top1')!;
    expect([fig.values.default, fig.values.control, fig.pipeline]).toEqual([100, 0, false]);
    // Three classes: every ranking holds the asked style in its top 3, so the control reaches it.
    expect(report.figures.find((f) => f.id === 'style.notes.top3')!.pipeline).toBe(true);
  });

  it('leaves every figure but style and novelty as it is without the block', () => {
    for (const [a, b] of report.sets.map((s, i) => [s, plain.sets[i]] as const)) {
      expect(a.pieces).toBe(6);
      expect(a.quality).toEqual(b.quality);
      expect(a.relevance).toEqual(b.relevance);
      expect(a.emotion).toEqual(b.emotion);
      expect(a.mgeval).toEqual(b.mgeval);
      expect(a.roles).toEqual(b.roles);
      expect(a.provenance).toEqual(b.provenance);
      expect(a.keyRetry).toEqual(b.keyRetry);
    }
    expect(plain.sets[0].style).toBeNull();
    expect(plain.style).toBeNull();
    // Novelty covers every piece: the copy in the first prompt is still the only one flagged.
    expect(report.sets[0].novelty!.flagged.map((f) => f.prompt)).toEqual([0]);
    expect(report.pieces.filter((p) => p.novelty).length).toBe(36);
  });

  it('refuses a main-prompt count beyond the prompts', () => {
    expect(() => evaluate({ ...withStyle(), mainPrompts: 10 })).toThrow(RangeError);
  });

  it('prints and renders the style figures, the held-out scores and both confusion matrices', () => {
    const lines = styleLines(report).join('\n');
    expect(lines).toContain('2 of 3 ask for a style the classifier judges');
    expect(lines).toContain('Not judged (no class): latin (1)');
    expect(lines).toContain('| default | 100.0% (2/2) | 100.0% (2/2) | 100.0% (2/2) | 100.0% (2/2) |');
    expect(lines).toContain('| control | 0.0% (0/2) | 100.0% (2/2) |');
    expect(lines).toContain('style classifier on held-out music: notes 100.0% (top-3 100.0%)');
    expect(summaryLines(report).join('\n')).toContain('6 prompts (+ 3 style prompts) x 4 models');
    const html = styleHtml(report);
    for (const s of ['style-confusion-notes', 'style-confusion-full', 'style-hits', 'Not judged'])
      expect(html).toContain(s);
    expect(reportHtml(report)).toContain('Relevance: style (style classifier)');
    expect(styleHtml(plain)).toContain('No style classifier was given.');
    expect(styleLines(plain)).toEqual([]);
  });
});
