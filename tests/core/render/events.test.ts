import { describe, expect, it } from 'vitest';
import { synthScript } from '../../../core/render/events';
import { DEFAULT_REVERB_SEND } from '../../../core/render/synth';
import { beatsToSeconds } from '../../../core/sequence';
import { bandPiece } from './fixture';

const RATE = 48000;

describe('synthScript: the timeline compiler straight into the synth', () => {
  it('puts every note on and off at its frame from the tempo map, offs first at equal frames', () => {
    const seq = bandPiece();
    const { events } = synthScript(seq, RATE, DEFAULT_REVERB_SEND);
    expect(events).toHaveLength(seq.notes.length * 2);
    const ons = events.filter((e) => (e.message[0] & 0xf0) === 0x90);
    for (const n of seq.notes) {
      const frame = Math.round(beatsToSeconds(n.start, seq.tempos) * RATE);
      expect(
        ons.some((e) => e.frame === frame && e.message[1] === n.pitch && e.message[2] === n.velocity),
      ).toBe(true);
    }
    // The tempo change at beat 8 (120 -> 100 bpm) is honoured: beat 12 is 4 s + 2.4 s in.
    expect(ons.filter((e) => e.frame === Math.round(6.4 * RATE)).length).toBeGreaterThan(0);
    for (let i = 1; i < events.length; i++) {
      expect(events[i].frame).toBeGreaterThanOrEqual(events[i - 1].frame);
      if (events[i].frame === events[i - 1].frame && (events[i - 1].message[0] & 0xf0) === 0x90)
        expect(events[i].message[0] & 0xf0).toBe(0x90);
    }
  });

  it("sets each role channel's program and reverb send before the first note; drums take channel 10", () => {
    const { setup, events } = synthScript(bandPiece(), RATE, DEFAULT_REVERB_SEND);
    expect(setup).toContainEqual([0xc0, 73]); // melody: flute on channel 1
    expect(setup).toContainEqual([0xc1, 48]); // harmony: strings on channel 2
    expect(setup).toContainEqual([0xc2, 33]); // bass on channel 3
    expect(setup.some((m) => m[0] === 0xc9)).toBe(false); // no program change on the drum channel
    expect(setup).toContainEqual([0xb1, 91, DEFAULT_REVERB_SEND.harmony]);
    expect(setup).toContainEqual([0xb9, 91, DEFAULT_REVERB_SEND.drums]);
    expect(events.filter((e) => e.message[0] === 0x99).length).toBeGreaterThan(0);
  });

  it('gives a second program of one role its own channel, and clamps velocities to 1..127', () => {
    const seq = bandPiece();
    seq.notes = seq.notes.map((n, i) =>
      n.role === 'melody' && i % 2 === 0
        ? { ...n, program: 0, velocity: 200 }
        : n.role === 'bass'
          ? { ...n, velocity: 0.2 }
          : n,
    );
    const { setup, events } = synthScript(seq, RATE, DEFAULT_REVERB_SEND);
    const spare = setup.find((m) => (m[0] & 0xf0) === 0xc0 && ![0, 1, 2, 9].includes(m[0] & 0x0f));
    expect(spare).toBeDefined();
    const channel = spare![0] & 0x0f;
    expect([0, 1, 2, 9]).not.toContain(channel);
    const onsOn = (c: number) => events.filter((e) => e.message[0] === (0x90 | c));
    expect(onsOn(channel).length + onsOn(0).length).toBe(seq.notes.filter((n) => n.role === 'melody').length);
    const loud = [...onsOn(channel), ...onsOn(0)].filter((e) => e.message[2] === 127);
    expect(loud.length).toBe(seq.notes.filter((n) => n.role === 'melody' && n.velocity === 200).length);
    expect(setup).toContainEqual([0xc0 | channel, spare![1]]);
    expect(new Set([spare![1], setup.find((m) => m[0] === 0xc0)![1]])).toEqual(new Set([0, 73]));
    expect(onsOn(2).every((e) => e.message[2] === 1)).toBe(true);
  });
});
