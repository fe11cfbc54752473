/**
 * How the prompt was read, in an editor's words: the feel and the words that set it, tempo, key, style,
 * instruments and sections, each with where it came from ("you asked", "suits the energy").
 */
import type { Take } from '../flow';

/** One line of the reading: a label and what it says. */
export interface ReadingLine {
  label: string;
  text: string;
}

/** The feel of a valence/arousal pair in words. */
export function feelOf(valence: number, arousal: number): string {
  const bright = valence > 0.2;
  const dark = valence < -0.2;
  const lively = arousal > 0.2;
  const calm = arousal < -0.2;
  if (bright && lively) return 'bright and energetic';
  if (bright && calm) return 'warm and relaxed';
  if (dark && lively) return 'dark and intense';
  if (dark && calm) return 'sad and slow';
  if (lively) return 'energetic';
  if (calm) return 'calm';
  if (bright) return 'bright';
  if (dark) return 'dark';
  return 'neutral';
}

/** The quoted words of an explanation line (the words that moved an attribute), at most `max`. */
export function quotedWords(line: string | undefined, max = 3): string[] {
  return [...(line ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]).slice(0, max);
}

const quote = (words: string[]): string => words.map((w) => `“${w}”`).join(', ');

/** The reading of a take. */
export function readingOf(take: Take): ReadingLine[] {
  const e = take.result.embedding;
  const lines = e.explanation;
  const find = (prefix: string): string | undefined => lines.find((l) => l.startsWith(prefix));
  const by = (what: 'tempo' | 'key' | 'style' | 'instruments'): string | undefined => {
    if (find(`${what === 'instruments' ? 'instruments' : what} `)?.includes('set by the editor'))
      return 'set by you';
    if (find(`${what} `)?.includes('chosen by the editor')) return 'chosen by you';
    return e.sources[what] === 'explicit' ? 'as you asked' : undefined;
  };
  const moodWords = quotedWords(find('mood'));
  const out: ReadingLine[] = [
    {
      label: 'Feel',
      text: feelOf(e.valence, e.arousal) + (moodWords.length ? `, from ${quote(moodWords)}` : ''),
    },
    { label: 'Tempo', text: `${Math.round(take.result.tempo)} bpm, ${by('tempo') ?? 'to suit the energy'}` },
    {
      label: 'Key',
      text: `${take.result.key}, ${by('key') ?? (e.key.mode === 'minor' ? 'minor for a darker colour' : 'major for a brighter colour')}`,
    },
  ];
  const styleWords = quotedWords(find('style'), 2);
  out.push({
    label: 'Style',
    text: `${take.result.plan.style}, ${by('style') ?? (styleWords.length ? `from ${quote(styleWords)}` : 'a neutral choice')}`,
  });
  out.push({
    label: 'Plays',
    text: `${take.result.roles.map((r) => ({ melody: 'melody', harmony: 'chords', bass: 'bass', drums: 'drums' })[r]).join(', ')}${by('instruments') ? `, ${by('instruments')}` : ''}`,
  });
  if (e.segments.length > 1)
    out.push({ label: 'Sections', text: `${e.segments.length}, one per timed part` });
  if (take.prompt.read.length) out.push({ label: 'Read', text: take.prompt.read.join(', ') });
  return out;
}
