import { describe, expect, it } from 'vitest';
import { GRID } from '../../../core/codec/events';
import { conditioningVector, defaultConditioning } from '../../../core/conditioning';
import { SectionConditioning } from '../../../core/model/section-conditioning';

const piece = { ...defaultConditioning(), style: 'pop' as const };
const verse = { ...piece, arousal: -0.5 };
const chorus = { ...piece, arousal: 0.7 };

describe('SectionConditioning', () => {
  it("is the piece's vector throughout when there are no sections", () => {
    const s = new SectionConditioning({ conditioning: piece });
    expect(s.current).toEqual(conditioningVector(piece));
    expect(s.at(1000)).toBe(s.current);
    s.advance(1000);
    expect(s.current).toEqual(conditioningVector(piece));
  });

  it("reads each section's vector from its start on, and moves only when told", () => {
    const s = new SectionConditioning({
      conditioning: piece,
      sections: [
        { start: 4, conditioning: verse },
        { start: 8, conditioning: chorus },
      ],
    });
    expect(s.current).toEqual(conditioningVector(piece));
    expect(s.at(4 * GRID - 1)).toEqual(conditioningVector(piece));
    expect(s.at(4 * GRID)).toEqual(conditioningVector(verse));
    expect(s.at(8 * GRID + 3)).toEqual(conditioningVector(chorus));
    expect(s.current).toEqual(conditioningVector(piece));
    s.advance(5 * GRID);
    expect(s.current).toEqual(conditioningVector(verse));
    const verseVector = s.current;
    s.advance(6 * GRID);
    expect(s.current).toBe(verseVector); // the same array while the section lasts
    s.advance(8 * GRID);
    expect(s.current).toEqual(conditioningVector(chorus));
  });

  it('starts in a section that begins at 0', () => {
    const s = new SectionConditioning({ conditioning: piece, sections: [{ start: 0, conditioning: verse }] });
    expect(s.current).toEqual(conditioningVector(verse));
  });
});
