import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../bridge/scheduler';
import type { SchedulerEvent, SchedulerOptions } from '../../bridge/scheduler-types';
import { ManualClock, ManualTicker, RecordingSink, note, sequence } from './helpers';

function setup(midiClock = false, extra: Partial<SchedulerOptions> = {}) {
  const clock = new ManualClock();
  const ticker = new ManualTicker();
  const sink = new RecordingSink(clock);
  const events: SchedulerEvent[] = [];
  const scheduler = new Scheduler({
    sink,
    clock,
    ticker,
    lookAheadMs: 100,
    intervalMs: 20,
    leadMs: 50,
    midiClock,
    onEvent: (e) => events.push(e),
    ...extra,
  });
  /** Advances the clock in interval steps, firing the ticker each time. */
  const run = (ms: number) => {
    for (let t = 0; t < ms; t += 20) {
      clock.t += 20;
      ticker.fire();
    }
  };
  return { clock, ticker, sink, scheduler, events, run };
}

describe('Scheduler', () => {
  it('sends program changes first, then notes on absolute timestamps handed ahead by the look-ahead', () => {
    const { clock, sink, scheduler, run } = setup();
    const seq = sequence([note(60, 0, 1, 'melody', { program: 40 }), note(36, 0.5, 1, 'drums')], 120);
    const start = clock.t;
    const info = scheduler.play(seq);
    expect(info.startAt).toBe(start + 50);
    expect(sink.sent[0]).toEqual({ data: [0xc0, 40], at: start });
    // First tick: look-ahead reaches start+100: only the beat-0 note-on is handed, with its exact time.
    expect(sink.sent.slice(1)).toEqual([{ data: [0x90, 60, 100], at: start + 50 }]);
    run(400);
    expect(sink.sent.slice(1)).toEqual([
      { data: [0x90, 60, 100], at: start + 50 },
      { data: [0x99, 36, 100], at: start + 300 },
    ]);
    run(200);
    expect(sink.sent.slice(3).map((s) => [s.data, s.at])).toEqual([
      [[0x80, 60, 0], start + 550],
      [[0x89, 36, 0], start + 550],
    ]);
    expect(scheduler.playing).toBe(false);
  });

  it('never hands an event more than the look-ahead early, and ends', () => {
    const { clock, sink, scheduler, events, run } = setup();
    const notes = Array.from({ length: 50 }, (_, i) => note(60 + (i % 12), i * 0.25, i * 0.25 + 0.2));
    scheduler.play(sequence(notes, 100));
    const handedAt: number[] = [];
    const origSend = sink.send.bind(sink);
    sink.send = (data, at) => {
      handedAt.push((at ?? clock.t) - clock.t);
      origSend(data, at);
    };
    run(10_000);
    expect(Math.max(...handedAt)).toBeLessThanOrEqual(100);
    expect(Math.min(...handedAt)).toBeGreaterThanOrEqual(0);
    expect(sink.sent.filter((s) => (s.data[0] & 0xf0) === 0x90)).toHaveLength(50);
    expect(events.map((e) => e.type)).toEqual(['started', 'ended']);
    expect(scheduler.playing).toBe(false);
  });

  it('stop sends note-off for sounding notes and all-notes-off on every channel used, and nothing after', () => {
    const { sink, scheduler, events, run } = setup();
    scheduler.play(
      sequence([note(60, 0, 8, 'melody'), note(40, 0, 8, 'bass'), note(42, 0, 0.1, 'drums'), note(70, 6, 7)]),
    );
    run(500);
    sink.sent = [];
    scheduler.stop();
    expect(sink.cancels).toBe(1);
    expect(sink.sent.map((s) => s.data)).toEqual([
      [0x80, 60, 0],
      [0x82, 40, 0],
      [0xb0, 123, 0],
      [0xb2, 123, 0],
      [0xb9, 123, 0],
    ]);
    run(5000);
    expect(sink.sent).toHaveLength(5);
    expect(events.at(-1)?.type).toBe('stopped');
  });

  it('panic adds all-sound-off and sustain-off on every channel used', () => {
    const { sink, scheduler, run } = setup();
    scheduler.play(sequence([note(60, 0, 8, 'harmony')]));
    run(100);
    sink.sent = [];
    scheduler.panic();
    expect(sink.sent.map((s) => s.data)).toEqual([
      [0x81, 60, 0],
      [0xb1, 123, 0],
      [0xb1, 120, 0],
      [0xb1, 123, 0],
      [0xb1, 64, 0],
    ]);
  });

  it('loops with each pass shifted by the pass length until stopped', () => {
    const { clock, sink, scheduler, run } = setup();
    const start = clock.t + 50;
    scheduler.play(sequence([note(60, 0, 1)], 120), { loop: true }); // a pass is 500 ms
    run(1700);
    const ons = sink.sent.filter((s) => s.data[0] === 0x90).map((s) => s.at! - start);
    expect(ons).toEqual([0, 500, 1000, 1500]);
    expect(scheduler.status()).toMatchObject({ state: 'playing', loop: true, pass: 3 });
    scheduler.stop();
    expect(scheduler.playing).toBe(false);
  });

  it('sends MIDI clock: start, 24 ticks per beat through the tempo map, stop', () => {
    const { clock, sink, scheduler, run } = setup(true);
    const start = clock.t + 50;
    scheduler.play(sequence([note(60, 0, 2)], 120, [{ beat: 1, bpm: 60 }]));
    run(3000);
    const rt = sink.sent.filter((s) => s.data[0] >= 0xf8);
    expect(rt[0]).toEqual({ data: [0xfa], at: start });
    const ticks = rt.filter((s) => s.data[0] === 0xf8).map((s) => s.at! - start);
    expect(ticks).toHaveLength(48);
    expect(ticks[1]).toBeCloseTo(500 / 24, 9);
    expect(ticks[25] - ticks[24]).toBeCloseTo(1000 / 24, 9);
    expect(rt.at(-1)).toEqual({ data: [0xfc], at: start + 1500 });
  });

  it('drops events while the output is gone, then resyncs (all notes off, programs, clock position) and resumes', () => {
    const { clock, sink, scheduler, events, run } = setup(true);
    const start = clock.t + 50;
    const notes = Array.from({ length: 16 }, (_, i) => note(60, i, i + 0.5, 'melody', { program: 12 }));
    scheduler.play(sequence(notes, 120)); // one note every 500 ms
    run(1000);
    sink.connected = false;
    run(1500);
    expect(events.map((e) => e.type)).toEqual(['started', 'interrupted']);
    const before = sink.sent.length;
    run(500);
    expect(sink.sent.length).toBe(before);
    sink.connected = true;
    const t = clock.t + 20;
    run(20);
    expect(events.map((e) => e.type)).toEqual(['started', 'interrupted', 'resumed']);
    const resync = sink.sent.slice(before, before + 4).map((s) => s.data);
    expect(resync).toEqual([[0xb0, 123, 0], [0xc0, 12], [0xf2, expect.any(Number), 0], [0xfb]]);
    // The follower is pointed at the sixteenth where ticks resume.
    const spp = resync[2][1];
    const firstTick = sink.sent.slice(before).find((s) => s.data[0] === 0xf8)!;
    expect(firstTick.at! - start).toBeCloseTo((spp * 6 * 500) / 24, 6);
    run(10_000);
    const onsAfter = sink.sent.slice(before).filter((s) => s.data[0] === 0x90);
    expect(onsAfter.length).toBeGreaterThan(0);
    expect(Math.min(...onsAfter.map((s) => s.at!))).toBeGreaterThanOrEqual(t);
    expect(events.at(-1)?.type).toBe('ended');
  });

  it('an empty sequence ends at once', () => {
    const { scheduler, events, run } = setup();
    scheduler.play(sequence([]));
    run(100);
    expect(events.map((e) => e.type)).toEqual(['started', 'ended']);
  });

  it('re-strikes a sounding pitch with its note-off first, and lets the outer of two overlapping notes ring', () => {
    const { clock, sink, scheduler, run } = setup();
    const start = clock.t + 50;
    // Outer C4 0..4, inner C4 1..2 (a re-strike), then E4 on its own.
    scheduler.play(sequence([note(60, 0, 4), note(60, 1, 2), note(64, 2, 3)]));
    run(3000);
    expect(sink.sent.slice(1).map((s) => [s.data, s.at! - start])).toEqual([
      [[0x90, 60, 100], 0],
      [[0x80, 60, 0], 500],
      [[0x90, 60, 100], 500],
      [[0x90, 64, 100], 1000],
      [[0x80, 64, 0], 1500],
      [[0x80, 60, 0], 2000],
    ]);
  });

  it('stop sends one note-off per sounding pitch even when notes of that pitch overlap', () => {
    const { sink, scheduler, run } = setup();
    scheduler.play(sequence([note(60, 0, 4), note(60, 1, 3)]));
    run(700);
    sink.sent = [];
    scheduler.stop();
    expect(sink.sent.map((s) => s.data)).toEqual([
      [0x80, 60, 0],
      [0xb0, 123, 0],
    ]);
  });

  it('bounds the work of one wake-up, so even an unchecked 1e-9-beat loop cannot hold the thread', () => {
    const { sink, scheduler, run } = setup(true, { maxEventsPerTick: 500 });
    scheduler.play(sequence([note(60, 0, 1e-9)]), { loop: true });
    const afterPlay = sink.sent.length;
    expect(afterPlay).toBeLessThanOrEqual(500 + 2); // + the program change and clock Start
    run(200); // ten wake-ups
    expect(sink.sent.length - afterPlay).toBeLessThanOrEqual(10 * 500);
    scheduler.stop();
    expect(scheduler.playing).toBe(false);
  });

  it('counts in with bars of clock at the opening tempo, then Start on beat 0 with the first note', () => {
    const { clock, sink, scheduler, run } = setup(true, { countInBars: 2 });
    const info = scheduler.play(sequence([note(60, 0, 1)], 120));
    expect(info.startAt).toBe(clock.t + 50 + 4000); // two bars of 4/4 at 120 BPM
    run(6000);
    const beforeStart = sink.sent.filter((s) => s.at! < info.startAt && s.data[0] >= 0xf0);
    expect(beforeStart.map((s) => s.data[0])).toEqual(Array(2 * 4 * 24).fill(0xf8));
    expect(beforeStart[0].at).toBeCloseTo(info.startAt - 4000, 9);
    const atStart = sink.sent.filter((s) => s.at === info.startAt).map((s) => s.data);
    expect(atStart).toEqual([[0xfa], [0xf8], [0x90, 60, 100]]);
  });

  it('with a continuous clock, ticks between pieces, starts the piece on the running grid and keeps ticking after it', () => {
    const { clock, sink, scheduler, events, run } = setup(true, { continuousClock: true });
    const t0 = clock.t;
    run(1000);
    const idle = sink.sent.filter((s) => s.data[0] === 0xf8);
    expect(idle.length).toBeGreaterThan(40);
    const info = scheduler.play(sequence([note(60, 0, 1)], 120));
    run(2000);
    expect(events.map((e) => e.type)).toEqual(['started', 'ended']);
    const ticks = sink.sent.filter((s) => s.data[0] === 0xf8).map((s) => s.at!);
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]);
    for (const g of gaps) expect(g).toBeCloseTo(500 / 24, 6); // one even grid throughout
    const onGrid = (info.startAt - (t0 + 50)) / (500 / 24);
    expect(Math.abs(onGrid - Math.round(onGrid))).toBeLessThan(1e-6);
    const rt = sink.sent
      .filter((s) => s.data[0] === 0xfa || s.data[0] === 0xfc)
      .map((s) => [s.data[0], s.at]);
    expect(rt).toEqual([
      [0xfa, info.startAt],
      [0xfc, info.startAt + 500],
    ]);
    expect(ticks[ticks.length - 1]).toBeGreaterThan(info.startAt + 1500);
    scheduler.dispose();
    const n = sink.sent.length;
    run(500);
    expect(sink.sent.length).toBe(n);
  });

  it('restarts the clock count at a loop seam past 1024 bars with Stop, Song Position 0 and Continue', () => {
    const { clock, sink, scheduler, run } = setup(true);
    const seq = sequence([note(60, 0, 1)], 1000);
    seq.totalBeats = 600; // 36 s a pass
    const start = clock.t + 50;
    scheduler.play(seq, { loop: true });
    run(6 * 36_000 + 200);
    const seam = start + 6 * 36_000;
    const at = sink.sent.filter((s) => Math.abs(s.at! - seam) < 1e-6 && s.data[0] >= 0xf0).map((s) => s.data);
    expect(at).toEqual([[0xfc], [0xf2, 0, 0], [0xfb], [0xf8]]);
    scheduler.stop();
  });
});
