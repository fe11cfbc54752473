import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../core/errors';
import { embed } from '../../../core/embed';
import { parsePrompts, quadrantOf, QUADRANTS } from '../../../core/eval/prompts';
import {
  rate,
  relevanceHits,
  summariseRelevance,
  TEMPO_BIN_EDGES,
  tempoBin,
  TEXT2MIDI_REFERENCE,
} from '../../../core/eval/relevance';
import { line, note, piece } from './helpers';

describe('TB, TBT, CK, CKD', () => {
  it('bins tempos at MidiCaps edges (a tempo on an edge belongs to the bin above)', () => {
    expect(TEMPO_BIN_EDGES).toEqual([40, 60, 70, 90, 110, 140, 160, 210]);
    expect([39.9, 40, 59.99, 60, 69, 70, 110, 139, 160, 209.9, 210, 300].map(tempoBin)).toEqual([
      0, 1, 1, 2, 2, 3, 5, 5, 7, 7, 8, 8,
    ]);
    expect(TEXT2MIDI_REFERENCE).toEqual({ TB: 39.7, TBT: 65.8, CK: 33.6, CKD: 35.6 });
  });

  it('scores the MIDI tempo against the asked bin and the key found in the notes against the asked key', () => {
    // C major at 100 bpm (bin 90-110), with a drum note that key finding ignores.
    const cMajor = piece(
      [...line([60, 64, 67, 72, 67, 71, 74, 67, 72, 60], 1, 1), note(49, 0, 1, 'drums')],
      100,
    );
    const hits = (tempo?: number, key?: { tonic: number; mode: 'major' | 'minor' }) =>
      relevanceHits({ prompt: 'x', tempo, key }, cMajor);
    expect(hits(105)).toMatchObject({
      tb: true,
      tbt: true,
      tempo: 100,
      foundKey: { tonic: 0, mode: 'major' },
    });
    expect(hits(115)).toMatchObject({ tb: false, tbt: true });
    expect(hits(150)).toMatchObject({ tb: false, tbt: false });
    expect(hits(105).ck).toBeUndefined();
    expect(hits(undefined, { tonic: 0, mode: 'major' })).toMatchObject({ ck: true, ckd: true });
    expect(hits(undefined, { tonic: 9, mode: 'minor' })).toMatchObject({ ck: false, ckd: true });
    expect(hits(undefined, { tonic: 7, mode: 'major' })).toMatchObject({ ck: false, ckd: false });
    expect(hits(undefined, { tonic: 0, mode: 'minor' })).toMatchObject({ ck: false, ckd: false });
    expect(
      relevanceHits({ prompt: 'x', key: { tonic: 0, mode: 'major' } }, piece([note(36, 0, 1, 'drums')])),
    ).toMatchObject({
      ck: false,
      ckd: false,
      foundKey: null,
    });
  });

  it('summarises rates over the prompts that ask', () => {
    expect(rate([true, false, undefined, true])).toEqual({ percent: (100 * 2) / 3, hits: 2, n: 3 });
    expect(rate([undefined]).percent).toBeNaN();
    const s = summariseRelevance([
      { tb: true, tbt: true, tempo: 100, foundKey: null },
      { tb: false, tbt: true, ck: true, ckd: true, tempo: 90, foundKey: null },
    ]);
    expect(s.TB).toEqual({ percent: 50, hits: 1, n: 2 });
    expect(s.CK).toEqual({ percent: 100, hits: 1, n: 1 });
  });
});

