import { describe, expect, it } from 'vitest';
import { planArrangement } from '../../../core/arrange/plan-arrangement';
import { fitTempo, MAX_NUDGE, planSections, turnsMood } from '../../../core/arrange/form';
import { embed } from '../../../core/embed';
import { beatsPerBar, beatsToSeconds, secondsToBeats } from '../../../core/sequence';
import { COFFEE_CUES, COFFEE_SRT } from './picture.fixtures';

describe('fitTempo', () => {
  it('nudges the tempo by at most 5% so the piece is whole bars, and lasts exactly the asked time', () => {
    for (const [seconds, bpm] of [
      [30, 90],
      [15, 128],
      [45, 72],
      [60, 100],
      [7, 140],
    ]) {
      const { tempo, beats } = fitTempo(seconds, bpm, 4, false);
      expect((beats * 60) / tempo).toBeCloseTo(seconds, 9);
      if (Math.abs(tempo / bpm - 1) > 1e-9) {
        expect(beats % 4).toBe(0);
        expect(Math.abs(tempo / bpm - 1)).toBeLessThanOrEqual(MAX_NUDGE + 1e-9);
      }
    }
    expect(fitTempo(30, 90, 4, false)).toEqual({ tempo: 88, beats: 44 });
  });

  it('keeps a stated tempo exactly and cuts the last bar short instead', () => {
    expect(fitTempo(30, 97, 4, true)).toEqual({ tempo: 97, beats: 48.5 });
  });

  it('keeps the tempo when no whole number of bars is within 5%', () => {
    expect(fitTempo(5, 60, 4, false)).toEqual({ tempo: 60, beats: 5 });
  });
});

function sectionsOf(prompt: string, seconds: number, loop = false) {
  const embedding = embed(prompt);
  const c = embedding.conditioning;
  const { tempo, beats } = fitTempo(seconds, c.tempo, beatsPerBar(c.meter), false);
  return {
    tempo,
    beats,
    sections: planSections({ embedding, conditioning: { ...c, tempo }, beats, loop }),
  };
}

describe('planSections', () => {
  it('covers the piece without gaps: intro, alternating verse and chorus, an ending bar', () => {
    const { beats, sections } = sectionsOf('happy pop for a phone ad, 120 bpm', 40);
    expect(sections[0]).toMatchObject({ kind: 'intro', start: 0, transition: false });
    expect(sections.at(-1)).toMatchObject({ kind: 'ending', end: beats });
    expect(sections.at(-1)!.end - sections.at(-1)!.start).toBe(4);
    for (let i = 1; i < sections.length; i++) expect(sections[i].start).toBe(sections[i - 1].end);
    expect(sections.map((s) => s.kind)).toContain('chorus');
    expect(sections.find((s) => s.kind === 'chorus')!.conditioning.density).toBeGreaterThan(
      sections.find((s) => s.kind === 'verse')!.conditioning.density,
    );
    // The intro leaves melody and drums out.
    expect(sections[0].roles).not.toContain('melody');
    expect(sections[0].roles).not.toContain('drums');
  });

  it('has no intro or ending when it loops', () => {
    const { sections } = sectionsOf('happy pop for a phone ad', 30, true);
    expect(sections.map((s) => s.kind)).not.toContain('intro');
    expect(sections.map((s) => s.kind)).not.toContain('ending');
  });

  it("starts a section with a transition at each timed segment's nearest bar line", () => {
    const srt = `1\n00:00:00,000 --> 00:00:10,000\nQuiet morning, calm and soft.\n\n2\n00:00:10,000 --> 00:00:20,000\nThe race begins! Fast, exciting, powerful.\n\n3\n00:00:20,000 --> 00:00:30,000\nA sad, lonely goodbye.\n`;
    const { tempo, sections } = sectionsOf(srt, 30);
    const bar = 4;
    for (const [segment, seconds] of [
      [1, 10],
      [2, 20],
    ]) {
      const s = sections.find((x) => x.segment === segment && x.kind !== 'ending')!;
      expect(s.transition).toBe(true);
      expect(Math.abs((s.start * 60) / tempo - seconds)).toBeLessThanOrEqual((bar * 60) / tempo / 2 + 1e-9);
    }
    const race = sections.find((x) => x.segment === 1)!;
    expect(race.kind).toBe('chorus');
    expect(race.conditioning.arousal).toBeGreaterThan(
      sections.find((x) => x.segment === 2)!.conditioning.arousal,
    );
  });

  it('spreads a script timed only by its speaking rate over the whole piece', () => {
    const script =
      'Meet the new Aurora phone. It is fast, bright and fun. Capture every moment with your friends.';
    expect(embed(script).seconds).toBeNull();
    const { beats, sections } = sectionsOf(script, 30);
    const third = sections.find((x) => x.segment === 2)!;
    expect(third.start).toBeGreaterThan(beats / 2);
    expect(sections.filter((x) => x.transition).length).toBeGreaterThanOrEqual(2);
  });
});

