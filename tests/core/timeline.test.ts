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

describe('compileTimeline with restrike (one voice per channel and pitch, as MIDI has)', () => {
  const kinds = (seq: ReturnType<typeof sequence>, restrike: boolean) =>
    compileTimeline(seq, { restrike }).events.map((e) => [e.kind, e.pitch, Math.round(e.at)]);

  it('re-strikes a sounding pitch with its note-off first and keeps only the last note-off', () => {
    const seq = sequence([note(60, 0, 4), note(60, 1, 2), note(62, 1, 3)]);
    expect(kinds(seq, true)).toEqual([
      ['on', 60, 0],
      ['off', 60, 500],
      ['on', 60, 500],
      ['on', 62, 500],
      ['off', 62, 1500],
      ['off', 60, 2000],
    ]);
    // Without it (the renderer's voices), every note keeps its own note-off.
    expect(kinds(seq, false)).toEqual([
      ['on', 60, 0],
      ['on', 60, 500],
      ['on', 62, 500],
      ['off', 60, 1000],
      ['off', 62, 1500],
      ['off', 60, 2000],
    ]);
  });

  it('counts per channel: the same pitch on two channels is two voices', () => {
    const seq = sequence([note(40, 0, 2, 'bass'), note(40, 1, 3, 'harmony')]);
    expect(
      compileTimeline(seq, { restrike: true }).events.map((e) => [e.kind, e.channel, Math.round(e.at)]),
    ).toEqual([
      ['on', 2, 0],
      ['on', 1, 500],
      ['off', 2, 1000],
      ['off', 1, 1500],
    ]);
  });

  it('leaves back-to-back notes alone (the note-off comes first at the same time)', () => {
    const seq = sequence([note(60, 0, 1), note(60, 1, 2)]);
    expect(kinds(seq, true)).toEqual(kinds(seq, false));
  });

  it('ends every note it starts: on and off counts balance per pitch', () => {
    const notes = Array.from({ length: 200 }, (_, i) =>
      note(60 + (i % 3), (i * 7) % 50, ((i * 7) % 50) + 1 + (i % 5)),
    );
    const events = compileTimeline(sequence(notes), { restrike: true }).events;
    const sounding = new Map<number, boolean>();
    for (const e of events) {
      if (e.kind === 'on') expect(sounding.get(e.pitch) ?? false, `pitch ${e.pitch} at ${e.at}`).toBe(false);
      sounding.set(e.pitch, e.kind === 'on');
    }
    expect([...sounding.values()].every((on) => !on)).toBe(true);
  });
});
