import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../../cli/model-files';
import { DRUM } from '../../../core/arrange/transitions';
import { accentHits, anticipateChords } from '../../../core/arrange/hits';
import type { ArrangementPlan } from '../../../core/arrange/plan';
import { midiToSequence, sequenceToMidi } from '../../../core/codec/midi';
import { compose } from '../../../core/compose';
import { defaultConditioning } from '../../../core/conditioning';
import { checkCuts } from '../../../core/eval/picture';
import type { MusicModel } from '../../../core/model/model';
import { loadSoundfont } from '../../../cli/render/files';
import { decodeWav, renderWav } from '../../../core/render';
import type { Note } from '../../../core/sequence';
import { durationSeconds } from '../../../core/sequence';
import { spots } from './picture.fixtures';

const chords = [
  { root: 0, quality: 'maj' as const, start: 0, end: 2 },
  { root: 7, quality: 'maj' as const, start: 2, end: 4 },
  { root: 9, quality: 'min' as const, start: 4, end: 8 },
  { root: 5, quality: 'maj' as const, start: 8, end: 12 },
];

function plan(hits: number[]): ArrangementPlan {
  const conditioning = defaultConditioning();
  return {
    seconds: 6,
    tempo: 120,
    askedTempo: 120,
    beats: 12,
    key: conditioning.key,
    meter: conditioning.meter,
    style: 'pop',
    sections: [
      {
        kind: 'verse',
        start: 0,
        end: 12,
        segment: -1,
        roles: ['melody', 'harmony', 'bass', 'drums'],
        conditioning,
        transition: false,
      },
    ],
    chords,
    programs: { melody: 0, harmony: 0, bass: 33, drums: 0 },
    drumLevel: 1,
    loop: false,
    hits: hits.map((beat) => ({ seconds: beat / 2, beat, cuts: [beat / 2], downbeat: beat % 4 === 0 })),
  };
}

const n = (role: Note['role'], pitch: number, start: number, end: number): Note => ({
  pitch,
  start,
  end,
  velocity: 70,
  role,
  program: role === 'bass' ? 33 : 0,
  isDrum: role === 'drums',
});

describe('anticipateChords', () => {
  it('moves the next chord onto a hit inside a chord, at least a beat after its start', () => {
    const out = anticipateChords(chords, [{ beat: 6 }, { beat: 2 }, { beat: 8.5 }]);
    expect(out.map((c) => [c.start, c.end])).toEqual([
      [0, 2],
      [2, 4],
      [4, 6],
      [6, 12],
    ]);
  });
});

describe('accentHits', () => {
  it('adds a pickup, a crash and a kick, the bass on the root and a struck chord, as rule notes by hit', () => {
    const notes = [
      n('bass', 40, 4, 8),
      n('harmony', 57, 4, 8),
      n('harmony', 60, 4, 8),
      n('drums', DRUM.closedHat, 5.5, 5.6),
    ];
    const out = accentHits(notes, plan([6]));
    const at = (t: number) => out.filter((x) => Math.abs(x.start - t) < 1e-9);
    expect(
      at(6)
        .filter((x) => x.isDrum)
        .map((x) => x.pitch)
        .sort(),
    ).toEqual([DRUM.kick, DRUM.crash].sort());
    // The pickup replaced the hat in the half beat before.
    expect(out.filter((x) => x.isDrum && x.start >= 5.5 && x.start < 6).map((x) => x.pitch)).toEqual([
      DRUM.snare,
      DRUM.snare,
    ]);
    const bass = at(6).find((x) => x.role === 'bass')!;
    expect(bass.pitch % 12).toBe(9);
    expect(bass.pitch).toBeGreaterThanOrEqual(33);
    expect(bass.pitch).toBeLessThanOrEqual(44);
    // Held notes stop at the hit (mended); the harmony is struck again.
    expect(out.find((x) => x.role === 'bass' && x.start === 4)).toMatchObject({
      end: 6,
      origin: 'mended',
      by: 'hit',
    });
    expect(
      at(6)
        .filter((x) => x.role === 'harmony')
        .map((x) => x.pitch)
        .sort(),
    ).toEqual([57, 60]);
    for (const x of at(6)) expect(x).toMatchObject({ origin: 'rule', by: 'hit' });
  });

  it('strikes the chord when no harmony sounds, and gives close hits no pickup', () => {
    const out = accentHits([], plan([4, 5]));
    expect(
      out
        .filter((x) => x.role === 'harmony' && x.start === 4)
        .map((x) => x.pitch % 12)
        .sort(),
    ).toEqual([0, 4, 9]);
    expect(out.filter((x) => x.isDrum && x.start > 4 && x.start < 5)).toEqual([]);
    expect(out.filter((x) => x.isDrum && x.start >= 3.5 && x.start < 4)).toHaveLength(2);
  });

  it('leaves a piece without hits as it was', () => {
    const notes = [n('melody', 72, 0, 1)];
    expect(accentHits(notes, plan([]))).toEqual(notes);
  });
});

describe('hits on the cuts of 24 spots (the shipped model)', () => {
  let model: MusicModel;
  beforeAll(async () => {
    model = await loadModel();
  });
  afterAll(() => model.dispose());

  it('puts every cut within 20 ms of onsets of two roles or more with a drum accent; the WAV is the asked length', async () => {
    const soundfont = await loadSoundfont();
    const offsets: number[] = [];
    for (const [i, s] of spots().entries()) {
      const r = compose(model, { prompt: s.prompt, seconds: s.seconds, seed: s.seed, cuts: s.cuts });
      // Times as a DAW reads them: from the written .mid's ticks and tempo map.
      const checks = checkCuts(midiToSequence(sequenceToMidi(r.sequence)), s.cuts);
      for (const c of checks) {
        expect(c.hit, `${s.prompt} cut ${c.cut}: roles ${c.roles.join(',')}, ${c.offsetMs} ms`).toBe(true);
        offsets.push(c.offsetMs);
      }
      expect(durationSeconds(r.sequence)).toBeCloseTo(s.seconds, 9);
      // One spot of each length rendered (quickly: 8 kHz, no effects); scripts/check-picture.ts renders all.
      if (i < 6) {
        const wav = await renderWav(r.sequence, soundfont, { sampleRate: 8000, effects: false });
        expect(decodeWav(wav.wav).channels[0].length).toBe(s.seconds * 8000);
      }
    }
    expect(offsets.length).toBe(132);
    console.log(
      `cut offsets over ${offsets.length} cuts: mean ${(offsets.reduce((a, b) => a + b, 0) / offsets.length).toFixed(4)} ms, worst ${Math.max(...offsets).toFixed(4)} ms`,
    );
  }, 300_000);
});
