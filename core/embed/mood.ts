/**
 * Implicit mood: valence and arousal from lexicon hits, with negation ("not sad"), intensifiers ("very calm"),
 * diminishers ("slightly"), "but" (the clause after it counts more) and exclamation marks.
 */
import type { Style } from '../conditioning';
import { lookup, modeWord, startsPhrase, styleHint } from './lexicon';
import type { Token } from './text';
import type { ModeWord, Mood, MoodHit } from './types';

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'without',
  'nothing',
  'neither',
  'nor',
  'none',
  'nobody',
  'cannot',
  "don't",
  'dont',
  "isn't",
  'isnt',
  "aren't",
  "wasn't",
  "doesn't",
  'doesnt',
  "won't",
  "can't",
  'cant',
  "shouldn't",
  "didn't",
  'lacking',
  'instead',
]);
const BOOSTERS: Record<string, number> = {
  very: 1.5,
  really: 1.4,
  extremely: 1.7,
  super: 1.5,
  so: 1.3,
  incredibly: 1.6,
  highly: 1.4,
  totally: 1.4,
  ultra: 1.6,
  absolutely: 1.5,
  deeply: 1.5,
  truly: 1.3,
  most: 1.3,
  more: 1.2,
  quite: 1.15,
  too: 1.2,
  utterly: 1.6,
  insanely: 1.7,
  hugely: 1.5,
  seriously: 1.3,
  mega: 1.5,
  slightly: 0.5,
  somewhat: 0.6,
  barely: 0.4,
  hardly: 0.4,
  mildly: 0.5,
  fairly: 0.8,
  rather: 0.9,
  less: 0.6,
  little: 0.6,
  bit: 0.6,
};
/** Words the explicit parser owns ("E flat major", "solo piano"): never read as mood. */
const MUSIC_WORDS = new Set([
  'flat',
  'sharp',
  'major',
  'minor',
  'key',
  'bpm',
  'tempo',
  'solo',
  'only',
  'second',
  'seconds',
  'minute',
  'spot',
  'time',
  'meter',
  'waltz',
  'beat',
  'beats',
  'note',
  'notes',
  'bass',
  'drums',
  'piano',
  'strings',
  'natural',
]);
const CONTRAST = new Set(['but', 'however', 'yet', 'although', 'though']);
/** Hits listed for the explanation; further hits still count. */
const MAX_HITS = 64;
/** Negation flips a hit and scales it by this (VADER uses -0.74). */
const NEGATE = -0.5;
const clamp1 = (x: number) => Math.max(-1, Math.min(1, x));
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The mode that a mood's mode words decide by their weighted vote ("dark" against "bright"), with the
 * words on the winning side; undefined when none or a tie.
 */
export function namedMode(mood: Mood): { mode: 'major' | 'minor'; words: string[] } | undefined {
  const words = mood.modeWords ?? [];
  const score = words.reduce((s, w) => s + (w.mode === 'major' ? w.weight : -w.weight), 0);
  if (Math.abs(score) < 1e-9) return undefined;
  const mode = score > 0 ? 'major' : 'minor';
  return { mode, words: words.filter((w) => w.mode === mode).map((w) => w.text) };
}

