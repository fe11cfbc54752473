import { describe, expect, it } from 'vitest';
import {
  cutsOf,
  embed,
  embedMarkers,
  parseSrt,
  parseTranscript,
  readSpeech,
  readTimed,
  speechSpans,
} from '../../../core/embed';
import { ScriptError } from '../../../core/errors';
import { COFFEE_SRT } from '../arrange/picture.fixtures';

const SRT = `1
00:00:00,000 --> 00:00:04,500
Every morning starts quiet and calm.

2
00:00:04,500 --> 00:00:09,000
Then the city wakes up: fast, loud, exciting!

3
00:00:09,000 --> 00:00:15,000
<i>Sad</i> goodbyes, lonely nights.
`;

describe('timed input', () => {
  it('reads SRT captions into segments with their own mood', () => {
    expect(parseSrt(SRT)).toHaveLength(3);
    const r = embed(SRT);
    expect(r.segments.map((s) => [s.start, s.end])).toEqual([
      [0, 4.5],
      [4.5, 9],
      [9, 15],
    ]);
    expect(r.seconds).toBe(15);
    const [a, b, c] = r.segments;
    expect(a.arousal).toBeLessThan(0);
    expect(b.arousal).toBeGreaterThan(0);
    expect(b.tempo).toBeGreaterThan(a.tempo);
    expect(c.valence).toBeLessThan(0);
    expect(c.key.mode).toBe('minor');
    expect(c.text).toBe('Sad goodbyes, lonely nights.');
  });

  it('reads a marker list (name, comments, start, duration)', () => {
    const markers = [
      { name: 'Intro', comments: 'gentle piano, calm', start: 0, duration: 5 },
      { name: 'Drop', comments: 'energetic, 128 bpm, drums', start: '00:00:05', duration: 10 },
      { name: 'Outro', comments: 'warm and hopeful', start: 15 },
    ];
    for (const r of [
      embedMarkers(markers),
      embed(JSON.stringify(markers)),
      embed(JSON.stringify({ markers })),
    ]) {
      expect(r.segments.map((s) => [s.start, s.end])).toEqual([
        [0, 5],
        [5, 15],
        [15, 20],
      ]);
      expect(r.segments[0].instruments).toContain('piano');
      expect(r.segments[1].tempo).toBe(128);
      expect(r.segments[1].sources.tempo).toBe('explicit');
      expect(r.segments[1].drums).toBe(true);
      expect(r.segments[2].valence).toBeGreaterThan(0);
    }
  });

  it('reads a Premiere transcript JSON (segments with words)', () => {
    const transcript = {
      language: 'en-us',
      segments: [
        {
          start: 0,
          duration: 3.2,
          speaker: 's1',
          words: [
            { text: 'Terrifying', start: 0, duration: 1 },
            { text: 'danger', start: 1, duration: 1 },
          ],
        },
        {
          start: 3.2,
          duration: 2.8,
          speaker: 's1',
          words: [
            { text: 'peaceful', start: 3.2, duration: 1 },
            { text: 'morning', start: 4.2, duration: 1 },
          ],
        },
      ],
      speakers: [{ id: 's1', name: 'Speaker 1' }],
    };
    expect(parseTranscript(transcript)).toHaveLength(2);
    const r = embed(JSON.stringify(transcript));
    expect(r.segments).toHaveLength(2);
    expect(r.segments[0].valence).toBeLessThan(0);
    expect(r.segments[0].arousal).toBeGreaterThan(0);
    expect(r.segments[1].arousal).toBeLessThan(0);
    expect(r.segments[1].end).toBe(6);
    expect(r.seconds).toBe(6);
  });

  it('splits a multi-sentence script, scaled to its requested length, keeping global requests', () => {
    const r = embed(
      '30-second spot in D minor. A lonely winter street. Then friends arrive, the party starts! Joy everywhere.',
    );
    expect(r.seconds).toBe(30);
    expect(r.segments.length).toBe(4);
    expect(r.segments[r.segments.length - 1].end).toBeCloseTo(30, 3);
    expect(r.segments.every((s) => s.key.tonic === 'D' && s.key.mode === 'minor')).toBe(true);
    expect(r.segments[1].valence).toBeLessThan(0);
    expect(r.segments[2].arousal).toBeGreaterThan(0);
  });

  it('reads time-coded script lines', () => {
    const r = embed('0:00 calm intro, soft piano\n0:10 - build, exciting\n0:20 happy ending');
    expect(r.segments.map((s) => s.start)).toEqual([0, 10, 20]);
    expect(r.segments[0].end).toBe(10);
    expect(r.segments[1].arousal).toBeGreaterThan(0);
  });

  it('gives a single-sentence prompt no segments', () => {
    expect(embed('upbeat tech launch, 120 bpm in E minor').segments).toEqual([]);
  });
});

