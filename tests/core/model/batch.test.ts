import { describe, expect, it } from 'vitest';
import { REST } from '../../../core/codec/events';
import { batches, makeBatch, splitBatch, windows } from '../../../core/model/batch';
import type { Stream } from '../../../core/model/data';
import { EVENT_INPUTS } from '../../../core/model/fields';
import { familyId } from '../../../core/features/family';

/** A stream whose column k holds 10k + field index in every field (so every cell names its source). */
function stream(role: string, length: number, family?: Int32Array, weight = 1): Stream {
  const cols = Object.fromEntries(
    EVENT_INPUTS.map((k, f) => [k, Int32Array.from({ length }, (_, i) => 10 * i + f)]),
  ) as Stream['cols'];
  const s = {
    id: role,
    role,
    cols,
    cond: Float32Array.from([0.5, -1]),
    weight,
    tempo: 100,
    shift: 0,
    length,
  };
  return (family ? { ...s, family } : s) as Stream;
}

describe('batches', () => {
  it('gives each step the previous event, the next event as next-onset inputs and targets, and the next family', () => {
    const family = Int32Array.from([9, 1, 2, 3, 4]);
    const s = [stream('harmony', 5, family)];
    const b = makeBatch(s, [{ stream: 0, start: 0 }], 6, 2);
    expect(b.events).toBe(4);
    expect(Array.from(b.mask)).toEqual([1, 1, 1, 1, 0, 0]);
    for (let t = 0; t < 4; t++) {
      EVENT_INPUTS.forEach((k, f) => expect(b.inputs[k][t]).toBe(10 * t + f));
      expect(b.inputs.family[t]).toBe(family[t + 1]);
      expect(b.next.step[t]).toBe(10 * (t + 1) + EVENT_INPUTS.indexOf('step'));
      expect(b.next.chord[t]).toBe(10 * (t + 1) + EVENT_INPUTS.indexOf('chord'));
      expect(b.next.position[t]).toBe(10 * (t + 1) + EVENT_INPUTS.indexOf('position'));
      expect(b.next.pitch[t]).toBe(b.targets.pitch[t]);
      expect(b.targets.duration[t]).toBe(10 * (t + 1) + EVENT_INPUTS.indexOf('duration'));
    }
    expect(b.inputs.pitch[4]).toBe(REST);
    expect(Array.from(b.cond.slice(0, 4))).toEqual([0.5, -1, 0.5, -1]);
  });

  it("draws each stream's windows as often as its sampling weight says, the same way for the same seed", async () => {
    const { seededRandom } = await import('../../../core/random');
    const s = [
      stream('melody', 801),
      stream('bass', 801, undefined, 2.5),
      stream('drums', 801, undefined, 0.25),
    ];
    const wins = windows(s, 8, seededRandom(5));
    const count = (i: number): number => wins.filter((w) => w.stream === i).length;
    expect(count(0)).toBe(windows([s[0]], 8, seededRandom(5)).length);
    expect(count(1) / count(0)).toBeGreaterThan(2.3);
    expect(count(1) / count(0)).toBeLessThan(2.7);
    expect(count(2) / count(0)).toBeGreaterThan(0.15);
    expect(count(2) / count(0)).toBeLessThan(0.35);
    expect(windows(s, 8, seededRandom(5))).toEqual(wins);
    // Without a random source (validation), every window once, whatever the weight.
    expect(windows(s, 8).filter((w) => w.stream === 1).length).toBe(100);
  });

  it('starts a share of the mid-stream windows as a stream starts, the same way for the same seed', async () => {
    const { seededRandom } = await import('../../../core/random');
    const s = Array.from({ length: 40 }, (_, i) => stream('melody', 30 + i));
    const none = windows(s, 8, seededRandom(2));
    expect(none.some((w) => w.restart)).toBe(false);
    const some = windows(s, 8, seededRandom(2), 0.25);
    const flagged = some.filter((w) => w.restart);
    expect(flagged.length / some.filter((w) => w.start > 0).length).toBeGreaterThan(0.15);
    expect(flagged.length / some.filter((w) => w.start > 0).length).toBeLessThan(0.35);
    expect(flagged.every((w) => w.start > 0)).toBe(true);
    expect(windows(s, 8, seededRandom(2), 0.25)).toEqual(some);
    const b = makeBatch(s, [flagged[0]], 8, 2);
    const plain = makeBatch(s, [{ ...flagged[0], restart: false }], 8, 2);
    expect([b.inputs.pitch[0], b.inputs.step[0], b.inputs.chord[0], b.inputs.position[0]]).toEqual([
      REST,
      0,
      0,
      0,
    ]);
    expect(b.inputs.role[0]).toBe(plain.inputs.role[0]);
    expect(Array.from(b.inputs.pitch.slice(1))).toEqual(Array.from(plain.inputs.pitch.slice(1)));
    expect(Array.from(b.targets.pitch)).toEqual(Array.from(plain.targets.pitch));
  });

  it('gives shards without families the role default family', () => {
    const b = makeBatch(
      [stream('bass', 3), stream('drums', 3)],
      [
        { stream: 0, start: 0 },
        { stream: 1, start: 0 },
      ],
      2,
      2,
    );
    expect(Array.from(b.inputs.family)).toEqual([
      familyId(33),
      familyId(33),
      familyId(0, true),
      familyId(0, true),
    ]);
  });

  it('shuffles the same way for the same seed, and splits rows in order', async () => {
    const s = Array.from({ length: 9 }, (_, i) => stream('melody', 4 + i));
    const { seededRandom } = await import('../../../core/random');
    const read = async (seed: number) => {
      const out: number[] = [];
      for await (const b of batches(s, { batchSize: 4, time: 3, condSize: 2, rng: seededRandom(seed) }))
        out.push(...b.inputs.pitch);
      return out;
    };
    expect(await read(3)).toEqual(await read(3));
    expect(await read(3)).not.toEqual(await read(4));
    const b = makeBatch(s, windows(s, 3).slice(0, 5), 3, 2);
    const parts = splitBatch(b, 2);
    expect(parts.map((p) => p.size)).toEqual([2, 3]);
    expect([...parts[0].inputs.pitch, ...parts[1].inputs.pitch]).toEqual([...b.inputs.pitch]);
    expect([...parts[0].cond, ...parts[1].cond]).toEqual([...b.cond]);
  });
});