describe('prompt files', () => {
  it('reads labelled JSON: tempo, key names with sharps and flats, quadrant', () => {
    const p = parsePrompts(
      JSON.stringify([
        { prompt: ' fast ad ', tempo: 128, key: 'Eb major' },
        { prompt: 'b', key: 'f# minor' },
        { prompt: 'c', key: 'B minor', quadrant: 'Q3' },
      ]),
      'json',
    );
    expect(p).toEqual([
      { prompt: 'fast ad', tempo: 128, key: { tonic: 3, mode: 'major' } },
      { prompt: 'b', key: { tonic: 6, mode: 'minor' } },
      { prompt: 'c', key: { tonic: 11, mode: 'minor' }, quadrant: 'Q3' },
    ]);
  });

  it('refuses malformed files with DataError', () => {
    const bad =
      (x: unknown): (() => unknown) =>
      () =>
        parsePrompts(JSON.stringify(x), 'json');
    expect(() => parsePrompts('{', 'json')).toThrow(DataError);
    expect(bad({ prompt: 'a' })).toThrow(/JSON array/);
    expect(bad([{ prompt: '' }])).toThrow(/prompt 1: no "prompt"/);
    expect(bad([{ prompt: 'a', key: 'H major' }])).toThrow(/"key"/);
    expect(bad([{ prompt: 'a', tempo: 'fast' }])).toThrow(/"tempo"/);
    expect(bad([{ prompt: 'a', quadrant: 'Q5' }])).toThrow(/"quadrant"/);
    expect(bad([])).toThrow(/no prompts/);
    expect(() => parsePrompts('# only a comment\n\n', 'text')).toThrow(DataError);
  });

  it('reads plain text: what the embedder finds stated in so many words, no quadrant', () => {
    const p = parsePrompts('# ads\nupbeat tech launch, 120 bpm in E minor\n\nsad goodbye\n', 'text');
    expect(p).toEqual([
      { prompt: 'upbeat tech launch, 120 bpm in E minor', tempo: 120, key: { tonic: 4, mode: 'minor' } },
      { prompt: 'sad goodbye' },
    ]);
  });

  it('reads an asked style from JSON or from a prompt that names one, and refuses an unknown style', () => {
    expect(parsePrompts(JSON.stringify([{ prompt: 'a', style: 'reggae' }]), 'json')).toEqual([
      { prompt: 'a', style: 'reggae' },
    ]);
    expect(() => parsePrompts(JSON.stringify([{ prompt: 'a', style: 'polka' }]), 'json')).toThrow(
      /prompt 1: "style" must be one of/,
    );
    expect(parsePrompts('driving rock for a truck ad\nsad goodbye', 'text')).toEqual([
      { prompt: 'driving rock for a truck ad', style: 'rock' },
      { prompt: 'sad goodbye' },
    ]);
  });

  it('ships four style prompts for every style the classifier judges, each read as that style', () => {
    const p = parsePrompts(readFileSync('assets/eval/style-prompts.json', 'utf8'), 'json');
    const classes = (JSON.parse(readFileSync('assets/eval/style.json', 'utf8')) as { classes: string[] })
      .classes;
    for (const c of classes) expect(p.filter((x) => x.style === c).length).toBe(4);
    for (const x of p) expect(embed(x.prompt).conditioning.style).toBe(x.style);
    expect(new Set(p.map((x) => x.prompt)).size).toBe(p.length);
  });

  it('maps valence and arousal to quadrants', () => {
    expect([
      quadrantOf(0.5, 0.5),
      quadrantOf(-0.5, 0.5),
      quadrantOf(-0.5, -0.5),
      quadrantOf(0.5, -0.5),
    ]).toEqual(QUADRANTS);
    expect(quadrantOf(0, 0)).toBe('Q1');
  });

  it('ships 100 prompts: about half state a tempo or key, the rest ask for each quadrant', () => {
    const p = parsePrompts(readFileSync('assets/eval/prompts.json', 'utf8'), 'json');
    expect(p.length).toBe(100);
    const stated = p.filter((x) => x.tempo !== undefined || x.key);
    expect(stated.length).toBeGreaterThanOrEqual(45);
    expect(p.filter((x) => x.tempo !== undefined).length).toBeGreaterThanOrEqual(25);
    expect(p.filter((x) => x.key).length).toBeGreaterThanOrEqual(25);
    for (const q of QUADRANTS) expect(p.filter((x) => x.quadrant === q).length).toBeGreaterThanOrEqual(12);
    expect(new Set(p.map((x) => x.prompt)).size).toBe(100);
  });
});
