/** Explicit meter requests: "3/4", "6/8 time", "waltz", "in three", "common time". */

/** A meter request. */
export interface MeterRequest {
  numerator: number;
  denominator: number;
  text: string;
}

const WORDS: [RegExp, number, number][] = [
  [/\bwaltz(?:es|ing)?\b/, 3, 4],
  [/\b(?:triple (?:meter|metre|time)|in three|three[\s-]four(?: time)?)\b/, 3, 4],
  [/\bsix[\s-]eight\b/, 6, 8],
  [/\b(?:compound (?:meter|metre|time)|jig)\b/, 6, 8],
  [/\b(?:common time|four[\s-]four(?: time)?|straight four)\b/, 4, 4],
  [/\b(?:cut time|alla breve)\b/, 2, 2],
  [/\bpolka\b/, 2, 4],
];
const FRACTION_RE =
  /(?<![\d/.])(\d{1,2})\s*\/\s*(\d{1,2})(?![\d/])(?!\s*(?:of|off|price|cup|mile|inch|oz)\b)/g;
const DENOMINATORS = new Set([2, 4, 8, 16]);

/** Finds the first explicit meter in lower-case text. */
export function findMeter(lower: string): MeterRequest | undefined {
  for (const m of lower.matchAll(FRACTION_RE)) {
    const numerator = Number(m[1]);
    const denominator = Number(m[2]);
    if (numerator >= 2 && numerator <= 15 && DENOMINATORS.has(denominator))
      return { numerator, denominator, text: m[0] };
  }
  let best: (MeterRequest & { at: number }) | undefined;
  for (const [re, numerator, denominator] of WORDS) {
    const m = re.exec(lower);
    if (m && (!best || m.index < best.at)) best = { numerator, denominator, text: m[0], at: m.index };
  }
  return best && { numerator: best.numerator, denominator: best.denominator, text: best.text };
}