/** Scores the mood of a token stream. Returns zeros and no hits when no word is known. */
export function scoreMood(tokens: Token[]): Mood {
  const hits: MoodHit[] = [];
  const modeWords: ModeWord[] = [];
  // Running sums: [valence*w, w(valence), arousal*w, w(arousal)]; hits beyond MAX_HITS are summed, not listed.
  const sums = [0, 0, 0, 0];
  const styles = new Map<Style, { score: number; text: string }>();
  let negUntil = -1;
  let boost = 1;
  let boostUntil = -1;
  let exclaim = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i].text;
    if (tokens[i].punct) {
      if (t === '!') exclaim++;
      negUntil = -1;
      continue;
    }
    if (CONTRAST.has(t)) {
      for (const h of hits) h.weight *= 0.5;
      for (const m of modeWords) m.weight *= 0.5;
      for (let k = 0; k < 4; k++) sums[k] *= 0.5;
      negUntil = -1;
      continue;
    }
    if (NEGATORS.has(t)) {
      negUntil = i + 3;
      continue;
    }
    if (Object.hasOwn(BOOSTERS, t)) {
      boost = (boostUntil >= i ? boost : 1) * BOOSTERS[t];
      boostUntil = i + 2;
      continue;
    }
    if (MUSIC_WORDS.has(t)) continue;
    const pair = i + 1 < tokens.length && startsPhrase(t) ? lookup(`${t} ${tokens[i + 1].text}`) : undefined;
    const entry = pair ?? lookup(t);
    if (!entry) continue;
    const len = pair ? 2 : 1;
    const negated = i <= negUntil;
    const scale = (negated ? NEGATE : 1) * (boostUntil >= i ? boost : 1);
    const valence = clamp1(entry.valence * scale);
    const arousal = clamp1(entry.arousal * scale);
    if (Math.abs(valence) >= 0.05) {
      sums[0] += valence * entry.weight;
      sums[1] += entry.weight;
    }
    if (Math.abs(arousal) >= 0.05) {
      sums[2] += arousal * entry.weight;
      sums[3] += entry.weight;
    }
    const words = len === 2 ? `${t} ${tokens[i + 1].text}` : t;
    if (hits.length < MAX_HITS) {
      const lead = (negated ? 'not ' : '') + (boostUntil >= i && boost !== 1 ? `x${round2(boost)} ` : '');
      hits.push({ text: lead + words, valence, arousal, weight: entry.weight });
    }
    const mode = negated ? undefined : modeWord(entry.word);
    if (mode) modeWords.push({ text: words, mode, weight: entry.weight * Math.abs(scale) });
    const hint = negated ? undefined : styleHint(entry.word);
    if (hint) {
      const s = styles.get(hint) ?? { score: 0, text: words };
      s.score += entry.weight;
      styles.set(hint, s);
    }
    boostUntil = -1;
    i += len - 1;
  }
  const valence = round2(clamp1(sums[1] > 0 ? sums[0] / sums[1] : 0));
  const lift = hits.length > 0 ? Math.min(0.24, exclaim * 0.08) : 0;
  const arousal = round2(clamp1((sums[3] > 0 ? sums[2] / sums[3] : 0) + lift));
  let style: Mood['style'];
  for (const [s, v] of styles)
    if (!style || v.score > (styles.get(style.style)?.score ?? 0)) style = { style: s, text: v.text };
  return { valence, arousal, hits, style, totals: sums, modeWords };
}

/** The mood of several texts together (a script's segments), as if scored as one. */
export function combineMoods(moods: readonly Mood[]): Mood {
  const sums = [0, 0, 0, 0];
  const hits: MoodHit[] = [];
  const modeWords = moods.flatMap((m) => m.modeWords ?? []);
  const styles = new Map<Style, { score: number; text: string }>();
  for (const m of moods) {
    m.totals?.forEach((x, k) => (sums[k] += x));
    for (const h of m.hits) if (hits.length < MAX_HITS) hits.push(h);
    if (m.style) {
      const s = styles.get(m.style.style) ?? { score: 0, text: m.style.text };
      s.score += 1;
      styles.set(m.style.style, s);
    }
  }
  let style: Mood['style'];
  for (const [s, v] of styles)
    if (!style || v.score > (styles.get(style.style)?.score ?? 0)) style = { style: s, text: v.text };
  const valence = round2(clamp1(sums[1] > 0 ? sums[0] / sums[1] : 0));
  const arousal = round2(clamp1(sums[3] > 0 ? sums[2] / sums[3] : 0));
  return { valence, arousal, hits, style, totals: sums, modeWords };
}
