import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../cli/model-files';
import { compose, resultDocument } from '../../core/compose';
import { ModelNotReadyError, PromptError } from '../../core/errors';
import { findKey } from '../../core/features/key';
import type { MusicModel } from '../../core/model/model';
import { beatsToSeconds, durationSeconds } from '../../core/sequence';

/** The parts of a result document the override tests read. */
interface Doc {
  tempo: number;
  key: string;
  style: string;
  roles: string[];
  overrides: object;
  plan: { sections: { conditioning: { tempo: number } }[] };
  embedding: {
    tempo: number;
    statedBpm: number | null;
    key: { tonic: string; mode: string };
    style: string;
    drums: boolean;
    sources: object;
    explanation: string[];
    segments: { key: object; tempo: number }[];
  };
}

let model: MusicModel;
beforeAll(async () => {
  model = await loadModel();
});
afterAll(() => model.dispose());

describe('compose', () => {
  it('writes a piece of exactly the asked length, in the stated tempo and key, the same for a seed', () => {
    const r = compose(model, {
      prompt: 'uplifting corporate piano, 96 bpm in Bb major',
      seconds: 20,
      seed: 4,
    });
    expect(durationSeconds(r.sequence)).toBeCloseTo(20, 6);
    expect(r.sequence.tempos).toEqual([{ beat: 0, bpm: 96 }]);
    expect(r.key).toBe('Bb major');
    expect(findKey(r.sequence.notes)).toMatchObject({ tonic: 10, mode: 'major' });
    expect(Math.max(...r.sequence.notes.map((n) => n.end))).toBeLessThanOrEqual(r.sequence.totalBeats + 1e-9);
    const again = compose(model, {
      prompt: 'uplifting corporate piano, 96 bpm in Bb major',
      seconds: 20,
      seed: 4,
    });
    expect(JSON.stringify(again.sequence)).toBe(JSON.stringify(r.sequence));
    const other = compose(model, {
      prompt: 'uplifting corporate piano, 96 bpm in Bb major',
      seconds: 20,
      seed: 5,
    });
    expect(JSON.stringify(other.sequence.notes)).not.toBe(JSON.stringify(r.sequence.notes));
  });

  it('is heard in the key the prompt states, minor keys and dominant-prone styles included', () => {
    // Eight seeds a prompt, at least 90% of the 40 pieces (the model issue's target for stated keys):
    // one seed a prompt flips with any change to what the lanes draw. Measured: 39/40; 36/40 before a
    // major section that never sounds its fourth degree got IV before its cadence (the skincare prompt's
    // I iii vi V I was heard a fifth up, in C major).
    let heard = 0;
    for (const [i, prompt] of [
      'hip-hop instrumental, 90bpm, Dm',
      'Skincare spot, soft and airy, 66 bpm in F major',
      'cinematic trailer in Eb major',
      'upbeat tech launch in E minor',
      'sports highlights, 165 bpm, A minor',
    ].entries())
      for (let s = 0; s < 80; s += 10) {
        const r = compose(model, { prompt, seconds: 12, seed: 3 + i + s });
        const k = findKey(r.sequence.notes.filter((n) => !n.isDrum));
        if (k.tonic === r.plan.key.tonic && k.mode === r.plan.key.mode) heard++;
      }
    expect(heard).toBeGreaterThanOrEqual(36);
  });

  it('takes a length stated in the prompt, else 30 s, and nudges an implied tempo by at most 5%', () => {
    const stated = compose(model, { prompt: 'a 15-second spot for a bakery, warm and happy' });
    expect(stated.seconds).toBe(15);
    expect(durationSeconds(stated.sequence)).toBeCloseTo(15, 6);
    const plain = compose(model, { prompt: 'a bakery, warm and happy' });
    expect(durationSeconds(plain.sequence)).toBeCloseTo(30, 6);
    expect(Math.abs(plain.plan.tempo / plain.plan.askedTempo - 1)).toBeLessThanOrEqual(0.05);
    expect(plain.sequence.totalBeats % 4).toBe(0);
  });

  it('ends on the tonic chord, and a loop leads back to the start without an ending', () => {
    const r = compose(model, { prompt: 'calm acoustic guitar, A minor', seconds: 16, seed: 2 });
    const last = r.plan.sections.at(-1)!;
    expect(last.kind).toBe('ending');
    const held = r.sequence.notes.filter((n) => n.start >= last.start && !n.isDrum);
    expect(held.length).toBeGreaterThan(0);
    expect(new Set(held.map((n) => n.pitch % 12))).toEqual(new Set([9, 0, 4]));
    expect(r.plan.chords.at(-1)).toMatchObject({ root: 9, quality: 'min' });
    const loop = compose(model, {
      prompt: 'calm acoustic guitar, A minor',
      seconds: 16,
      seed: 2,
      loop: true,
    });
    expect(loop.plan.loop).toBe(true);
    expect(loop.plan.sections.map((s) => s.kind)).not.toContain('ending');
    expect(loop.plan.chords.at(-1)).toMatchObject({ root: 4, quality: 'maj' }); // V (E major) leads back to i
    expect(Math.max(...loop.sequence.notes.map((n) => n.end))).toBeLessThanOrEqual(
      loop.sequence.totalBeats + 1e-9,
    );
  });

  it('orchestrates by style: strings and pads for cinematic, synths for tech, piano for a solo piano', () => {
    const programs = (prompt: string) => compose(model, { prompt, seconds: 8 }).plan.programs;
    expect([48, 89]).toContain(programs('epic cinematic trailer').harmony);
    expect(programs('futuristic tech launch, electronic synths').melody).toBeGreaterThanOrEqual(80);
    const solo = compose(model, { prompt: 'solo piano, gentle', seconds: 8 });
    expect(solo.sequence.tracks.map((t) => t.role)).not.toContain('drums');
    expect(new Set(solo.sequence.notes.map((n) => n.program))).toEqual(new Set([0]));
    const drums = compose(model, { prompt: 'drums only, funky groove', seconds: 8 });
    expect(drums.sequence.notes.every((n) => n.isDrum)).toBe(true);
  });

  it('follows timed markers: each marker starts a section near its time', () => {
    const r = compose(model, {
      markers: [
        { name: 'Open', comments: 'calm, dreamy', start: 0, duration: 10 },
        { name: 'Reveal', comments: 'energetic, triumphant', start: 10, duration: 10 },
      ],
    });
    expect(r.seconds).toBe(20);
    const reveal = r.plan.sections.find((s) => s.segment === 1)!;
    const at = beatsToSeconds(reveal.start, r.sequence.tempos);
    expect(Math.abs(at - 10)).toBeLessThanOrEqual((2 * 60) / r.tempo + 1e-9);
    expect(reveal.transition).toBe(true);
    expect(resultDocument(r)).toMatchObject({ seed: 1, model: model.version, plan: { seconds: 20 } });
  });

  it('rejects bad requests with PromptError, and a disposed model with ModelNotReadyError', async () => {
    expect(() => compose(model, { prompt: 'x', seconds: 0.5 })).toThrow(PromptError);
    expect(() => compose(model, { prompt: 'x', seconds: 601 })).toThrow(PromptError);
    expect(() => compose(model, { prompt: 'x', seed: -1 })).toThrow(PromptError);
    expect(() => compose(model, { prompt: 'x', temperature: 0 })).toThrow(PromptError);
    expect(() => compose(model, {})).toThrow(PromptError);
    expect(() => compose(model, { prompt: '  \n\t ' })).toThrow(/the prompt is empty/);
    // Hostile text is read as neutral, never thrown.
    expect(
      compose(model, { prompt: '<script>\u0000'.repeat(1000), seconds: 4 }).sequence.notes.length,
    ).toBeGreaterThan(0);
    const gone = await loadModel();
    gone.dispose();
    expect(() => compose(gone, { prompt: 'x', seconds: 4 })).toThrow(ModelNotReadyError);
  });

  it('records the overridden tempo, key, style and roles in the .json: the document says what the music does', () => {
    const overrides = {
      tempo: 84,
      key: { tonic: 2, mode: 'minor' as const },
      style: 'cinematic' as const,
      roles: ['harmony', 'bass'] as ('harmony' | 'bass')[],
    };
    const prompt = 'upbeat tech launch, 128 bpm in E major, electronic';
    const r = compose(model, { prompt, seconds: 12, seed: 2, overrides });
    // The music follows the overrides...
    expect(r.sequence.tempos).toEqual([{ beat: 0, bpm: 84 }]);
    expect(r.plan.key).toEqual({ tonic: 2, mode: 'minor' });
    expect(r.plan.style).toBe('cinematic');
    expect([...new Set(r.sequence.notes.map((n) => n.role))].sort()).toEqual(['bass', 'harmony']);
    // ...and so does every field of the document that names them.
    const doc = JSON.parse(JSON.stringify(resultDocument(r))) as Doc;
    expect(doc.tempo).toBe(84);
    expect(doc.key).toBe('D minor');
    expect(doc.style).toBe('cinematic');
    expect(doc.roles).toEqual(['harmony', 'bass']);
    expect(doc.overrides).toEqual(overrides);
    expect(doc.embedding.tempo).toBe(84);
    expect(doc.embedding.statedBpm).toBe(84);
    expect(doc.embedding.key).toEqual({ tonic: 'D', mode: 'minor' });
    expect(doc.embedding.style).toBe('cinematic');
    expect(doc.embedding.drums).toBe(false);
    expect(doc.embedding.sources).toMatchObject({
      tempo: 'explicit',
      key: 'explicit',
      style: 'explicit',
      instruments: 'explicit',
    });
    expect(doc.embedding.explanation.filter((l) => !l.startsWith('length ')).slice(0, 4)).toEqual([
      'tempo 84 bpm: set by the editor (the prompt read 128)',
      'key D minor: set by the editor (the prompt read E major)',
      'style cinematic: set by the editor (the prompt read electronic)',
      expect.stringMatching(/^instruments harmony, bass: chosen by the editor/),
    ]);
    expect(doc.plan.sections.every((s) => s.conditioning.tempo === 84)).toBe(true);
    // Without overrides, the document is the prompt's reading, unchanged.
    const plain = resultDocument(compose(model, { prompt, seconds: 12, seed: 2 })) as unknown as Doc;
    expect(plain.tempo).toBe(128);
    expect(plain.key).toBe('E major');
    expect(plain.overrides).toEqual({});
  });

  it('records overrides in every timed segment of a script too', () => {
    const r = compose(model, {
      markers: [
        { name: 'calm opening', start: 0, duration: 5 },
        { name: 'energetic reveal', start: 5, duration: 5 },
      ],
      seconds: 10,
      overrides: { key: { tonic: 7, mode: 'major' }, tempo: 100 },
    });
    const doc = JSON.parse(JSON.stringify(resultDocument(r))) as Doc;
    expect(doc.embedding.segments).toHaveLength(2);
    for (const s of doc.embedding.segments) {
      expect(s.key).toEqual({ tonic: 'G', mode: 'major' });
      expect(s.tempo).toBe(100);
    }
  });

  it('says where the length comes from, and refuses a length the prompt asks for out of range, quoting it', () => {
    const refusal = (prompt: string): PromptError => {
      try {
        compose(model, { prompt });
      } catch (err) {
        expect(err).toBeInstanceOf(PromptError);
        return err as PromptError;
      }
      throw new Error(`not refused: ${prompt}`);
    };
    const quarter = refusal('a 15 minute ambient bed');
    expect(quarter.message).toBe(
      'the prompt asks for 900 s ("15 minute"), but a piece lasts 1 to 600 seconds: change it in the prompt',
    );
    expect(quarter.field).toBe('seconds');
    expect(refusal('a 10 hour piece of calm piano').message).toMatch(
      /^the prompt asks for 36000 s \("10 hour"\)/,
    );
    expect(refusal('-5 seconds of jazz').message).toMatch(/^the prompt asks for -5 s \("-5 seconds"\)/);
    const given = compose(model, { prompt: 'a 15 minute ambient bed', seconds: 4 });
    expect(given.seconds).toBe(4);
    expect(given.embedding.explanation[0]).toBe(
      'length 4 s: given with the request; the prompt asks for 900 s ("15 minute")',
    );
    const plain = compose(model, { prompt: 'calm piano' });
    expect(plain.seconds).toBe(30);
    expect(plain.embedding.explanation[0]).toBe('length 30 s: default (the prompt asks for no length)');
    const doc = resultDocument(compose(model, { prompt: '900 bpm rock anthem', seconds: 4 })) as {
      embedding: { explanation: string[]; adjustments: unknown[] };
    };
    expect(doc.embedding.explanation).toContain(
      'tempo 300 bpm: clamped ("900 bpm" asks for 900; tempos run 20-300 bpm)',
    );
    expect(doc.embedding.adjustments).toEqual([
      {
        field: 'tempo',
        text: '900 bpm',
        asked: 900,
        used: 300,
        note: expect.stringMatching(/^tempo 300 bpm: clamped/),
      },
    ]);
  });
});

