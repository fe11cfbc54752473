import { describe, expect, it } from 'vitest';
import type { NoteEvent } from '../../../core/codec/events';
import { GRID, REST } from '../../../core/codec/events';
import { FAST_GAP_SECONDS, onsetGaps } from '../../../bench/lib/onset-gaps';

const note = (step: number, pitch = 72): NoteEvent => ({ pitch, step, duration: 1, velocity: 8, role: 0 });
const rest = (step: number): NoteEvent => ({ pitch: REST, step, duration: 0, velocity: 0, role: 0 });

describe('onsetGaps', () => {
  it('counts the onset gaps under 0.1 s at the tempo, notes starting together once, rests as time', () => {
    // At 120 bpm a grid step is 1/24 s: 2 steps (83 ms) are fast, 3 steps (125 ms) are not.
    const events = [
      note(0),
      note(0, 76), // with the first: no gap
      note(2),
      note(3),
      rest(1),
      note(1), // 2 steps after the last note, across a rest: fast
      note(GRID),
      note(GRID),
      note(GRID),
      note(GRID),
      note(GRID),
    ];
    expect(onsetGaps(events, 120)).toEqual({ gaps: 8, fast: 2 });
    // Twice as slow, nothing is fast.
    expect(onsetGaps(events, 60)).toEqual({ gaps: 8, fast: 0 });
  });

  it('reads the gap in seconds at the tempo: at 144 bpm three steps (0.104 s) are not fast, two are', () => {
    const at = (step: number): NoteEvent[] => [note(0), ...Array.from({ length: 8 }, () => note(step))];
    expect(3 * (60 / 144 / GRID)).toBeGreaterThan(FAST_GAP_SECONDS);
    expect(onsetGaps(at(3), 144)).toEqual({ gaps: 8, fast: 0 });
    expect(onsetGaps(at(2), 144)).toEqual({ gaps: 8, fast: 8 });
  });
});
