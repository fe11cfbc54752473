/**
 * The mood lexicon: a curated seed expanded through WordNet 3.1 at build time (scripts/build-lexicon.mjs),
 * shipped as assets/lexicon/lexicon.json. Lookups try the word, then simple inflections ("calmly" -> "calm").
 */
import type { Style } from '../conditioning';
import { STYLES } from '../conditioning';
import type { Mode } from '../sequence';
import data from '../../assets/lexicon/lexicon.json';

/** One lexicon entry: valence and arousal in [-1, 1] and a weight (1 for curated mood words). */
export interface LexiconEntry {
  word: string;
  valence: number;
  arousal: number;
  weight: number;
}

interface LexiconFile {
  words: Record<string, [number, number, number]>;
  styles: Record<string, string>;
}

const file = data as unknown as LexiconFile;
const WORDS = new Map<string, [number, number, number]>(Object.entries(file.words));
const STYLE_HINTS = new Map<string, Style>(
  Object.entries(file.styles).filter((e): e is [string, Style] =>
    (STYLES as readonly string[]).includes(e[1]),
  ),
);

/** First words of the lexicon's two-word entries ("black" of "black friday"). */
const PHRASE_HEADS = new Set([...WORDS.keys()].filter((w) => w.includes(' ')).map((w) => w.split(' ')[0]));
const CACHE = new Map<string, LexiconEntry | null>();
const CACHE_MAX = 20_000;

/** Number of words in the shipped lexicon. */
export const LEXICON_SIZE = WORDS.size;

function candidates(w: string): string[] {
  const out = [w];
  if (w.endsWith("'s")) out.push(w.slice(0, -2));
  if (w.endsWith('ies')) out.push(w.slice(0, -3) + 'y');
  if (w.endsWith('es')) out.push(w.slice(0, -2));
  if (w.endsWith('s') && !w.endsWith('ss')) out.push(w.slice(0, -1));
  if (w.endsWith('ily')) out.push(w.slice(0, -3) + 'y');
  if (w.endsWith('ly')) out.push(w.slice(0, -2), w.slice(0, -2) + 'e');
  if (w.endsWith('ness')) out.push(w.slice(0, -4), w.slice(0, -5) + 'y');
  if (w.endsWith('ier') || w.endsWith('iest')) out.push(w.replace(/i(?:er|est)$/, 'y'));
  if (w.endsWith('er') || w.endsWith('est')) out.push(w.replace(/(?:er|est)$/, ''));
  if (w.endsWith('ing')) out.push(w.slice(0, -3), w.slice(0, -3) + 'e', w.slice(0, -4));
  if (w.endsWith('ed')) out.push(w.slice(0, -2), w.slice(0, -1), w.slice(0, -3));
  return out;
}

function find(word: string): LexiconEntry | undefined {
  if (word.length < 1 || word.length > 40) return undefined;
  for (const c of candidates(word)) {
    const e = c.length > 1 || /\p{Extended_Pictographic}/u.test(c) ? WORDS.get(c) : undefined;
    if (e) return { word: c, valence: e[0], arousal: e[1], weight: e[2] };
  }
  return undefined;
}

/** Looks a lower-case word (or "two words") up, trying inflections; undefined when unknown. Cached. */
export function lookup(word: string): LexiconEntry | undefined {
  const hit = CACHE.get(word);
  if (hit !== undefined) return hit ?? undefined;
  const found = find(word);
  if (CACHE.size >= CACHE_MAX) CACHE.clear();
  CACHE.set(word, found ?? null);
  return found;
}

/** True when `word` starts a two-word lexicon entry. */
export function startsPhrase(word: string): boolean {
  return PHRASE_HEADS.has(word);
}

/** The style a subject word implies ("trailer" -> cinematic), if any. */
export function styleHint(word: string): Style | undefined {
  return STYLE_HINTS.get(word);
}

/**
 * Words that name a mode: a prompt with one of these (and no stated key) is in that mode, whatever the
 * other words do to valence ("Epic cinematic trailer, dark and intense" is minor).
 */
const MODE_WORDS: Record<Mode, readonly string[]> = {
  minor: [
    'dark',
    'sad',
    'melancholic',
    'melancholy',
    'somber',
    'sombre',
    'gloomy',
    'tragic',
    'mournful',
    'sorrowful',
    'ominous',
    'sinister',
    'brooding',
    'haunting',
    'eerie',
    'moody',
    'lonely',
    'heartbreaking',
    'grim',
    'menacing',
    'bleak',
    'sorrow',
    'grief',
    'mourning',
  ],
  major: [
    'bright',
    'happy',
    'triumphant',
    'joyful',
    'joyous',
    'cheerful',
    'uplifting',
    'sunny',
    'playful',
    'optimistic',
    'heroic',
    'festive',
    'jubilant',
    'victorious',
    'glorious',
    'celebratory',
    'celebration',
  ],
};
const MODE_OF_WORD = new Map<string, Mode>(
  (Object.keys(MODE_WORDS) as Mode[]).flatMap((m) => MODE_WORDS[m].map((w) => [w, m] as const)),
);

/** The mode a lexicon word (an entry's base form: "dark" of "darker") names, if any. */
export function modeWord(word: string): Mode | undefined {
  return MODE_OF_WORD.get(word);
}