describe('compose for picture', () => {
  it('rejects bad cuts and speech spans with PromptError', () => {
    expect(() => compose(model, { prompt: 'x', seconds: 4, cuts: [Number.NaN] })).toThrow(PromptError);
    expect(() => compose(model, { prompt: 'x', seconds: 4, cuts: [-1] })).toThrow(/cut time/);
    expect(() => compose(model, { prompt: 'x', seconds: 4, speech: [{ start: 2, end: 1 }] })).toThrow(
      /speech span/,
    );
  });

  it("takes a marker JSON's cuts, and a steady piece keeps one tempo, section markers and no hits", () => {
    const json = JSON.stringify({
      markers: [
        { name: 'Open, upbeat', start: 0 },
        { name: 'Drop', start: 5 },
      ],
      cuts: [3.2, 6.1],
    });
    const r = compose(model, { prompt: json, seconds: 10, seed: 2 });
    expect(r.plan.hits!.map((h) => h.seconds)).toEqual([3.2, 6.1]);
    for (const h of r.plan.hits!) expect(beatsToSeconds(h.beat, r.sequence.tempos)).toBeCloseTo(h.seconds, 9);
    // Given cuts win over the JSON's.
    expect(compose(model, { prompt: json, seconds: 10, cuts: [4] }).plan.hits!.map((h) => h.seconds)).toEqual(
      [4],
    );
    const plain = compose(model, { prompt: 'happy pop', seconds: 10 });
    expect(plain.sequence.tempos).toHaveLength(1);
    expect(plain.plan.hits).toEqual([]);
    expect(plain.sequence.markers!.map((m) => m.text)).toEqual(plain.plan.sections.map((s) => s.kind));
  });
});
