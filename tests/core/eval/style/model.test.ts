import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../../core/errors';
import type { LabelledPiece } from '../../../../core/eval/style/model';
import {
  capPerStyle,
  checkStyleClassifier,
  classifyStyle,
  scoreStyles,
  trainStyleClassifier,
} from '../../../../core/eval/style/model';
import { jazz, labelled, orchestral, rock } from './pieces';

const options = { iterations: 150, l2Candidates: [0.01] };

describe('the style classifier', () => {
  const train = labelled(0, 10);
  const classifier = trainStyleClassifier(train, labelled(100, 4), options);

  it('tells rock, jazz and orchestral pieces apart, on held-out pieces, with both feature sets', () => {
    expect(classifier.classes).toEqual(['rock', 'jazz', 'orchestral']);
    for (const set of ['full', 'notes'] as const) {
      const s = classifier.training.holdout![set];
      expect([s.pieces, s.accuracy, s.top3, s.balancedAccuracy]).toEqual([12, 1, 1, 1]);
      expect(s.confusion).toEqual([
        [4, 0, 0],
        [0, 4, 0],
        [0, 0, 4],
      ]);
    }
    expect(classifier.notes.features).toHaveLength(classifier.full.features.length - 15);
  });

  it('ranks the styles of a piece, most probable first', () => {
    const ranked = classifyStyle(classifier, jazz(55))!;
    expect(ranked.map((r) => r.style)[0]).toBe('jazz');
    expect(ranked).toHaveLength(3);
    expect(ranked.reduce((s, r) => s + r.p, 0)).toBeCloseTo(1, 9);
    expect(ranked[0].p).toBeGreaterThan(ranked[1].p);
    expect(classifyStyle(classifier, orchestral(7), 'notes')![0].style).toBe('orchestral');
  });

  it('is deterministic, counts an unknown style as a miss, and caps each style by hash', () => {
    expect(trainStyleClassifier(train, undefined, options)).toEqual(
      trainStyleClassifier([...train].reverse(), undefined, options),
    );
    const odd: LabelledPiece = { ...labelled(200, 1)[0], style: 'reggae' };
    const s = scoreStyles(classifier, 'full', [odd, ...labelled(300, 1)]);
    expect([s.pieces, s.accuracy, s.perStyle.reggae]).toEqual([4, 0.75, { pieces: 1, accuracy: 0, top3: 0 }]);
    const capped = capPerStyle(train, 3);
    expect(capped).toHaveLength(9);
    expect(
      capPerStyle([...train].reverse(), 3)
        .map((p) => p.id)
        .sort(),
    ).toEqual(capped.map((p) => p.id).sort());
  });

  it('refuses to train with fewer than two styles, and checks a classifier file', () => {
    expect(() =>
      trainStyleClassifier(
        labelled(0, 10).filter((p) => p.style === 'rock'),
        undefined,
        options,
      ),
    ).toThrow(DataError);
    const json = JSON.parse(JSON.stringify(classifier));
    expect(checkStyleClassifier(json)).toEqual(classifier);
    expect(() => checkStyleClassifier({ ...json, notes: json.full })).toThrow(/does not match/);
    expect(() => checkStyleClassifier(null)).toThrow(DataError);
  });

  it('ships as assets/eval/style.json, trained on the corpora, with its held-out figures', () => {
    const shipped = checkStyleClassifier(JSON.parse(readFileSync('assets/eval/style.json', 'utf8')));
    expect(shipped.classes.length).toBeGreaterThanOrEqual(10);
    expect(shipped.training.holdout?.full.accuracy).toBeGreaterThanOrEqual(0.5);
    expect(classifyStyle(shipped, rock(3))).toHaveLength(shipped.classes.length);
  });
});
