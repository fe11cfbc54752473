import { describe, expect, it } from 'vitest';
import { embed } from '../../../core/embed';
import { detectFormat, readScript } from '../../../core/embed/formats';
import { ScriptError } from '../../../core/errors';

/** The ScriptError strict reading throws for `text` (fails the test when none is thrown). */
function refusal(text: string, fileName?: string): ScriptError {
  try {
    readScript(text, { fileName, strict: true });
  } catch (err) {
    expect(err).toBeInstanceOf(ScriptError);
    return err as ScriptError;
  }
  throw new Error(`not refused: ${text.slice(0, 40)}`);
}

const SRT = (stamp: string) =>
  `1\n00:00:00,000 --> 00:00:04,000\nA quiet morning.\n\n2\n00:00:04,000 --> ${stamp}\nThe race begins!\n\n3\n00:00:08,000 --> 00:00:12,000\nVictory.\n`;

describe('timed formats, read strictly', () => {
  it('detects the format by extension, else by content', () => {
    expect(detectFormat('anything', 'a.JSON')).toBe('json');
    expect(detectFormat('anything', 'a.srt')).toBe('srt');
    expect(detectFormat('WEBVTT\n\n00:01.000 --> 00:02.000\nhi')).toBe('vtt');
    expect(detectFormat('[{"start": 0}]')).toBe('json');
    expect(detectFormat('[00:15-00:30] calm\n[00:30-00:45] loud')).toBe('coded');
    expect(detectFormat(SRT('00:00:08,000'))).toBe('srt');
    expect(detectFormat('calm --> energetic build')).toBe('text');
    expect(detectFormat('A calm spot. Then a drop!')).toBe('text');
  });

  it('refuses truncated JSON with the line, column and reason', () => {
    const e = refusal('[{"name": "Open", "start": 0, "duration": 5},\n {"name": "Logo", "start": ');
    expect(e.message).toBe(
      'not valid JSON at line 2, column 28: the JSON ends too soon (is the file cut short?)',
    );
    expect(e.line).toBe(2);
    expect(refusal('[{"name": "Open", "start": 0}').message).toMatch(/ends too soon/);
    expect(refusal('[{"name": "Open" "start": 0}]').message).toMatch(
      /^not valid JSON at line 1, column 18: /,
    );
  });

  it('refuses one marker object instead of a list, and JSON of another shape', () => {
    expect(refusal('{"name": "Open", "start": 0}').message).toMatch(
      /single marker object: a marker list is a JSON list/,
    );
    expect(refusal('{"title": "x"}').message).toMatch(/expected a marker list .* or a transcript/);
    expect(refusal('[]').message).toBe('the marker list is empty');
    expect(refusal('42', 'cues.json').message).toMatch(/the JSON is a number/);
  });

  it('leaves out markers with wrong types, reporting each, and refuses when none is left', () => {
    const r = readScript(
      '[{"name": 5, "start": "soon"}, {"name": "Logo", "start": 3}, {"name": {}, "start": 1}, 7]',
      {
        strict: true,
      },
    );
    expect(r.cues).toEqual([{ start: 3, end: 8, text: 'Logo' }]);
    expect(r.dropped).toEqual([
      { item: 1, reason: 'start "soon" is not a time (seconds, or "mm:ss")' },
      { item: 3, reason: 'name is a object, not text' },
      { item: 4, reason: 'is a number, not a marker object' },
    ]);
    expect(r.notes.join(' ')).toMatch(/^3 markers left out: marker 1: start "soon"/);
    expect(refusal('[{"name": "a", "start": "soon"}, {"start": null}]').message).toMatch(
      /no part of this markers input could be read: 2 markers left out/,
    );
  });

  it('keeps the good cues of an SRT with one bad time stamp and reports the bad one by line', () => {
    const r = readScript(SRT('00:00:0x,000'), { fileName: 'spot.srt', strict: true });
    expect(r.kind).toBe('srt');
    expect(r.cues.map((c) => [c.start, c.end])).toEqual([
      [0, 4],
      [8, 12],
    ]);
    expect(r.dropped).toEqual([{ line: 6, reason: '"00:00:0x,000" is not a time stamp (hh:mm:ss,mmm)' }]);
    expect(readScript(SRT('00:00:02,000')).dropped[0].reason).toMatch(
      /ends \(00:00:02,000\) before it starts/,
    );
    expect(readScript(SRT('00:61:00,000')).dropped[0].reason).toMatch(/is not a time stamp/);
  });

  it('reports invalid VTT cues and refuses a VTT file without its header', () => {
    const vtt =
      'WEBVTT\n\nNOTE a comment\n\n00:00.000 --> 00:04.000 align:start\nA quiet morning.\n\n00:04,000 --> 00:08.000\nThe race!\n';
    const r = readScript(vtt, { fileName: 'a.vtt', strict: true });
    expect(r.cues).toEqual([{ start: 0, end: 4, text: 'A quiet morning.' }]);
    expect(r.dropped).toEqual([{ line: 8, reason: '"00:04,000" is not a time stamp (mm:ss.ttt)' }]);
    expect(refusal('00:00.000 --> 00:04.000\nHi\n', 'a.vtt').message).toBe(
      'a WebVTT file starts with the line "WEBVTT"',
    );
  });

  it('sorts captions that are out of order, with a note', () => {
    const srt = '1\n00:00:05,000 --> 00:00:08,000\nLate.\n\n2\n00:00:00,000 --> 00:00:05,000\nEarly.\n';
    const r = readScript(srt, { strict: true });
    expect(r.cues.map((c) => c.text)).toEqual(['Early.', 'Late.']);
    expect(r.notes).toContain('the cues were out of order: sorted by start time');
  });

  it('refuses time-coded lines that run backwards or are impossible, naming the lines', () => {
    const e = refusal('0:05 hero arrives\n0:02 logo\n0:10 end card');
    expect(e.message).toBe('line 2: 0:02 comes before 0:05 on line 1: time codes must go forward');
    expect(e.line).toBe(2);
    expect(refusal('0:05 a\n0:75 b').message).toBe('line 2: "0:75" is not a time (seconds run 0-59)');
    expect(refusal('[0:10-0:05] a\n0:20 b').message).toMatch(
      /line 1: the part ends \(0:05\) before it starts/,
    );
  });

  it('reads plain text as text, and good formats with no notes', () => {
    expect(readScript('A calm spot. Then a drop!', { strict: true })).toMatchObject({
      format: 'text',
      cues: [],
    });
    const r = readScript('0:00 calm intro\n0:10 build\n0:20 happy end', { strict: true });
    expect(r.cues.map((c) => [c.start, c.end])).toEqual([
      [0, 10],
      [10, 20],
      [20, 25],
    ]);
    expect(r.notes).toEqual([]);
  });
});

describe('the embedder reads malformed scripts leniently and says so', () => {
  it('reads truncated JSON as text with the reason in the explanation', () => {
    const r = embed('[{"name": "calm open", "start": 0}, {"name": "Logo", "start": ');
    expect(r.explanation[0]).toMatch(
      /^JSON not read \(not valid JSON at line 1, column \d+: the JSON ends too soon/,
    );
  });

  it('reports the dropped cue of an SRT and keeps the rest', () => {
    const r = embed(SRT('00:00:0x,000'));
    expect(r.segments).toHaveLength(2);
    expect(r.explanation).toContain(
      '1 cue left out: line 6: "00:00:0x,000" is not a time stamp (hh:mm:ss,mmm)',
    );
  });

  it('never gives a segment that ends before it starts', () => {
    const r = embed('0:05 hero arrives\n0:02 logo\n0:10 end card');
    expect(r.segments.every((s) => s.end >= s.start)).toBe(true);
    expect(r.explanation[0]).toMatch(/time-coded lines not read \(line 2: 0:02 comes before 0:05/);
  });
});
