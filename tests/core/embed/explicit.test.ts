import { describe, expect, it } from 'vitest';
import { conditioningVector } from '../../../core/conditioning';
import { embed, lookup, toJson } from '../../../core/embed';

describe('explicit requests and the output shape', () => {
  it('returns the issue JSON with vector = conditioningVector(conditioning)', () => {
    const r = embed('upbeat tech launch, 120 bpm in E minor');
    const json = toJson(r);
    for (const k of [
      'tempo',
      'key',
      'meter',
      'valence',
      'arousal',
      'density',
      'dynamics',
      'register',
      'instruments',
      'drums',
      'style',
      'seconds',
      'segments',
      'explanation',
      'vector',
      'sources',
    ])
      expect(json).toHaveProperty(k);
    expect(json).not.toHaveProperty('conditioning');
    expect(r.key).toEqual({ tonic: 'E', mode: 'minor' });
    expect(r.conditioning.key).toEqual({ tonic: 4, mode: 'minor' });
    expect(r.vector).toEqual(conditioningVector(r.conditioning));
    expect(r.sources.tempo).toBe('explicit');
    expect(r.sources.key).toBe('explicit');
    expect(r.explanation.some((e) => e.includes('"upbeat"'))).toBe(true);
  });

  it('lets explicit requests override the mood', () => {
    const r = embed('sad and slow funeral, but 150 bpm in G major');
    expect(r.valence).toBeLessThan(0);
    expect(r.tempo).toBe(150);
    expect(r.key).toEqual({ tonic: 'G', mode: 'major' });
  });

  it('maps mood to musical attributes when nothing is asked', () => {
    const calm = embed('calm, peaceful spa');
    const wild = embed('wild extreme energetic party');
    expect(calm.tempo).toBeLessThan(wild.tempo);
    expect(calm.density).toBeLessThan(wild.density);
    expect(calm.dynamics).toBeLessThan(wild.dynamics);
    expect(embed('sad lonely goodbye').key.mode).toBe('minor');
    expect(calm.key.mode).toBe('major');
  });

  it('handles negation and intensifiers', () => {
    expect(embed('not sad').valence).toBeGreaterThan(0);
    expect(embed('very calm').arousal).toBeLessThan(embed('calm').arousal);
    expect(embed('slightly happy').valence).toBeLessThan(embed('happy').valence);
  });

  it('reaches words through the WordNet expansion that the seed does not list', () => {
    for (const w of ['jubilant', 'placid', 'despondent', 'frightening'])
      expect(lookup(w)?.weight).toBeLessThan(1);
    expect(embed('jubilant').valence).toBeGreaterThan(0);
    expect(embed('placid').arousal).toBeLessThan(0);
  });

  it('turns instrument requests into roles', () => {
    expect(embed('solo piano').conditioning.roles).toEqual(['melody', 'harmony']);
    expect(embed('drums only').conditioning.roles).toEqual(['drums']);
    expect(embed('upbeat pop, no drums').conditioning.roles).toEqual(['melody', 'harmony', 'bass']);
    expect(embed('rock, no bass').conditioning.roles).not.toContain('bass');
  });

  it('does not read ordinary words as keys or lengths', () => {
    expect(embed('A major update for our app').sources.key).toBe('implicit');
    expect(embed('we are a minor player').sources.key).toBe('implicit');
    expect(embed('80s synth pop').seconds).toBeNull();
    expect(embed('fast food burger').sources.tempo).toBe('implicit');
  });
});

describe('negation scope of instruments', () => {
  it('does not carry a mood negation onto a later instrument', () => {
    const r = embed('charity appeal, not hopeless, solo piano in D minor');
    expect(r.instruments).toEqual(['piano']);
    expect(r.drums).toBe(false);
    expect(embed('no live drums, piano and strings').drums).toBe(false);
  });
});
