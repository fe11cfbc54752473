import { describe, expect, it } from 'vitest';
import { REST } from '../../../core/codec/events';
import type { NoteEvent } from '../../../core/codec/events';
import { defaultConditioning, STYLES } from '../../../core/conditioning';
import type { Conditioning } from '../../../core/conditioning';
import { familyId } from '../../../core/features/family';
import type { StreamRef } from '../../../core/model/data';
import { FAMILY_FIELD, makeStream, packEvents, PACKED_FIELDS } from '../../../core/model/data';

const ev = (pitch: number, step: number, duration: number): NoteEvent => ({
  pitch,
  step,
  duration,
  velocity: 9,
  role: 1,
});

describe('the shard format', () => {
  const events = [ev(60, 0, 12), ev(REST, 48, 0), ev(64, 6, 6)];
  const families = [familyId(25), familyId(48), familyId(48)];
  const bytes = packEvents(events, [1, 0, 6], families);

  it('packs seven bytes an event: pitch, step, duration, velocity, role, chord, instrument family', () => {
    expect(PACKED_FIELDS).toBe(7);
    expect(Array.from(bytes)).toEqual([60, 0, 12, 9, 1, 1, 3, REST, 48, 0, 9, 1, 0, 6, 64, 6, 6, 9, 1, 6, 6]);
    expect(bytes[2 * PACKED_FIELDS + FAMILY_FIELD]).toBe(familyId(48));
    expect(Array.from(packEvents(events, [0, 0, 0])).filter((_, i) => i % 7 === 6)).toEqual([0, 0, 0]);
  });

  it('exposes the family per event and the sampling weight on the stream, not as a network input', () => {
    const ref: StreamRef = {
      split: 'train',
      id: 'x',
      role: 'harmony',
      offset: 0,
      length: 3,
      conditioning: { ...defaultConditioning(), key: { tonic: 2, mode: 'major' } },
      corpus: 'mma',
      style: 'pop',
      weight: 2.5,
    };
    const s = makeStream(bytes, ref, true);
    expect(Array.from(s.family)).toEqual([familyId(25), familyId(25), familyId(48), familyId(48)]);
    expect(s.weight).toBe(2.5);
    expect(Object.keys(s.cols)).not.toContain('family');
    expect(Array.from(s.cols.pitch)).toEqual([REST, 58, REST, 62]);
    expect(makeStream(bytes, { ...ref, weight: undefined }, false).weight).toBe(1);
  });

  it("conditions a stream of style 'unknown' with no style one-hot", () => {
    const conditioning = { ...defaultConditioning(), style: 'unknown' } as unknown as Conditioning;
    const ref: StreamRef = { split: 'train', id: 'x', role: 'harmony', offset: 0, length: 3, conditioning };
    const cond = makeStream(bytes, ref, false).cond;
    expect(Array.from(cond.slice(9, 9 + STYLES.length)).every((x) => x === 0)).toBe(true);
    const pop = makeStream(bytes, { ...ref, conditioning: defaultConditioning() }, false).cond;
    expect(pop[9 + STYLES.indexOf('pop')]).toBe(1);
  });
});
