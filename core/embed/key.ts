/** Explicit key requests: "in D minor", "E flat major", "F#m", "key of Bb", "minor key". */
import type { Mode } from '../sequence';

/** A key request; `tonic` is absent when only the mode was asked for ("a minor key"). */
export interface KeyRequest {
  tonic?: number;
  tonicName?: string;
  mode: Mode;
  text: string;
}

const LETTER_PC: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const MODE_OF: Record<string, Mode> = {
  major: 'major',
  maj: 'major',
  ionian: 'major',
  lydian: 'major',
  mixolydian: 'major',
  minor: 'minor',
  min: 'minor',
  m: 'minor',
  aeolian: 'minor',
  dorian: 'minor',
  phrygian: 'minor',
  locrian: 'minor',
};

const ACC = String.raw`(?:\s*-?\s*(sharp|flat)|([#♯♭b]))?`;
const MODES = 'major|minor|maj|min|dorian|phrygian|aeolian|lydian|mixolydian|ionian|locrian';
const FULL_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}'])([A-Ga-g])${ACC}\s*-?\s*(${MODES})(?![\p{L}])`,
  'giu',
);
const CHORD_RE = /(?<![\p{L}\p{N}#'])([A-G])([#♯♭b])?m(?![\p{L}\p{N}#])/gu;
const BARE_RE = /\b(?:in|key(?:\s+of)?|key:)\s+([A-G])(?:\s*-?\s*(sharp|flat)|([#♯♭b]))?(?![\p{L}\p{N}#])/gu;
const MODE_ONLY_RE = /\b(major|minor)\s+(?:key|mode|tonality|scale)\b/i;

function spell(letter: string, word?: string, sign?: string): { tonic: number; tonicName: string } {
  const up = letter.toUpperCase();
  const acc = word
    ? word.toLowerCase() === 'sharp'
      ? '#'
      : 'b'
    : sign
      ? sign === '#' || sign === '♯'
        ? '#'
        : 'b'
      : '';
  const tonic = (LETTER_PC[up] + (acc === '#' ? 1 : acc === 'b' ? 11 : 0)) % 12;
  return { tonic, tonicName: up + acc };
}

const before = (text: string, at: number): string => text.slice(Math.max(0, at - 8), at).toLowerCase();

/** Finds the first explicit key in cleaned text (case matters: "Am" needs "in Am", "a minor" needs "in"). */
export function findKey(text: string): KeyRequest | undefined {
  const found: (KeyRequest & { at: number })[] = [];
  for (const m of text.matchAll(FULL_RE)) {
    const [all, letter, word, sign, mode] = m;
    const at = m.index ?? 0;
    const prefixed = /(?:\bin|\bkey(?: of)?|key:)\s+$/.test(before(text, at));
    // "a minor" is usually an article and an adjective; "A minor" standing alone (", A minor." / at the
    // end) is a key.
    const alone = letter === 'A' && /^\s*(?:[,.;:!?)]|$)/.test(text.slice(at + all.length));
    if (letter.toLowerCase() === 'a' && !word && !sign && !prefixed && !alone) continue;
    if (letter !== letter.toUpperCase() && !prefixed && !/^(major|minor)$/i.test(mode)) continue;
    found.push({ ...spell(letter, word, sign), mode: MODE_OF[mode.toLowerCase()], text: all, at });
    break;
  }
  for (const m of text.matchAll(CHORD_RE)) {
    const at = m.index ?? 0;
    if (m[1] === 'A' && !m[2] && !/(?:\bin|\bkey(?: of)?|key:)\s+$/.test(before(text, at))) continue;
    found.push({ ...spell(m[1], undefined, m[2]), mode: 'minor', text: m[0], at });
    break;
  }
  for (const m of text.matchAll(BARE_RE)) {
    const rest = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 12);
    if (new RegExp(String.raw`^\s*-?\s*(?:${MODES}|m\b)`, 'i').test(rest)) continue;
    found.push({ ...spell(m[1], m[2], m[3]), mode: 'major', text: m[0], at: m.index ?? 0 });
    break;
  }
  found.sort((a, b) => a.at - b.at);
  if (found.length > 0) {
    const { at: _at, ...key } = found[0];
    return key;
  }
  const mode = MODE_ONLY_RE.exec(text);
  return mode ? { mode: mode[1].toLowerCase() as Mode, text: mode[0] } : undefined;
}
