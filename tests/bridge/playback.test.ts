/** One playback's notes and position (bridge/playback.ts), handed to a recording sink within a budget. */
import { describe, expect, it } from 'vitest';
import { drainNotes, newPlayback, playbackStatus, soundingNotes } from '../../bridge/playback';
import { compileTimeline } from '../../core/timeline';
import { RecordingSink, note, sequence } from './helpers';

/** A playback of `notes` at 120 BPM (500 ms a beat) from t = 1000. */
function playback(notes = [note(60, 0, 1), note(64, 1, 2)], loop = false) {
  const seq = sequence(notes, 120);
  return newPlayback(seq, compileTimeline(seq, { restrike: true }), 1000, loop, undefined);
}

describe('drainNotes', () => {
  it('hands the events due before `until` with their times, remembers the note-ons, and stops at the end', () => {
    const p = playback();
    const sink = new RecordingSink();
    drainNotes(p, 1500, sink, { left: 100 });
    expect(sink.sent).toEqual([{ data: [0x90, 60, 100], at: 1000 }]);
    expect(p.live).toEqual([{ channel: 0, pitch: 60, on: 1000, off: 1500 }]);
    drainNotes(p, Infinity, sink, { left: 100 });
    expect(sink.sent.map((s) => s.at)).toEqual([1000, 1500, 1500, 2000]);
    expect(p.notesDone).toBe(true);
  });

  it('skips without a sink, takes one from the budget per event, and loops pass after pass', () => {
    const p = playback([note(60, 0, 1)], true);
    const budget = { left: 3 };
    drainNotes(p, Infinity, undefined, budget);
    expect([budget.left, p.notePass, p.noteIdx, p.live]).toEqual([0, 1, 1, []]);
    const sink = new RecordingSink();
    drainNotes(p, Infinity, sink, { left: 1 });
    expect(sink.sent).toEqual([{ data: [0x80, 60, 0], at: 1000 + 500 + 500 }]);
  });

  it('is done at once with no notes, unless it loops', () => {
    const once = playback([]);
    drainNotes(once, 0, undefined, { left: 1 });
    const looped = playback([], true);
    drainNotes(looped, 0, undefined, { left: 1 });
    expect([once.notesDone, looped.notesDone]).toEqual([true, false]);
  });
});

describe('soundingNotes and playbackStatus', () => {
  it('name each sounding channel and pitch once, in the order handed', () => {
    const p = playback([note(60, 0, 4), note(60, 1, 3), note(40, 0, 4, 'bass')]);
    drainNotes(p, 1600, new RecordingSink(), { left: 100 });
    // The re-struck 60 was handed at 500 ms, after the bass's 40 (the first 60 ended there).
    expect(soundingNotes(p, 1600)).toEqual([
      { channel: 2, pitch: 40 },
      { channel: 0, pitch: 60 },
    ]);
    expect(soundingNotes(p, 999)).toEqual([]);
  });

  it('say where playback is: idle, or the position in the pass and the passes done', () => {
    expect(playbackStatus(undefined, 5)).toEqual({
      state: 'idle',
      loop: false,
      positionBeats: 0,
      pass: 0,
      passBeats: 0,
    });
    const p = playback([note(60, 0, 2)], true);
    expect(playbackStatus(p, 1000 + 2 * 1000 + 250)).toEqual({
      state: 'playing',
      loop: true,
      positionBeats: 0.5,
      pass: 2,
      passBeats: 2,
    });
    p.interrupted = true;
    expect(playbackStatus(p, 0)).toMatchObject({ state: 'interrupted', positionBeats: 0, pass: 0 });
  });
});
