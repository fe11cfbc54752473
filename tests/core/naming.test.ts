import { describe, expect, it } from 'vitest';
import { requestHash, resultName, slug } from '../../core/naming';

const settings = { seed: 1, temperature: 0.9 };

describe('result names', () => {
  it('keep readable words from any script', () => {
    expect(slug('Upbeat tech launch, 30-second spot!')).toBe('upbeat-tech-launch-30-second-spot');
    expect(slug('悲しい音楽、ピアノ')).toBe('悲しい音楽-ピアノ');
    expect(slug('平静的钢琴音乐')).toBe('平静的钢琴音乐');
    expect(slug('موسيقى سعيدة')).toBe('موسيقى-سعيدة');
    expect(slug('Спокойная музыка')).toBe('спокойная-музыка');
    expect(slug('¡¿ 🎉 !')).toBe('music');
    expect(slug('слово '.repeat(30))).toBe(Array(6).fill('слово').join('-'));
    expect(slug('Upbeat tech launch, 30-second spot, 120 bpm in E minor')).toBe(
      'upbeat-tech-launch-30-second-spot-120',
    );
    expect(Array.from(slug('静'.repeat(60))).length).toBe(40);
    expect(slug('ｃａｌｍ　ｐｉａｎｏ')).toBe('calm-piano');
  });

  it('differ for prompts in different scripts, and for prompts that slug alike', () => {
    const names = [
      '平静的钢琴音乐',
      '穏やかなピアノ',
      'موسيقى بيانو هادئة',
      'спокойное пианино',
      'calm piano',
      'Calm piano!!',
    ].map((p) => resultName(p, settings));
    expect(new Set(names).size).toBe(names.length);
    expect(names[4]).toMatch(/^calm-piano-s1-[0-9a-f]{6}$/);
    expect(names[5]).toMatch(/^calm-piano-s1-[0-9a-f]{6}$/);
  });

  it('hash every setting that changes the result, and nothing else', () => {
    const base = requestHash('calm piano', settings);
    expect(requestHash('calm piano', { ...settings })).toBe(base);
    for (const other of [
      { ...settings, seed: 2 },
      { ...settings, temperature: 1 },
      { ...settings, seconds: 30 },
      { ...settings, loop: true },
      { ...settings, extra: { stems: true } },
    ])
      expect(requestHash('calm piano', other)).not.toBe(base);
    expect(requestHash('calm piano ', settings)).not.toBe(base);
  });

  it('name a script by its file name and hash its content', () => {
    const a = resultName('spot', settings, '1\n00:00:00,000 --> 00:00:02,000\nHi\n');
    const b = resultName('spot', settings, '1\n00:00:00,000 --> 00:00:03,000\nHi\n');
    expect(a).toMatch(/^spot-s1-/);
    expect(a).not.toBe(b);
  });
});
