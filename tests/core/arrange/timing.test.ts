import { describe, expect, it } from 'vitest';
import { fitTempo } from '../../../core/arrange/form';
import { fitTiming, tempoChangesOf } from '../../../core/arrange/timing';
import { embed } from '../../../core/embed';
import { beatsToSeconds, secondsToBeats } from '../../../core/sequence';
import { spots } from './picture.fixtures';

describe('fitTiming', () => {
  it('is fitTempo when there are no cuts and no stated tempo changes', () => {
    for (const [seconds, bpm, fixed] of [
      [30, 90, false],
      [30, 97, true],
      [5, 60, false],
    ] as const) {
      const t = fitTiming({ seconds, tempo: bpm, bar: 4, fixed });
      const f = fitTempo(seconds, bpm, 4, fixed);
      expect(t).toEqual({
        tempos: [{ beat: 0, bpm: f.tempo }],
        beats: f.beats,
        hits: [],
        changeBeats: [],
        unplaced: [],
      });
    }
  });

  it('puts every cut of 24 spots exactly on a beat or an eighth, lasting exactly the asked time', () => {
    for (const s of spots()) {
      for (const tempo of [84, 120, 163]) {
        const t = fitTiming({ seconds: s.seconds, tempo, bar: 4, fixed: false, cuts: s.cuts });
        expect(t.unplaced).toEqual([]);
        expect(t.hits.map((h) => h.cuts)).toEqual(s.cuts.map((c) => [c]));
        expect(beatsToSeconds(t.beats, t.tempos)).toBeCloseTo(s.seconds, 9);
        for (const h of t.hits) {
          expect(beatsToSeconds(h.beat, t.tempos)).toBeCloseTo(h.seconds, 9);
          expect(Number.isInteger(h.beat * 2)).toBe(true);
          expect(h.downbeat).toBe(h.beat % 4 === 0);
        }
        // Every local tempo stays within the fit's range of the opening one.
        for (const e of t.tempos) expect(e.bpm / tempo).toBeGreaterThan(0.92 * 0.7 - 1e-9);
        for (const e of t.tempos) expect(e.bpm / tempo).toBeLessThan(1.08 * 1.45 + 1e-9);
      }
    }
  });

  it('lands a cut on a downbeat when the tempo needs to move only a little', () => {
    // 8 beats at 120 bpm is 4 s; a cut at 4.1 s is a downbeat at 117 bpm.
    const t = fitTiming({ seconds: 12, tempo: 120, bar: 4, fixed: true, cuts: [4.1] });
    expect(t.hits[0]).toMatchObject({ beat: 8, downbeat: true });
    expect(t.tempos[0].bpm).toBeCloseTo((8 * 60) / 4.1, 9);
    // The stated tempo comes back after the cut; the last bar is cut short to keep the length.
    expect(t.tempos[1].bpm).toBeCloseTo(120, 9);
    expect(beatsToSeconds(t.beats, t.tempos)).toBeCloseTo(12, 9);
  });

  it('gives cuts closer together than a beat one hit, at the first of them', () => {
    const t = fitTiming({ seconds: 10, tempo: 120, bar: 4, fixed: false, cuts: [3, 3.3, 6, 6.45, 6.49] });
    expect(t.hits.map((h) => h.cuts)).toEqual([
      [3, 3.3],
      [6, 6.45, 6.49],
    ]);
    expect(t.hits.map((h) => beatsToSeconds(h.beat, t.tempos))).toEqual([
      expect.closeTo(3, 9),
      expect.closeTo(6, 9),
    ]);
  });

  it('ignores cuts at the very start or end and ones outside the piece', () => {
    const t = fitTiming({ seconds: 10, tempo: 120, bar: 4, fixed: false, cuts: [0, 0.01, 10, 12, 5] });
    expect(t.hits.map((h) => h.seconds)).toEqual([5]);
    expect(t.unplaced).toEqual([0, 0.01, 10, 12]);
  });

  it('starts a stated tempo change at the bar line nearest its cue, and keeps the length', () => {
    const t = fitTiming({
      seconds: 30,
      tempo: 100,
      bar: 4,
      fixed: true,
      changes: [{ seconds: 10.3, bpm: 140 }],
    });
    // 10.3 s at 100 bpm is 17.2 beats: the nearest bar line is beat 16.
    expect(t.changeBeats).toEqual([16]);
    expect(t.tempos).toEqual([
      { beat: 0, bpm: 100 },
      { beat: 16, bpm: 140 },
    ]);
    expect(beatsToSeconds(t.beats, t.tempos)).toBeCloseTo(30, 9);
    // With cuts too, both hold.
    const c = fitTiming({
      seconds: 30,
      tempo: 100,
      bar: 4,
      fixed: true,
      changes: [{ seconds: 10.3, bpm: 140 }],
      cuts: [5, 20],
    });
    expect(c.changeBeats).toEqual([16]);
    expect(secondsToBeats(20, c.tempos)).toBeCloseTo(c.hits[1].beat, 9);
    expect(c.tempos.find((e) => e.beat === 16)!.bpm / 140).toBeCloseTo(1, 1);
  });
});

describe('tempoChangesOf', () => {
  it('lists the parts after the first that state a new tempo, at their cue', () => {
    const e = embed(
      '0:00 calm opening, soft piano\n0:10 the drop, 128 bpm, energetic\n0:20 the same groove\n0:25 wind down at 90 bpm',
    );
    expect(tempoChangesOf(e, 30)).toEqual([
      { seconds: 10, bpm: 128, segment: 1 },
      { seconds: 25, bpm: 90, segment: 3 },
    ]);
    expect(tempoChangesOf(embed('upbeat pop at 120 bpm'), 30)).toEqual([]);
  });
});
