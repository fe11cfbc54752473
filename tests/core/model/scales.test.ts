import { describe, expect, it } from 'vitest';
import { BLUE_STYLES, styleScale } from '../../../core/model/scales';

describe('the scale a style plays over its key', () => {
  it('is the mode for most styles', () => {
    expect(styleScale('pop', 'major')).toEqual([0, 2, 4, 5, 7, 9, 11]);
    expect(styleScale('cinematic', 'minor')).toEqual([0, 2, 3, 5, 7, 8, 10]);
  });

  it('adds the blue notes in blues, jazz and funk', () => {
    expect(BLUE_STYLES).toEqual(['blues', 'jazz', 'funk']);
    expect(styleScale('blues', 'major')).toEqual([0, 2, 3, 4, 5, 6, 7, 9, 10, 11]);
    expect(styleScale('jazz', 'minor')).toEqual([0, 2, 3, 5, 6, 7, 8, 10]);
  });

  it('returns a fresh array each time', () => {
    const a = styleScale('pop', 'major');
    a.push(1);
    expect(styleScale('pop', 'major')).toHaveLength(7);
  });
});
