import { describe, expect, it } from 'vitest';
import { TempoMap, compileTimeline } from '../../core/timeline';
import { beatsToSeconds } from '../../core/sequence';
import { note, sequence } from '../bridge/helpers';

describe('TempoMap', () => {
  it('agrees with core beatsToSeconds through tempo changes', () => {
    const tempos = [
      { beat: 0, bpm: 120 },
      { beat: 4, bpm: 90 },
      { beat: 10.5, bpm: 200 },
    ];
    const map = new TempoMap(tempos);
    for (let b = 0; b <= 20; b += 0.37) expect(map.toMs(b)).toBeCloseTo(beatsToSeconds(b, tempos) * 1000, 6);
  });

  it('handles an empty tempo list (120 BPM)', () => {
    expect(new TempoMap([]).toMs(2)).toBeCloseTo(1000, 9);
  });
});

describe('compileTimeline', () => {
  it('puts one channel per role, drums on channel 10, and one program change per melodic channel', () => {
    const seq = sequence([
      note(60, 0, 1, 'melody', { program: 73 }),
      note(64, 0, 1, 'harmony', { program: 0 }),
      note(36, 0, 1, 'bass', { program: 33 }),
      note(36, 0, 0.5, 'drums', { program: 0 }),
      note(62, 1, 2, 'melody', { program: 5 }),
    ]);
    const tl = compileTimeline(seq);
    expect(tl.channels).toEqual([0, 1, 2, 9]);
    expect(tl.programs).toEqual([
      [0xc0, 73],
      [0xc1, 0],
      [0xc2, 33],
    ]);
    const ons = tl.events.filter((e) => e.kind === 'on').map((e) => e.data[0]);
    expect(ons).toEqual([0x90, 0x91, 0x92, 0x99, 0x90]);
  });

  it('takes programs from the tracks when there are some', () => {
    const seq = sequence([note(60, 0, 1, 'melody', { program: 1 })]);
    seq.tracks = [{ name: 'Lead', program: 81, isDrum: false, role: 'melody' }];
    expect(compileTimeline(seq).programs).toEqual([[0xc0, 81]]);
  });

  it('times events through the tempo map, note-offs before note-ons at the same time', () => {
    const seq = sequence([note(60, 0, 4), note(60, 4, 6)], 120, [{ beat: 4, bpm: 60 }]);
    const tl = compileTimeline(seq);
    expect(tl.events.map((e) => [e.kind, Math.round(e.at)])).toEqual([
      ['on', 0],
      ['off', 2000],
      ['on', 2000],
      ['off', 4000],
    ]);
    expect(tl.passMs).toBeCloseTo(4000, 6);
    expect(tl.clockTicks).toBe(6 * 24);
  });
});
