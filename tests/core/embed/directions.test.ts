import { describe, expect, it } from 'vitest';
import { directionsOnly, withCopyTempo } from '../../../core/embed/directions';
import { findExplicit } from '../../../core/embed/explicit';
import { scoreMood } from '../../../core/embed/mood';
import { cleanText, tokenize } from '../../../core/embed/text';

const read = (text: string) => {
  const clean = cleanText(text);
  const found = findExplicit(clean, tokenize(clean));
  return { found, kept: directionsOnly(found, clean.toLowerCase(), 'part 1'), tokens: tokenize(clean) };
};

describe('directionsOnly', () => {
  it('keeps musical directions: tempo in figures or Italian, keys, meters in figures, exclusive or excluded instruments', () => {
    const { kept } = read('Allegro, in F# minor, 6/8, solo cello, no drums, a jazz track');
    expect(kept.tempo?.text).toBe('allegro');
    expect(kept.key).toMatchObject({ tonic: 6, mode: 'minor' });
    expect(kept.meter).toMatchObject({ numerator: 6, denominator: 8 });
    expect(kept.instruments).toEqual(['cello']);
    expect(kept.only).toBe(true);
    expect(kept.excluded).toEqual(['drums']);
    expect(kept.style?.style).toBe('jazz');
    expect(read('Rock on at 140 bpm').kept.tempo?.bpm).toBe(140);
  });

  it("leaves the copy's words to the mood, with a note for each", () => {
    const { kept } = read(
      "A slow, quiet, sparse morning with grandma's piano, a waltz of rock-solid savings.",
    );
    expect(kept.tempo).toBeUndefined();
    expect(kept.dynamics).toBeUndefined();
    expect(kept.density).toBeUndefined();
    expect(kept.meter).toBeUndefined();
    expect(kept.instruments).toEqual([]);
    expect(kept.style).toBeUndefined();
    expect(kept.notes.join('\n')).toMatch(
      /"slow" is the copy's word, read as mood \(not a tempo instruction\)/,
    );
    expect(kept.notes.join('\n')).toMatch(/"waltz".*meter/);
  });
});

describe('withCopyTempo', () => {
  it('counts a tempo word of the copy as arousal of its part', () => {
    const { found, kept, tokens } = read('Grey, slow mornings.');
    const mood = scoreMood(tokens);
    const moved = withCopyTempo(mood, found, kept);
    expect(moved.arousal).toBeLessThan(mood.arousal);
    expect(moved.hits.at(-1)).toMatchObject({ text: 'slow', arousal: -0.5 });
    const fast = read('A fast, bright day.');
    expect(withCopyTempo(scoreMood(fast.tokens), fast.found, fast.kept).arousal).toBeGreaterThan(
      scoreMood(fast.tokens).arousal,
    );
    // A kept direction is no mood.
    const stated = read('Bright day at 120 bpm.');
    expect(withCopyTempo(scoreMood(stated.tokens), stated.found, stated.kept)).toEqual(
      scoreMood(stated.tokens),
    );
  });
});
