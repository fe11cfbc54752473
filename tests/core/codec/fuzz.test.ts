import { describe, expect, it } from 'vitest';
import { midiToSequence, sequenceToMidi } from '../../../core/codec/midi';
import { MidiParseError } from '../../../core/errors';
import { seededRandom } from '../../../core/random';
import { bandFixture } from '../../fixtures/sequences';

function mutate(src: Uint8Array, rng: () => number): Uint8Array {
  const b = Array.from(src);
  const kind = Math.floor(rng() * 5);
  const at = () => Math.floor(rng() * b.length);
  const count = 1 + Math.floor(rng() * 8);
  for (let k = 0; k < count; k++) {
    if (kind === 0)
      b[at()] = Math.floor(rng() * 256); // byte flip
    else if (kind === 1)
      b.length = Math.max(0, at()); // truncate
    else if (kind === 2)
      b.splice(at(), 0, ...Array.from({ length: 1 + Math.floor(rng() * 16) }, () => Math.floor(rng() * 256))); // insert junk
    else if (kind === 3)
      b.splice(at(), 1 + Math.floor(rng() * 16)); // delete a run
    else b[Math.min(b.length - 1, 4 + Math.floor(rng() * 18))] = Math.floor(rng() * 256); // header / chunk lengths
  }
  return Uint8Array.from(b);
}

describe('codec fuzz', () => {
  it('parses or throws MidiParseError, nothing else, on 600 mutated files', () => {
    const src = sequenceToMidi(bandFixture());
    const rng = seededRandom(2026);
    let parsed = 0;
    let rejected = 0;
    for (let i = 0; i < 600; i++) {
      const bytes = mutate(src, rng);
      try {
        const seq = midiToSequence(bytes);
        for (const n of seq.notes) {
          expect(n.pitch).toBeGreaterThanOrEqual(0);
          expect(n.pitch).toBeLessThanOrEqual(127);
          expect(n.end).toBeGreaterThan(n.start);
          expect(Number.isFinite(n.start)).toBe(true);
        }
        parsed++;
      } catch (err) {
        expect(err).toBeInstanceOf(MidiParseError);
        rejected++;
      }
    }
    expect(parsed + rejected).toBe(600);
    expect(rejected).toBeGreaterThan(50);
    console.log(`fuzz: ${parsed} parsed, ${rejected} rejected with MidiParseError`);
  });
});
