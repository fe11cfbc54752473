import { describe, expect, it } from 'vitest';
import { ClockGrid, SPP_MAX, countInFor } from '../../bridge/clock';
import { compileTimeline } from '../../core/timeline';
import { note, sequence } from './helpers';

/** The next `n` ticks of `g`: [time, sixteenths, restart]. */
function take(g: ClockGrid, n: number): { at: number; spp: number; restart: boolean; j: number }[] {
  const out = [];
  for (let i = 0; i < n && !g.done; i++) {
    out.push({ at: g.at(), spp: g.sixteenths, restart: g.restartDue, j: g.j });
    g.advance();
  }
  return out;
}

describe('ClockGrid', () => {
  it('ticks 24 per beat through the tempo map, and stops after the last tick of a piece', () => {
    const tl = compileTimeline(sequence([note(60, 0, 2)], 120, [{ beat: 1, bpm: 60 }]));
    const ticks = take(new ClockGrid(tl, 1000, false), 1000);
    expect(ticks).toHaveLength(48);
    expect(ticks[1].at - ticks[0].at).toBeCloseTo(500 / 24, 9);
    expect(ticks[25].at - ticks[24].at).toBeCloseTo(1000 / 24, 9);
  });

  it('keeps a loop of a fractional number of ticks on one even grid: no drift at the seams', () => {
    // 4.01 beats at 120 BPM: 96.24 ticks per pass.
    const seq = sequence([note(60, 0, 1)], 120);
    seq.totalBeats = 4.01;
    const tl = compileTimeline(seq);
    const ticks = take(new ClockGrid(tl, 0, true), 24 * 4.01 * 50);
    const gaps = ticks.slice(1).map((t, i) => t.at - ticks[i].at);
    for (const g of gaps) expect(g).toBeCloseTo(500 / 24, 6);
    // After 50 passes the follower has counted exactly the beats played.
    const last = ticks[ticks.length - 1];
    expect(last.at).toBeCloseTo(((ticks.length - 1) / 24) * 500, 6);
    expect(Math.abs(last.at - 50 * tl.passMs)).toBeLessThan(500 / 24);
  });

  it('counts in whole bars at the opening tempo before beat 0', () => {
    const seq = sequence([note(60, 0, 1)], 90);
    seq.timeSignatures = [{ beat: 0, numerator: 3, denominator: 4 }];
    const countIn = countInFor(seq, 2);
    expect(countIn.ticks).toBe(2 * 3 * 24);
    const g = new ClockGrid(compileTimeline(seq), 10_000, false, countIn);
    const pre = take(g, countIn.ticks);
    expect(pre[0].at).toBeCloseTo(10_000 - 6 * (60_000 / 90), 6);
    expect(pre[1].at - pre[0].at).toBeCloseTo(60_000 / 90 / 24, 9);
    expect(g.atTop).toBe(true);
    expect(g.at()).toBe(10_000);
  });

  it('restarts the Song Position count at a seam before it passes 16383 sixteenths (1024 bars)', () => {
    // A 600-beat (150-bar) loop: the count restarts at the start of pass 6 (3600 beats).
    const seq = sequence([note(60, 0, 1)], 1000);
    seq.totalBeats = 600;
    const tl = compileTimeline(seq);
    const g = new ClockGrid(tl, 0, true);
    const ticks = take(g, 600 * 24 * 10);
    const restarts = ticks.filter((t) => t.restart);
    expect(restarts.map((t) => Math.round(t.at / tl.passMs))).toEqual([6]);
    expect(restarts[0].at).toBeCloseTo(6 * tl.passMs, 6);
    expect(restarts[0].spp).toBe(0);
    expect(ticks.reduce((m, t) => Math.max(m, t.spp), 0)).toBeLessThanOrEqual(SPP_MAX);
    const before = ticks[ticks.indexOf(restarts[0]) - 1];
    expect(before.spp).toBe(Math.floor((3600 * 24 - 1) / 6));
  });
});
