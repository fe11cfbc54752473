import { describe, expect, it } from 'vitest';
import {
  checkModelTargets,
  meets,
  MODEL_TARGETS,
  targetText,
  wilsonInterval,
} from '../../../core/eval/model-targets';
import type { PipelineFigure } from '../../../core/eval/report/pipeline';
import type { SetReport } from '../../../core/eval/report/types';

/** A report whose every target figure has `value` for both sets and `reference` as the reference. */
function report(value: (id: string) => number, reference: number, fired = 0) {
  const figures = MODEL_TARGETS.map((t): PipelineFigure => ({
    id: t.figure,
    group: 'roles',
    label: t.figure,
    better: 'reference',
    unit: 'share',
    values: { default: value(t.figure), 'rules-off': value(t.figure) },
    reference,
    tolerance: 0.03,
    pipeline: false,
  }));
  const sets = [{ name: 'default', keyRetry: { fired, pieces: 100 } } as unknown as SetReport];
  return { figures, sets };
}

describe('meets', () => {
  it('judges near, at-most and at-least targets at their edges, and never a missing value', () => {
    expect(meets({ kind: 'near', within: 0.1 }, 0.8, 0.9)).toBe(true);
    expect(meets({ kind: 'near', within: 0.1 }, 0.79, 0.9)).toBe(false);
    expect(meets({ kind: 'near', within: 0.1 }, 0.9, NaN)).toBe(false);
    expect(meets({ kind: 'atMost', limit: 0.05 }, 0.05, NaN)).toBe(true);
    expect(meets({ kind: 'atMost', limit: 0.05 }, 0.06, NaN)).toBe(false);
    expect(meets({ kind: 'atLeast', limit: 90 }, 89.9, NaN)).toBe(false);
    expect(meets({ kind: 'atLeast', limit: 90 }, NaN, NaN)).toBe(false);
  });
});

describe('checkModelTargets', () => {
  const good = (id: string): number =>
    id.startsWith('roles.melody.belowC4') || id.startsWith('roles.melody.onePitch')
      ? 0
      : id.startsWith('roles.')
        ? 0.5
        : 100;

  it('passes a report that meets every target, with one row per figure and bound set', () => {
    const rows = checkModelTargets(report(good, 0.5));
    expect(rows).toHaveLength(MODEL_TARGETS.reduce((n, t) => n + t.sets.length, 0));
    expect(rows.every((r) => r.met)).toBe(true);
  });

  it("says on the key row how often the arranger's own key check fired", () => {
    const row = checkModelTargets(report(good, 0.5, 2)).find((r) => r.figure === 'relevance.CK')!;
    expect(row.wanted).toBe('>= 90');
    expect(row.keyChecks).toBe(2);
    expect(targetText(row)).toBe('>= 90 (key check fired 2x)');
    expect(row.met).toBe(true);
    const style = checkModelTargets(report(good, 0.5, 2)).find((r) => r.figure === 'style.notes.top1')!;
    expect(style.keyChecks).toBeUndefined();
    expect(targetText(style)).toBe(style.wanted);
  });

  it('misses a role figure that strays from the reference, for the set that strays', () => {
    const r = report(good, 0.5);
    r.figures.find((f) => f.id === 'roles.bass.rootOnChanges')!.values['rules-off'] = 0.2;
    const missed = checkModelTargets(r).filter((x) => !x.met);
    expect(missed.map((x) => [x.figure, x.set])).toEqual([['roles.bass.rootOnChanges', 'rules-off']]);
    expect(missed[0].wanted).toBe('within 0.10 of 0.500');
  });

  it('misses a figure the report lacks', () => {
    const r = report(good, 0.5);
    r.figures = r.figures.filter((f) => f.id !== 'mgeval.meanOA');
    expect(
      checkModelTargets(r)
        .filter((x) => !x.met)
        .map((x) => x.figure),
    ).toEqual(['mgeval.meanOA']);
  });

  it('asks for three times the shipped model 0.1.0 style hits (8 of 60)', () => {
    const style = MODEL_TARGETS.find((t) => t.figure === 'style.notes.top1')!;
    expect(style.target).toEqual({ kind: 'atLeast', limit: 40 });
  });

  it("gives a rate over pieces its figure's count and 95% interval for the row's set, and other figures none", () => {
    const r = report(good, 0.5);
    const figure = (id: string) => r.figures.find((f) => f.id === id)!;
    figure('emotion.asked').counts = { default: { hits: 36, n: 49 } };
    figure('style.notes.top1').counts = { default: { hits: 60, n: 60 } };
    figure('roles.bass.chordTone').counts = { 'rules-off': { hits: 1, n: 2 } };
    const rows = checkModelTargets(r);
    const mood = rows.find((x) => x.figure === 'emotion.asked')!;
    expect(mood.count).toMatchObject({ hits: 36, n: 49 });
    expect(mood.count!.low).toBeCloseTo(59.7, 1);
    expect(mood.count!.high).toBeCloseTo(83.8, 1);
    expect(rows.find((x) => x.figure === 'style.notes.top1')!.count).toMatchObject({
      hits: 60,
      n: 60,
      high: 100,
    });
    expect(rows.find((x) => x.figure === 'relevance.CK')!.count).toBeUndefined();
    const chord = rows.filter((x) => x.figure === 'roles.bass.chordTone');
    expect(chord.map((x) => [x.set, x.count?.hits])).toEqual([
      ['default', undefined],
      ['rules-off', 1],
    ]);
  });

  it('gives no interval to a count of no pieces', () => {
    const r = report(good, 0.5);
    r.figures.find((f) => f.id === 'emotion.asked')!.counts = { default: { hits: 0, n: 0 } };
    expect(checkModelTargets(r).find((x) => x.figure === 'emotion.asked')!.count).toBeUndefined();
  });
});

describe('wilsonInterval', () => {
  it('is the Wilson score interval in percent, inside 0-100, and null for no pieces', () => {
    const i = wilsonInterval(36, 49)!;
    // p = 0.7347, z = 1.96: centre 0.7176, half-width 0.1203.
    expect(i.low).toBeCloseTo(59.74, 1);
    expect(i.high).toBeCloseTo(83.79, 1);
    expect(wilsonInterval(0, 10)!.low).toBe(0);
    expect(wilsonInterval(0, 10)!.high).toBeCloseTo(27.75, 1);
    expect(wilsonInterval(10, 10)!.high).toBe(100);
    expect(wilsonInterval(10, 10)!.low).toBeCloseTo(72.25, 1);
    expect(wilsonInterval(0, 0)).toBeNull();
    // More pieces, a narrower interval around the same rate.
    const wide = wilsonInterval(3, 4)!;
    const narrow = wilsonInterval(300, 400)!;
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
  });
});
