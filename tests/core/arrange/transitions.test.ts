import { describe, expect, it } from 'vitest';
import type { ArrangementPlan } from '../../../core/arrange/plan';
import { addEnding, addTransitions, closeLoop } from '../../../core/arrange/transitions';
import type { Note, Role } from '../../../core/sequence';
import { note as makeNote, provenanceTags as tags, section } from '../../helpers/notes';

const note = (role: Role, pitch: number, start: number, end: number, velocity = 80): Note =>
  makeNote(role, pitch, start, end, { velocity });
const model = (n: Note): Note => ({ ...n, origin: 'model' });

describe('transitions, the ending and a loop', () => {
  it('fills in triplets before a swung section ends and in sixteenths otherwise', () => {
    const plan = (groove: Note[]) =>
      addTransitions(
        groove,
        {
          meter: { numerator: 4, denominator: 4 },
          sections: [
            section('verse', 0, 4, ['drums']),
            { ...section('chorus', 4, 8, ['drums']), transition: true },
          ],
        } as unknown as ArrangementPlan,
        1,
      )
        .filter((n) => n.by === 'fill')
        .map((n) => Math.round((n.start - 3) * 12));
    const swung = [0, 2 / 3, 1, 5 / 3].map((t) => note('drums', 42, t, t + 0.1));
    const straight = [0, 0.25, 0.75, 1.25].map((t) => note('drums', 42, t, t + 0.1));
    expect(plan(swung)).toEqual([0, 4, 8]);
    expect(plan(straight)).toEqual([0, 3, 6, 9]);
  });

  it('ends on a held tonic chord with nothing starting after the last downbeat; a loop cuts at its end', () => {
    const plan = {
      beats: 8,
      key: { tonic: 2, mode: 'minor' },
      programs: { melody: 73, harmony: 0, bass: 33, drums: 0 },
      sections: [
        section('verse', 0, 4, ['melody', 'harmony', 'bass']),
        section('ending', 4, 8, ['melody', 'harmony', 'bass']),
      ],
    } as unknown as ArrangementPlan;
    const out = addEnding([note('melody', 70, 3, 6), note('melody', 72, 5, 6)], plan, 1);
    expect(out.filter((n) => n.start >= 4).every((n) => n.start === 4 && n.end === 8)).toBe(true);
    const last = out.filter((n) => n.start === 4);
    expect(new Set(last.map((n) => n.pitch % 12))).toEqual(new Set([2, 5, 9]));
    expect(out.find((n) => n.pitch === 70)!.end).toBe(4);
    expect(closeLoop([note('bass', 40, 6, 10), note('bass', 40, 8, 9)], 8)).toEqual([
      { ...note('bass', 40, 6, 8), origin: 'mended', by: 'loop' },
    ]);
  });

  it('marks fills, crashes and endings as rule-made', () => {
    const plan = {
      beats: 8,
      key: { tonic: 0, mode: 'major' },
      meter: { numerator: 4, denominator: 4 },
      programs: { melody: 0, harmony: 0, bass: 33, drums: 0 },
      sections: [
        section('verse', 0, 4, ['melody', 'drums']),
        { ...section('ending', 4, 8, ['melody', 'drums']), transition: true },
      ],
    } as unknown as ArrangementPlan;
    const filled = addTransitions([model(note('drums', 42, 1, 1.25))], plan, 1);
    expect(new Set(filled.filter((n) => n.start >= 3).map((n) => `${n.origin}:${n.by}`))).toEqual(
      new Set(['rule:fill', 'rule:crash']),
    );
    const ended = addEnding([model(note('melody', 70, 3, 6))], plan, 1);
    expect(tags(ended)).toEqual([
      [70, 3, 'mended', 'ending'],
      [36, 4, 'rule', 'ending'],
      [49, 4, 'rule', 'ending'],
      [72, 4, 'rule', 'ending'],
    ]);
  });
});
