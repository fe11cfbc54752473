import { describe, expect, it } from 'vitest';
import { planArrangement } from '../../../core/arrange/plan-arrangement';
import { planMarkers } from '../../../core/arrange/markers';
import { embed } from '../../../core/embed';
import { COFFEE_SRT } from './picture.fixtures';

describe('planMarkers', () => {
  it('names every section (with its part of the script), every cut and every span of speech', () => {
    const e = embed(COFFEE_SRT);
    const plan = planArrangement(e, {
      seconds: 30,
      cuts: [3.1, 11.2, 11.4],
      speech: [{ start: 0.5, end: 5.8 }],
    });
    const markers = planMarkers(
      plan,
      e.segments.map((s) => s.text),
    );
    const texts = markers.map((m) => m.text);
    for (const s of plan.sections)
      expect(markers.some((m) => m.beat === s.start && m.text.startsWith(s.kind))).toBe(true);
    expect(texts).toContain('intro: Mornings used to be hard. Grey, slow, quiet.');
    expect(texts).toContain('cut 1 (3.10 s)');
    expect(texts).toContain('cuts 2-3 (11.20 s)');
    expect(texts.filter((t) => t === 'voice-over')).toHaveLength(1);
    expect(texts).toContain('voice-over ends');
    expect(markers.map((m) => m.beat)).toEqual([...markers.map((m) => m.beat)].sort((a, b) => a - b));
    expect(Math.max(...texts.map((t) => t.length))).toBeLessThanOrEqual(60);
  });
});
