/**
 * Text clean-up and tokenisation: HTML, control characters and odd spacing out; lower-case word tokens in.
 * Everything here is linear in the input so that hostile text stays fast.
 */

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
};

/**
 * Cleans a prompt: strips HTML tags, scripts and styles, decodes common entities, replaces control characters
 * with spaces, normalises Unicode (NFKC) and typographic quotes and dashes.
 */
export function cleanText(raw: string): string {
  let s = typeof raw === 'string' ? raw : String(raw ?? '');
  s = s.replace(/<(script|style)\b[^>]{0,1000}>[\s\S]*?<\/\1\s*>/gi, ' ');
  s = s.replace(/<\/?[a-zA-Z!][^<>]{0,1000}>/g, ' ');
  s = s.replace(/&(#?\w{1,8});/g, (m: string, name: string) => {
    if (name in ENTITIES) return ENTITIES[name];
    const code = name.startsWith('#x')
      ? parseInt(name.slice(2), 16)
      : name.startsWith('#')
        ? Number(name.slice(1))
        : NaN;
    return Number.isInteger(code) && code > 31 && code < 0x110000 ? String.fromCodePoint(code) : m;
  });
  // eslint-disable-next-line no-control-regex
  s = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, ' ');
  s = s.normalize('NFKC');
  s = s
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-');
  return s.replace(/\ufe0f/g, '');
}

/** A word token: lower-case text and its position in the cleaned string. */
export interface Token {
  text: string;
  index: number;
  /** True for sentence punctuation (. , ; : ! ?) which ends negation scopes. */
  punct: boolean;
}

const TOKEN_RE = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*|[.,;:!?]|\p{Extended_Pictographic}/gu;

/** Splits cleaned text into lower-case tokens (words, punctuation, emoji). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const t = m[0].toLowerCase();
    out.push({ text: t, index: m.index ?? 0, punct: /^[.,;:!?]$/.test(t) });
  }
  return out;
}

/** Splits a script into sentences (on . ! ? and line breaks), dropping empty ones. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    for (const m of line.matchAll(/(?:[^.!?]|[.!?](?=\S))+[.!?]*/g)) {
      const s = m[0].trim();
      if (/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(s)) out.push(s);
    }
  }
  return out;
}

/** Parses "hh:mm:ss,fff", "hh:mm:ss.fff", "mm:ss", "hh:mm:ss:ff" (frames at 25 fps) or a number, to seconds. */
export function parseTime(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const m = /^(?:(\d{1,2}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3})|:(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const [, h, mm, ss, frac, frames] = m;
  const base = Number(h ?? 0) * 3600 + Number(mm) * 60 + Number(ss);
  if (frac) return base + Number(frac.padEnd(3, '0')) / 1000;
  if (frames) return base + Number(frames) / 25;
  return base;
}