describe('a script is narration, not instructions', () => {
  it('reads the copy\'s "slow" and "quiet" as the mood of their own part, not as the tempo and dynamics', () => {
    const r = embed(COFFEE_SRT);
    expect(r.sources.tempo).toBe('implicit');
    expect(r.statedBpm).toBeNull();
    expect(r.tempo).toBeGreaterThanOrEqual(100);
    expect(r.explanation.join('\n')).toMatch(/part 1: "slow" is the copy's word, read as mood/);
    expect(r.explanation.join('\n')).toMatch(/part 1: "quiet" is the copy's word/);
    const [a, b, c] = r.segments;
    expect(a.arousal).toBeLessThan(b.arousal);
    expect(a.arousal).toBeLessThan(c.arousal);
    expect(a.sources.tempo).toBe('implicit');
    expect(a.dynamics).toBeLessThan(b.dynamics);
    // The same words in a plain prompt are instructions.
    expect(embed('slow and quiet piano').sources.tempo).toBe('explicit');
  });

  it('takes musical directions in the copy as instructions, from their part on for key, tempo and meter', () => {
    const r = embed(
      '0:00 Our story begins quietly, solo piano.\n0:10 Then the city wakes, in D minor, 128 bpm, no drums.\n0:20 And we dance, 3/4 time.\n0:30 Goodnight.',
    );
    const [a, b, c, d] = r.segments;
    expect(a.exclusive).toBe(true);
    expect(a.instruments).toEqual(['piano']);
    expect(b.instruments).not.toEqual(['piano']);
    expect([b.key, b.tempo, b.drums]).toEqual([{ tonic: 'D', mode: 'minor' }, 128, false]);
    expect([a.key.mode === 'minor' && a.key.tonic === 'D', a.sources.tempo]).toEqual([false, 'implicit']);
    // Key and tempo hold on; "no drums" was part 2's.
    expect([c.key, c.tempo, c.meter, d.key, d.tempo, d.meter]).toEqual([
      { tonic: 'D', mode: 'minor' },
      128,
      '3/4',
      { tonic: 'D', mode: 'minor' },
      128,
      '3/4',
    ]);
    expect(c.drums).toBe(true);
    // The whole piece opens as part 1 does.
    expect(r.sources.key).toBe('implicit');
    expect(r.sources.tempo).toBe('implicit');
  });

  it('keeps plain instrument and style words of the copy out of the requests', () => {
    const r = embed(
      '1\n00:00:00,000 --> 00:00:04,000\nPiano lessons that rock-solid families love.\n\n2\n00:00:04,000 --> 00:00:08,000\nJazz up your kitchen with a funk track.',
    );
    expect(r.segments[0].instruments).not.toEqual(['piano']);
    expect(r.segments[0].sources.instruments).toBe('implicit');
    expect(r.segments[1].style).toBe('funk');
    expect(r.segments[1].sources.style).toBe('explicit');
  });
});

describe('picture inputs of timed text', () => {
  it('reads the cuts of a marker JSON, and the speech spans of timed text', () => {
    const json = JSON.stringify({
      markers: [
        { name: 'Open', start: 0 },
        { name: 'Drop', start: 10 },
      ],
      cuts: [7.04, '0:02.5', 'x', 2.5],
    });
    expect(embed(json).cuts).toEqual([2.5, 7.04]);
    expect(cutsOf(undefined)).toBeUndefined();
    expect(speechSpans(SRT)).toEqual([{ start: 0, end: 15 }]);
    expect(
      speechSpans('1\n00:00:01,000 --> 00:00:02,000\nHi.\n\n2\n00:00:04,000 --> 00:00:05,500\nBye.'),
    ).toEqual([
      { start: 1, end: 2 },
      { start: 4, end: 5.5 },
    ]);
    expect(speechSpans('Just a prompt. Two sentences.')).toEqual([]);
  });

  it('reports the cuts it leaves out, and keeps them beside the dropped cues of the same reading', () => {
    const json = JSON.stringify({
      markers: [
        { name: 'Open', start: 0 },
        { name: 'Broken', start: 'soon' },
        { name: 'Drop', start: 10 },
      ],
      cuts: [7.04, 'x', 2.5, 2.5],
    });
    const input = readTimed(json, 2.5, null);
    expect(input.cuts).toEqual([2.5, 7.04]);
    expect(input.cues.map((c) => c.text)).toEqual(['Open', 'Drop']);
    expect(input.notes.some((n) => /1 marker left out: marker 2/.test(n))).toBe(true);
    expect(input.notes).toContain('1 cut left out: not a time (seconds, or "mm:ss")');
    expect(embed(json).explanation.join('\n')).toMatch(/cut left out/);
  });

  it('reads speech strictly when asked: a broken file is refused, a dropped cue reported', () => {
    const broken = '1\n00:00:01,000 --> 00:00:02,000\nHi.\n\n2\n00:00:04,000 --> later\nBye.\n';
    const lenient = readSpeech(broken, { fileName: 'vo.srt' });
    expect(lenient.spans).toEqual([{ start: 1, end: 2 }]);
    expect(lenient.notes.join(' ')).toMatch(/left out/);
    expect(() => readSpeech('{"segments": [', { fileName: 'vo.json', strict: true })).toThrow(ScriptError);
    expect(readSpeech('{"segments": [', { fileName: 'vo.json' }).spans).toEqual([]);
  });
});