describe('a script scored as narration (the coffee spot of issue 17)', () => {
  const bar = 4;
  /** The bar line nearest each cue, and the section starts, on the plan's tempo map. */
  function cueCheck(plan: ReturnType<typeof planArrangement>): number[] {
    const tempos = plan.tempos ?? [{ beat: 0, bpm: plan.tempo }];
    return COFFEE_CUES.map((cue) => {
      const line = Math.round(secondsToBeats(cue, tempos) / bar) * bar;
      return Math.min(...plan.sections.map((s) => Math.abs(s.start - line)));
    });
  }

  it("plays at the spot's energy, starts a section at each cue's bar line, and is calmer in its first part", () => {
    const e = embed(COFFEE_SRT);
    expect(e.explanation.join('\n')).not.toMatch(/asked for \("slow"\)|asked for \("quiet"\)/);
    const plan = planArrangement(e, { seconds: 30 });
    expect(plan.tempo).toBeGreaterThanOrEqual(100);
    for (const d of cueCheck(plan)) expect(d).toBeLessThanOrEqual(1);
    const first = plan.sections.filter((s) => s.segment === 0);
    const rest = plan.sections.filter((s) => s.segment > 0);
    for (const s of first)
      for (const r of rest) {
        expect(s.conditioning.arousal).toBeLessThan(r.conditioning.arousal);
        expect(s.conditioning.density).toBeLessThan(r.conditioning.density);
      }
  });

  it('starts a section at every cue that turns the mood, at any tempo', () => {
    const e = embed(COFFEE_SRT);
    for (const bpm of [60, 72, 96, 140, 176]) {
      const at = { ...e, tempo: bpm, statedBpm: bpm, conditioning: { ...e.conditioning, tempo: bpm } };
      const plan = planArrangement(at, { seconds: 30 });
      expect(new Set(plan.sections.map((s) => s.segment))).toEqual(new Set([0, 1, 2, 3]));
      for (const d of cueCheck(plan)) expect(d, `${bpm} bpm`).toBeLessThanOrEqual(1);
    }
  });

  it('turnsMood: a clear change of arousal or valence, a stated key, tempo or meter, drums in or out', () => {
    const segs = embed(COFFEE_SRT).segments;
    expect(segs.map((_, i) => turnsMood(segs, i))).toEqual([true, true, true, true]);
    const flat = embed('0:00 a sunny day\n0:10 a sunny day\n0:20 a sunny day, 100 bpm').segments;
    expect(flat.map((_, i) => turnsMood(flat, i))).toEqual([true, false, true]);
  });

  it("moves a plain piece's phrase starts onto the downbeat of a nearby cut", () => {
    const e = embed('happy pop for a phone ad');
    const plain = planArrangement(e, { seconds: 30 });
    const verse2 = plain.sections.find((s, i) => i > 1 && s.kind !== 'ending')!;
    const tempos = [{ beat: 0, bpm: plain.tempo }];
    const cut = beatsToSeconds(verse2.start + 4, tempos);
    const fitted = planArrangement(e, { seconds: 30, cuts: [cut] });
    expect(fitted.hits![0].downbeat).toBe(true);
    expect(fitted.sections.map((s) => s.start)).toContain(fitted.hits![0].beat);
  });
});
