import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../../cli/model-files';
import { planArrangement } from '../../../core/arrange/plan-arrangement';
import { keyRegions } from '../../../core/arrange/regions';
import { midiToSequence, sequenceToMidi } from '../../../core/codec/midi';
import { compose } from '../../../core/compose';
import { embed } from '../../../core/embed';
import { keyHeard } from '../../../core/eval/picture';
import type { MusicModel } from '../../../core/model/model';
import { KEY_CHANGE_SCRIPT } from './picture.fixtures';

describe('keyRegions', () => {
  it('joins consecutive sections in one key', () => {
    const plan = planArrangement(embed(KEY_CHANGE_SCRIPT), { seconds: 36 });
    const regions = keyRegions(plan);
    expect(regions.map((r) => `${r.key.tonic} ${r.key.mode}`)).toEqual(['0 major', '4 minor']);
    expect(regions[0].start).toBe(0);
    expect(regions[1].start).toBe(plan.sections.find((s) => s.segment === 1)!.start);
    expect(regions[1].end).toBe(plan.beats);
    // A piece in one key is one region.
    expect(keyRegions(planArrangement(embed('happy pop in G major'), { seconds: 20 }))).toHaveLength(1);
  });
});

describe('a script that changes key in its second part (the shipped model)', () => {
  let model: MusicModel;
  beforeAll(async () => {
    model = await loadModel();
  });
  afterAll(() => model.dispose());

  it('is heard in the new key from that part on, and its .mid has the key signature change', () => {
    // Over 48 seeds (16 drew 11 to 15 from one change to the next): the key finder hears E minor in the
    // new part every time and in each of its sections in 41/48 pieces with the shipped 0.3.1 and this
    // code (39 to 41 over this session's changes: 41 with no mood register); the first part (12 s, its
    // last chord the new key's V) is heard in C major in most pieces (39/48).
    const heard = { first: 0, second: 0, sections: 0 };
    for (let seed = 1; seed <= 48; seed++) {
      const r = compose(model, { prompt: KEY_CHANGE_SCRIPT, seconds: 36, seed });
      const [first, second] = keyRegions(r.plan);
      const is = (k: { tonic: number; mode: string }, tonic: number, mode: string): boolean =>
        k.tonic === tonic && k.mode === mode;
      if (is(keyHeard(r.sequence, first.start, first.end), 0, 'major')) heard.first++;
      if (is(keyHeard(r.sequence, second.start, second.end), 4, 'minor')) heard.second++;
      // Each section of the new key on its own too (the ending is the E minor chord).
      const inNew = r.plan.sections.filter((x) => x.start >= second.start && x.kind !== 'ending');
      if (inNew.every((s) => is(keyHeard(r.sequence, s.start, s.end), 4, 'minor'))) heard.sections++;
      const back = midiToSequence(sequenceToMidi(r.sequence));
      expect(back.keySignatures).toEqual([
        { beat: 0, tonic: 0, mode: 'major' },
        { beat: second.start, tonic: 4, mode: 'minor' },
      ]);
      const ending = r.sequence.notes.filter((n) => !n.isDrum && n.start >= r.plan.sections.at(-1)!.start);
      expect(new Set(ending.map((n) => n.pitch % 12))).toEqual(new Set([4, 7, 11]));
    }
    console.log(`key change heard: ${JSON.stringify(heard)} of 48`);
    expect(heard.second).toBe(48);
    expect(heard.sections).toBeGreaterThanOrEqual(36);
    expect(heard.first).toBeGreaterThanOrEqual(30);
  });
});

describe('a meter change in a later part', () => {
  it('is not followed, and the plan says so', () => {
    const plan = planArrangement(embed('0:00 a calm start\n0:10 then we dance, 3/4 time'), { seconds: 20 });
    expect(plan.meter).toEqual({ numerator: 4, denominator: 4 });
    expect(plan.notes).toEqual(['meter 3/4 of a later part not followed: the piece stays in 4/4']);
    expect(planArrangement(embed('a waltz in 3/4'), { seconds: 20 }).notes).toBeUndefined();
  });
});
