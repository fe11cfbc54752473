import { describe, expect, it } from 'vitest';
import { conditioningVector, defaultConditioning } from '../../../core/conditioning';
import { embed, embedMarkers, toJson } from '../../../core/embed';

describe('hostile input never throws', () => {
  it('gives neutral defaults and a note for an empty prompt', () => {
    for (const p of ['', '   ', '\n\t', '...', '<p></p>']) {
      const r = embed(p);
      expect(r.conditioning).toEqual(defaultConditioning());
      expect(r.vector).toEqual(conditioningVector(defaultConditioning()));
      expect(r.explanation.join(' ')).toMatch(/empty prompt/);
      expect(r.segments).toEqual([]);
    }
  });

  // Its speed is measured by `npm run bench embed` (no test asserts a wall-clock time).
  it('embeds a 100 KB prompt into at most 64 segments', () => {
    const unit = 'An upbeat tech launch for busy families, bright and fun! Calm retirement savings. ';
    const big = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
    const r = embed(big);
    expect(r.segments.length).toBeLessThanOrEqual(64);
    expect(r.valence).toBeGreaterThan(0);
  });

  it('clamps and explains out-of-range numbers', () => {
    const fast = embed('900 bpm');
    expect(fast.tempo).toBe(300);
    expect(fast.explanation).toContain(
      'tempo 300 bpm: clamped ("900 bpm" asks for 900; tempos run 20-300 bpm)',
    );
    expect(fast.adjustments).toEqual([
      { field: 'tempo', text: '900 bpm', asked: 900, used: 300, note: expect.stringMatching(/clamped/) },
    ]);
    const slow = embed('5 bpm drone');
    expect(slow.tempo).toBe(20);
    expect(slow.explanation.join(' ')).toMatch(/tempo 20 bpm: clamped \("5 bpm" asks for 5/);
    expect(embed('a 99999-second spot').seconds).toBe(3600);
    expect(embed('tempo 1e309').tempo).toBeGreaterThanOrEqual(20);
  });

  it('copes with emoji, other languages, HTML and control characters', () => {
    const prompts = [
      '🎉🎉🔥 party time 🚀',
      '😢😭',
      'musique triste pour une publicité',
      '悲しい音楽、ピアノ',
      'موسيقى سعيدة',
      '<script>alert(1)</script><b>upbeat</b> &amp; <i>fun</i> launch',
      'calm\u0000\u0007\u001b[31m spa\u202e\ufeff',
      '\ud800 lone surrogate and \uffff',
      'a'.repeat(50_000),
      '1/0 0/0 999999999999999999999 bpm -5 bpm NaN bpm',
      '{"segments": "not a list"}',
      '[1, 2, {"start": "x"}]',
      '00:00:01,000 --> garbage\n\n-->',
    ];
    for (const p of prompts) {
      const r = embed(p);
      expect(r.tempo).toBeGreaterThanOrEqual(20);
      expect(r.tempo).toBeLessThanOrEqual(300);
      expect(r.vector.every((x) => Number.isFinite(x))).toBe(true);
      expect(() => JSON.stringify(toJson(r))).not.toThrow();
    }
    expect(embed('🎉🎉🔥 party time 🚀').arousal).toBeGreaterThan(0);
    expect(embed('<script>very sad</script><b>upbeat</b> fun launch').valence).toBeGreaterThan(0);
  });

  it('accepts nonsense where a string or markers belong', () => {
    expect(() => embed(undefined as unknown as string)).not.toThrow();
    expect(() => embed(42 as unknown as string)).not.toThrow();
    expect(() => embedMarkers(null as never)).not.toThrow();
    expect(() => embedMarkers([{ start: 'soon' }, null, { start: -3 }] as never)).not.toThrow();
  });
});
