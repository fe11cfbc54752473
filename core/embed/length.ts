/** Explicit length requests: "30-second spot", ":15", "0:45", "1 minute 30", "ninety seconds". */

/** A length request in seconds. */
export interface LengthRequest {
  value: number;
  text: string;
  /** The length as written, in seconds, when it was changed (clamped, or a negative sign dropped). */
  asked?: number;
  note?: string;
}

/** Shortest and longest length the embedder returns, in seconds. */
export const LENGTH_RANGE = { min: 1, max: 3600 } as const;

const UNITS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  ninety: 90,
  a: 1,
  an: 1,
};
const WORD_NUM = String.raw`(?:(?:twenty|thirty|forty|fifty)[\s-](?:five)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety)`;
const DIGITS = String.raw`(\d{1,5}(?:\.\d{1,3})?)`;
const NUM = String.raw`(?:${DIGITS}\s*-?\s*|(${WORD_NUM}|an?|half an?)[\s-]+)`;
const SPOT = String.raw`(?:spot|ad|advert|commercial|cut|version|edit|clip|video|promo|trailer|bumper|teaser|piece|track|long)`;

const MIN_SEC_RE = new RegExp(
  String.raw`\b${NUM}(?:minutes?|mins?)\s*(?:and\s*)?(\d{1,2})\s*(?:seconds?|secs?|s)?\b`,
);
const SEC_RE = new RegExp(String.raw`\b${NUM}(seconds?|secs?|s)\b(\s*${SPOT})?`);
const MIN_RE = new RegExp(String.raw`\b${NUM}(?:minutes?|mins?)\b`);
const HOUR_RE = new RegExp(String.raw`\b${NUM}(?:hours?|hrs?)\b`);
const CLOCK_RE = /(?<![\d:.])(\d{1,2}):([0-5]\d)(?![\d:])(?!\s*(?:am|pm|a\.m|p\.m)\b)/;
const SHORTHAND_RE = /(?<![\w:]):([0-5]\d|60)(?![\d:])/;

function num(word: string): number {
  const w = word.toLowerCase();
  if (/^\d/.test(w)) return Number(w);
  if (w.startsWith('half')) return 0.5;
  const parts = w.split(/[\s-]/);
  return parts.reduce((sum, p) => sum + (UNITS[p] ?? 0), 0);
}

function clamp(value: number, text: string): LengthRequest {
  if (value > LENGTH_RANGE.max)
    return {
      value: LENGTH_RANGE.max,
      text,
      asked: value,
      note: `length ${LENGTH_RANGE.max} s: clamped ("${text}" is ${value} s; the embedder reads at most ${LENGTH_RANGE.max} s)`,
    };
  if (value < LENGTH_RANGE.min)
    return {
      value: LENGTH_RANGE.min,
      text,
      asked: value,
      note: `length ${LENGTH_RANGE.min} s: clamped ("${text}" is ${value} s; a piece lasts at least ${LENGTH_RANGE.min} s)`,
    };
  return { value: Math.round(value * 1000) / 1000, text };
}

/** A length written with a minus sign ("-5 seconds") is read without it, and says so. */
function unsigned(r: LengthRequest, lower: string, at: number): LengthRequest {
  if (lower[at] !== '-' || (at > 0 && !/[\s(:,;]/.test(lower[at - 1]))) return r;
  return {
    ...r,
    text: `-${r.text}`,
    asked: -(r.asked ?? r.value),
    note: `length ${r.value} s: "-${r.text}" read without its minus sign (a length cannot be negative)${r.note ? `; ${r.note}` : ''}`,
  };
}

/** Finds the first explicit length in lower-case text. */
export function findLength(lower: string): LengthRequest | undefined {
  const found = findUnsigned(lower);
  return found && unsigned(found.request, lower, found.at - 1);
}

function findUnsigned(lower: string): { request: LengthRequest; at: number } | undefined {
  const at = (m: RegExpExecArray, request: LengthRequest) => ({ request, at: m.index });
  const ms = MIN_SEC_RE.exec(lower);
  if (ms) return at(ms, clamp(num(ms[1] ?? ms[2]) * 60 + Number(ms[3]), ms[0].trim()));
  const hour = HOUR_RE.exec(lower);
  if (hour && num(hour[1] ?? hour[2]) > 0)
    return at(hour, clamp(num(hour[1] ?? hour[2]) * 3600, hour[0].trim()));
  const sec = SEC_RE.exec(lower);
  if (sec) {
    const value = num(sec[1] ?? sec[2]);
    // "80s" and "90s" alone are decades, not lengths.
    const decade = sec[3] === 's' && !sec[4] && value >= 20 && value % 10 === 0;
    if (!decade && value > 0) return at(sec, clamp(value, sec[0].trim()));
  }
  const min = MIN_RE.exec(lower);
  if (min && num(min[1] ?? min[2]) > 0) return at(min, clamp(num(min[1] ?? min[2]) * 60, min[0].trim()));
  const clock = CLOCK_RE.exec(lower);
  if (clock) return { request: clamp(Number(clock[1]) * 60 + Number(clock[2]), clock[0]), at: -1 };
  const short = SHORTHAND_RE.exec(lower);
  if (short) return { request: clamp(Number(short[1]), short[0]), at: -1 };
  return undefined;
}
