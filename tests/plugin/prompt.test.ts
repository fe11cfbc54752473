import { describe, expect, it } from 'vitest';
import { embedMarkers } from '../../core/embed';
import { PromptError } from '../../core/errors';
import type { ClipInfo, MarkerInfo } from '../../plugin/host/types';
import { buildPrompt, markersInSpan, transcriptMarkers } from '../../plugin/prompt';
import type { PromptSources } from '../../plugin/prompt';
import type { TimelineSpan } from '../../plugin/timeline';

const span: TimelineSpan = { start: 10, seconds: 30, source: 'in/out' };
const marker = (start: number, name: string, duration = 0, comments = ''): MarkerInfo => ({
  name,
  comments,
  start,
  duration,
});
const sources = (o: Partial<PromptSources> = {}): PromptSources => ({
  script: '',
  clipNames: false,
  markers: true,
  transcript: false,
  ...o,
});
const interview: ClipInfo = { id: 'c1', name: 'Interview.mp4', start: 12, end: 30, sourceIn: 100 };

describe('markers to segments', () => {
  it('keeps markers inside the span, timed from its start and cut to it', () => {
    const m = markersInSpan(
      [
        marker(5, 'before'),
        marker(8, 'straddles', 6),
        marker(10, 'open'),
        marker(25, 'drop', 20),
        marker(40, 'after'),
      ],
      span,
    );
    expect(m).toEqual([
      { name: 'straddles', comments: '', start: 0, duration: 4 },
      { name: 'open', comments: '', start: 0 },
      { name: 'drop', comments: '', start: 15, duration: 15 },
    ]);
  });
  it('become the timed sections the embedder reads, the last one lasting to the end', () => {
    const input = buildPrompt(sources(), {
      span,
      clips: [],
      markers: [marker(10, 'Intro', 0, 'calm and warm'), marker(25, 'Reveal', 0, 'energetic, bright')],
    });
    expect(input.prompt).toBeUndefined();
    expect(input.markers).toEqual([
      { name: 'Intro', comments: 'calm and warm', start: 0 },
      { name: 'Reveal', comments: 'energetic, bright', start: 15, duration: 15 },
    ]);
    expect(input.read).toEqual(['2 markers']);
    const e = embedMarkers(input.markers!);
    expect(e.segments.map((s) => [s.start, s.end])).toEqual([
      [0, 15],
      [15, 30],
    ]);
    expect(e.segments[1].arousal).toBeGreaterThan(e.segments[0].arousal);
  });
  it('lead with the script when it has no time of its own', () => {
    const m = buildPrompt(sources({ script: '120 bpm in E minor' }), {
      span,
      clips: [],
      markers: [marker(20, 'Drop')],
    });
    expect(m.markers![0]).toEqual({ name: '120 bpm in E minor', comments: '', start: 0, duration: 10 });
    const merged = buildPrompt(sources({ script: 'upbeat' }), {
      span,
      clips: [],
      markers: [marker(10, 'Open', 0, 'calm')],
    });
    expect(merged.markers).toEqual([{ name: 'upbeat', comments: 'Open. calm', start: 0, duration: 30 }]);
  });
});

describe('untimed sources', () => {
  it("joins the script and the selected clips' names into one prompt", () => {
    const clips = [
      interview,
      { ...interview, id: 'c2' },
      { ...interview, id: 'c3', name: 'Drone city night' },
    ];
    const p = buildPrompt(sources({ script: ' Upbeat tech launch ', clipNames: true, markers: false }), {
      span,
      clips,
      markers: [marker(12, 'ignored: markers unticked')],
    });
    expect(p).toEqual({
      prompt: 'Upbeat tech launch\nInterview.mp4. Drone city night',
      read: ['the script box', '2 clip names'],
    });
  });
  it('refuse to guess when nothing has text', () => {
    expect(() => buildPrompt(sources({ script: '  ' }), { span, clips: [], markers: [] })).toThrow(
      PromptError,
    );
    expect(() => buildPrompt(sources({ script: '  ' }), { span, clips: [], markers: [] })).toThrow(
      /type a prompt/,
    );
  });
});

describe('the transcript of the selected clip', () => {
  const json = JSON.stringify({
    segments: [
      { start: 90, duration: 3, text: 'before the in point' },
      { start: 98, duration: 4, words: [{ text: 'Meet' }, { text: 'Pulse' }] },
      { start: 101, duration: 4, text: 'We built the fastest watch' },
      { start: 110, end: 112, text: 'Order today' },
      { start: 130, duration: 2, text: 'after the clip' },
    ],
  });
  it('maps source times to the span through the clip position and in point', () => {
    // sequence time = 12 + (t - 100); span starts at 10
    expect(transcriptMarkers({ clip: interview, json }, span)).toEqual([
      { name: 'Meet Pulse', start: 2, duration: 2 },
      { name: 'We built the fastest watch', start: 3, duration: 4 },
      { name: 'Order today', start: 12, duration: 2 },
    ]);
  });
  it('is read as timed lines, and bad JSON reads as nothing', () => {
    const p = buildPrompt(
      sources({ markers: false, transcript: true }),
      { span, clips: [interview], markers: [] },
      [
        { clip: interview, json },
        { clip: interview, json: '{not json' },
      ],
    );
    expect(p.markers).toHaveLength(3);
    expect(p.read).toEqual(['the transcript of Interview.mp4 (3 lines)']);
  });
  it('gives its lines, and only those, as the speech the music makes room for', () => {
    const p = buildPrompt(
      sources({ markers: true, transcript: true }),
      { span, clips: [interview], markers: [{ name: 'Drop', comments: '', start: 20, duration: 0 }] },
      [{ clip: interview, json }],
    );
    expect(p.markers).toHaveLength(4);
    expect(p.speech).toEqual([
      { start: 2, end: 4 },
      { start: 3, end: 7 },
      { start: 12, end: 14 },
    ]);
    expect(
      buildPrompt(sources({ script: 'calm piano' }), { span, clips: [interview], markers: [] }, [
        { clip: interview, json },
      ]).speech,
    ).toBeUndefined();
  });
});
