/** The MIDI clock the scheduler hands (bridge/midi-clock.ts): a playback's grid, Continue, the clock between pieces. */
import { describe, expect, it } from 'vitest';
import { ClockGrid } from '../../bridge/clock';
import { continueClock, drainClock, drainIdle, joinIdle, msPerClockTick } from '../../bridge/midi-clock';
import { compileTimeline } from '../../core/timeline';
import { RecordingSink, note, sequence } from './helpers';

/** The clock grid of one beat at 120 BPM (24 ticks of 500/24 ms) from t = 0. */
const grid = (loop = false) => new ClockGrid(compileTimeline(sequence([note(60, 0, 1)], 120)), 0, loop);

describe('drainClock', () => {
  it('hands Start before beat 0, then the ticks due before `until`, one from the budget each', () => {
    const g = grid();
    const sink = new RecordingSink();
    const budget = { left: 100 };
    drainClock(g, 50, sink, budget);
    expect(sink.sent.map((s) => s.data[0])).toEqual([0xfa, 0xf8, 0xf8, 0xf8]);
    expect(budget.left).toBe(97);
    drainClock(g, Infinity, sink, { left: 100 });
    expect(sink.sent.filter((s) => s.data[0] === 0xf8)).toHaveLength(24);
    expect(g.done).toBe(true);
  });

  it('skips without a sink, and stops when the budget is spent', () => {
    const g = grid();
    drainClock(g, Infinity, undefined, { left: 5 });
    expect(g.j).toBe(5);
    drainClock(undefined, Infinity, undefined, { left: 5 });
  });
});

describe('continueClock', () => {
  it('moves the grid to its next sixteenth and points the follower there', () => {
    const g = grid(true);
    for (let i = 0; i < 7; i++) g.advance();
    const sink = new RecordingSink();
    continueClock(g, sink);
    expect(g.j).toBe(12);
    expect(sink.sent.map((s) => s.data)).toEqual([[0xf2, 2, 0], [0xfb]]);
  });

  it('says nothing before beat 0 or after the last tick', () => {
    const sink = new RecordingSink();
    const done = grid();
    drainClock(done, Infinity, undefined, { left: 100 });
    continueClock(done, sink);
    continueClock(undefined, sink);
    const tl = compileTimeline(sequence([note(60, 0, 1)], 120));
    const countingIn = new ClockGrid(tl, 0, true, { ticks: 24, msPerTick: 10 });
    continueClock(countingIn, sink);
    expect(countingIn.j).toBe(-24);
    expect(sink.sent).toEqual([]);
  });
});

describe('the clock between pieces', () => {
  it('is joined on its next tick at or after the start asked for', () => {
    const idle = { next: 100, msPerTick: 20 };
    expect(joinIdle(idle, 130, 0)).toBe(140);
    expect(joinIdle(idle, 140, 0)).toBe(140);
    expect(joinIdle(idle, 50, 0)).toBe(100);
    expect(joinIdle(idle, 1130, 1000)).toBe(1140);
    expect(msPerClockTick(120)).toBe(500 / 24);
  });

  it('ticks up to the look-ahead within the budget, and keeps its grid while the port is away', () => {
    const idle = { next: 100, msPerTick: 20 };
    const sink = new RecordingSink();
    drainIdle(idle, 200, 100, sink, { left: 2 });
    expect(sink.sent.map((s) => s.at)).toEqual([100, 120]);
    drainIdle(idle, 200, 100, sink, { left: 100 });
    expect(sink.sent.map((s) => s.at)).toEqual([100, 120, 140, 160, 180]);
    sink.connected = false;
    drainIdle(idle, 1010, 100, sink, { left: 100 });
    expect(idle.next).toBe(920);
    expect(sink.sent).toHaveLength(5);
  });
});
