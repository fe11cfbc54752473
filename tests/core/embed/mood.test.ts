import { describe, expect, it } from 'vitest';
import { embed } from '../../../core/embed';
import { REGISTER_FROM_MOOD } from '../../../core/embed/attributes';
import { namedMode, scoreMood } from '../../../core/embed/mood';
import { tokenize } from '../../../core/embed/text';

const mood = (text: string) => scoreMood(tokenize(text));
const keyOf = (prompt: string): string => {
  const r = embed(prompt);
  return `${r.key.tonic} ${r.key.mode}`;
};

describe('mood words decide the mode', () => {
  it('reads "dark" as minor though the valence is barely negative', () => {
    const r = embed('Epic cinematic trailer, dark and intense');
    expect(r.valence).toBe(-0.1);
    expect(`${r.key.tonic} ${r.key.mode}`).toBe('E minor');
    expect(r.explanation).toContain('key E minor: minor named by "dark", tonic from arousal');
  });

  it('without a mode word, is minor exactly where the valence is negative (the quadrant boundary)', () => {
    const zombie = embed('zombie game trailer');
    expect(zombie.valence).toBe(-0.1);
    expect(zombie.key.mode).toBe('minor');
    expect(zombie.explanation).toContain('key E minor: minor from valence -0.10, tonic from arousal');
    const neutral = embed('hospice care');
    expect(neutral.valence).toBe(0);
    expect(neutral.key.mode).toBe('major');
  });

  it('hears a farewell as sad and a reunion as happy (ad stories the seed lexicon once missed)', () => {
    for (const prompt of ['saying goodbye', 'a farewell to our founder', 'hospice care, saying goodbye']) {
      const r = embed(prompt);
      expect(r.valence, prompt).toBeLessThan(0);
      expect(r.arousal, prompt).toBeLessThan(0);
      expect(r.key.mode, prompt).toBe('minor');
    }
    for (const prompt of ['family reunion', 'a warm hug', 'homecoming weekend']) {
      expect(embed(prompt).valence, prompt).toBeGreaterThan(0);
      expect(embed(prompt).key.mode, prompt).toBe('major');
    }
  });

  it('gives each named mode its key, tonic from arousal', () => {
    expect(keyOf('sad piano')).toBe('D minor');
    expect(keyOf('melancholic strings')).toBe('D minor');
    expect(keyOf('triumphant brass fanfare')).toBe('D major');
    expect(keyOf('bright morning')).toBe('C major');
    expect(keyOf('happy summer ad')).toBe('D major');
  });

  it('lets a mode word outvote a valence of the other sign', () => {
    // "angry" and "scary" pull valence to -0.33 (minor by valence alone); "bright" names major.
    expect(embed('bright, angry, scary chase').valence).toBe(-0.33);
    expect(keyOf('bright, angry, scary chase')).toBe('D major');
    // "epic" and "powerful" pull valence to +0.03 (major by valence alone); "dark" names minor.
    expect(embed('dark, epic and powerful').valence).toBe(0.03);
    expect(keyOf('dark, epic and powerful')).toBe('E minor');
  });

  it('counts the words of a later clause more after "but", and a negated word not at all', () => {
    expect(namedMode(mood('bright but a little dark'))).toEqual({ mode: 'minor', words: ['dark'] });
    expect(namedMode(mood('not sad'))).toBeUndefined();
    expect(namedMode(mood('calm corporate explainer'))).toBeUndefined();
    expect(namedMode(mood('dark and bright'))).toBeUndefined();
    expect(namedMode(mood('darker nights, happy and bright'))).toEqual({
      mode: 'major',
      words: ['happy', 'bright'],
    });
  });

  it('never overrides a stated key or a stated mode', () => {
    expect(keyOf('dark thriller in D major')).toBe('D major');
    expect(keyOf('happy tune in a minor key')).toMatch(/ minor$/);
  });

  it('follows valence when no word names a mode', () => {
    const r = embed('calm corporate explainer');
    expect(r.key.mode).toBe(r.valence < -0.1 ? 'minor' : 'major');
    expect(r.explanation.some((l) => l.includes('from valence'))).toBe(true);
  });
});

describe('the mood decides the register', () => {
  it('follows 0.5 + perValence x valence + perValenceArousal x valence x arousal', () => {
    for (const prompt of ['horror trailer', 'sad goodbye', 'yoga retreat', 'summer beach party']) {
      const r = embed(prompt);
      const expected =
        0.5 +
        REGISTER_FROM_MOOD.perValence * r.valence +
        REGISTER_FROM_MOOD.perValenceArousal * r.valence * r.arousal;
      expect(r.register).toBeCloseTo(Math.min(1, Math.max(0, expected)), 2);
    }
  });

  it('puts tense music lowest and happy music highest, sad above calm (EMOPIA: 60.4, 61.3, 62.6, 63.4)', () => {
    const reg = (p: string) => embed(p).register;
    expect(reg('horror trailer, menacing and tense')).toBeLessThan(reg('calm spa weekend'));
    expect(reg('calm spa weekend')).toBeLessThan(reg('sad goodbye, slow and mournful'));
    expect(reg('horror trailer, menacing and tense')).toBeLessThan(0.4);
    expect(reg('jubilant summer beach party')).toBeGreaterThan(0.6);
  });
});

describe('the explanation of a calm piece without drums', () => {
  it('says why in plain English, "an" before a vowel', () => {
    expect(embed('charity appeal').explanation).toContain('drums: off for an acoustic piece this calm');
    expect(embed('melancholy rain').explanation).toContain('drums: off for an ambient piece this calm');
    expect(embed('calm slow jazz ballad').explanation).toContain('drums: off for a jazz piece this calm');
  });
});
