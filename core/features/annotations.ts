/**
 * Parsers for corpus side files (POP909's beat, key and chord annotations; label CSVs and the style labels
 * in them). Pure: they take the files' text.
 */
import type { Style } from '../conditioning';
import { STYLES } from '../conditioning';
import type { Mode, Seconds } from '../sequence';

/** An annotated beat: its time in the MIDI file's seconds and whether it starts a bar. */
export interface BeatMark {
  time: Seconds;
  downbeat: boolean;
}

/** A span of time with a label (a key or a chord symbol). */
export interface TimedLabel {
  start: Seconds;
  end: Seconds;
  label: string;
}

function numbers(line: string): string[] {
  return line.trim().split(/\s+/);
}

/** Parses POP909's `beat_midi.txt`: `time downbeat-flag bar-flag` per line. Malformed lines are skipped. */
export function parseBeats(text: string): BeatMark[] {
  const out: BeatMark[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [t, d] = numbers(line);
    const time = Number(t);
    if (line.trim() && Number.isFinite(time)) out.push({ time, downbeat: Number(d) === 1 });
  }
  return out.sort((a, b) => a.time - b.time);
}

/** Parses `start end label` lines (POP909's `key_audio.txt` and `chord_midi.txt`). */
export function parseTimedLabels(text: string): TimedLabel[] {
  const out: TimedLabel[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [s, e, ...rest] = numbers(line);
    const start = Number(s);
    const end = Number(e);
    if (rest.length && Number.isFinite(start) && Number.isFinite(end))
      out.push({ start, end, label: rest.join(' ') });
  }
  return out;
}

const LETTERS: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/** Parses a note name such as `Gb`, `F#`, `C` into a pitch class; null if it is not one. */
export function parsePitchClass(name: string): number | null {
  const m = /^([A-Ga-g])([#b]*)$/.exec(name.trim());
  if (!m) return null;
  const base = LETTERS[m[1].toUpperCase()];
  const shift = [...m[2]].reduce((s, c) => s + (c === '#' ? 1 : -1), 0);
  return (((base + shift) % 12) + 12) % 12;
}

/** Parses a key label such as `Gb:maj` or `A:min`; null if it is not one. */
export function parseKeyLabel(label: string): { tonic: number; mode: Mode } | null {
  const [root, q = 'maj'] = label.split(':');
  const tonic = parsePitchClass(root);
  if (tonic === null) return null;
  return { tonic, mode: /^min/.test(q) ? 'minor' : 'major' };
}

/** The key that covers the most time among timed key labels; null when none parse. */
export function dominantKey(labels: readonly TimedLabel[]): { tonic: number; mode: Mode } | null {
  const time = new Map<string, number>();
  for (const l of labels) {
    const k = parseKeyLabel(l.label);
    if (k) time.set(`${k.tonic}:${k.mode}`, (time.get(`${k.tonic}:${k.mode}`) ?? 0) + (l.end - l.start));
  }
  let best: string | null = null;
  for (const [k, t] of time) if (best === null || t > (time.get(best) ?? 0)) best = k;
  if (best === null) return null;
  const [tonic, mode] = best.split(':');
  return { tonic: Number(tonic), mode: mode as Mode };
}

/** Parses a CSV with a header row into objects (quoted fields with commas are supported). */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cur += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        cells.push(cur);
        cur = '';
      } else cur += c;
    }
    cells.push(cur);
    rows.push(cells);
  }
  const [head, ...body] = rows;
  if (!head) return [];
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

/** A style label as the scanner records it: one of the model's styles, or `unknown` (no trustworthy label). */
export type StyleLabel = Style | 'unknown';

const STYLE_ALIASES: Record<string, Style> = {
  'hip-hop': 'hiphop',
  'hip hop': 'hiphop',
  afrobeat: 'latin',
  afrocuban: 'latin',
  neworleans: 'jazz',
  gospel: 'soul',
  punk: 'rock',
  dance: 'electronic',
  highlife: 'latin',
};

/**
 * Maps a corpus style label (Groove's `jazz/funk`, `afrocuban`, a labels.csv `style`) onto {@link STYLES}:
 * the first part that names a style or an alias of one; `unknown` when none does.
 */
export function styleOfLabel(label: string | undefined): StyleLabel {
  const whole = (label ?? '').toLowerCase().trim();
  for (const part of [whole, ...whole.split(/[/\-_ ]/)]) {
    if ((STYLES as readonly string[]).includes(part)) return part as Style;
    if (STYLE_ALIASES[part]) return STYLE_ALIASES[part];
  }
  return 'unknown';
}

/** What a labels row says about its style: the label, its stated confidence and what it rests on. */
export interface StyleEvidence {
  style?: string;
  /** `high`, `medium` or `low` (a `style_confidence` column). */
  confidence?: string;
  /** What the label rests on (a `style_basis` column). */
  basis?: string;
}

/**
 * The style a file trains with: its label mapped by {@link styleOfLabel}, or `unknown` when the label is
 * missing, `unknown`, of low confidence, or rests on the genre of later recordings (a Discogs genre, as in
 * OpenEWLD's lead sheets: it describes covers, not these notes).
 */
export function trustedStyle(e: StyleEvidence): { style: StyleLabel; trusted: boolean; why?: string } {
  const style = styleOfLabel(e.style);
  if (style === 'unknown') return { style, trusted: false, why: e.style ? `label "${e.style}"` : 'no label' };
  if (/^low$/i.test(e.confidence ?? '')) return { style: 'unknown', trusted: false, why: 'low confidence' };
  if (/discogs/i.test(e.basis ?? ''))
    return { style: 'unknown', trusted: false, why: 'genre of later recordings (Discogs)' };
  return { style, trusted: true };
}
