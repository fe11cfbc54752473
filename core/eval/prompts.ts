/**
 * The evaluation's prompt list: each prompt with what it asks for (tempo, key, emotion quadrant, style),
 * read from a JSON file of labelled prompts or from plain text (one prompt a line, asked tempo, key and
 * style taken from what the embedder reads as stated in so many words).
 */
import type { Style } from '../conditioning';
import { STYLES } from '../conditioning';
import { embed } from '../embed';
import { DataError } from '../errors';
import { parseKeyLabel } from '../features/annotations';
import type { Bpm, Mode } from '../sequence';

/** A quadrant of Russell's valence/arousal plane, as EMOPIA labels them. */
export type Quadrant = 'Q1' | 'Q2' | 'Q3' | 'Q4';
/** The four quadrants: Q1 happy (+V +A), Q2 tense (-V +A), Q3 sad (-V -A), Q4 calm (+V -A). */
export const QUADRANTS: readonly Quadrant[] = ['Q1', 'Q2', 'Q3', 'Q4'];

/** The quadrant of a valence and an arousal (0 counts as positive). */
export function quadrantOf(valence: number, arousal: number): Quadrant {
  if (valence >= 0) return arousal >= 0 ? 'Q1' : 'Q4';
  return arousal >= 0 ? 'Q2' : 'Q3';
}

/** One evaluation prompt and what it asks for. */
export interface EvalPrompt {
  prompt: string;
  /** Asked tempo in bpm, when the prompt states one. */
  tempo?: Bpm;
  /** Asked key, when the prompt states one. */
  key?: { tonic: number; mode: Mode };
  /** Asked emotion, for mood prompts. */
  quadrant?: Quadrant;
  /** Asked style, for style prompts. */
  style?: Style;
}

interface RawPrompt {
  prompt?: unknown;
  tempo?: unknown;
  key?: unknown;
  quadrant?: unknown;
  style?: unknown;
}

function fromJson(raw: RawPrompt, i: number): EvalPrompt {
  const where = `prompt ${i + 1}`;
  if (typeof raw.prompt !== 'string' || !raw.prompt.trim()) throw new DataError(`${where}: no "prompt" text`);
  const p: EvalPrompt = { prompt: raw.prompt.trim() };
  if (raw.tempo !== undefined) {
    if (typeof raw.tempo !== 'number' || !(raw.tempo >= 20 && raw.tempo <= 300))
      throw new DataError(`${where}: "tempo" must be a number of bpm from 20 to 300`);
    p.tempo = raw.tempo;
  }
  if (raw.key !== undefined) {
    const m = typeof raw.key === 'string' ? /^\s*([A-Ga-g][#b]?)\s*(major|minor)\s*$/.exec(raw.key) : null;
    const key = m ? parseKeyLabel(`${m[1][0].toUpperCase()}${m[1].slice(1)}:${m[2].slice(0, 3)}`) : null;
    if (!key) throw new DataError(`${where}: "key" must read like "E minor" or "Bb major"`);
    p.key = key;
  }
  if (raw.quadrant !== undefined) {
    if (!QUADRANTS.includes(raw.quadrant as Quadrant))
      throw new DataError(`${where}: "quadrant" must be one of ${QUADRANTS.join(', ')}`);
    p.quadrant = raw.quadrant as Quadrant;
  }
  if (raw.style !== undefined) {
    if (!STYLES.includes(raw.style as Style))
      throw new DataError(`${where}: "style" must be one of ${STYLES.join(', ')}`);
    p.style = raw.style as Style;
  }
  return p;
}

/** Reads what a plain-text prompt states: tempo, key and style that the embedder found written out. */
export function statedInPrompt(prompt: string): EvalPrompt {
  const e = embed(prompt);
  const p: EvalPrompt = { prompt };
  if (e.sources.tempo === 'explicit') p.tempo = e.conditioning.tempo;
  if (e.sources.key === 'explicit') p.key = { ...e.conditioning.key };
  if (e.sources.style === 'explicit') p.style = e.conditioning.style;
  return p;
}

/**
 * Parses a prompt file. JSON: an array of `{prompt, tempo?, key?, quadrant?, style?}` (tempo in bpm, key as
 * "E minor", quadrant Q1..Q4, style one of {@link STYLES}). Text: one prompt a line (blank lines and `#`
 * comments skipped); tempo, key and style come from {@link statedInPrompt}, and no quadrant is asked.
 * @throws {DataError} on malformed JSON, bad labels or no prompts.
 */
export function parsePrompts(text: string, format: 'json' | 'text'): EvalPrompt[] {
  let prompts: EvalPrompt[];
  if (format === 'json') {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (cause) {
      throw new DataError('the prompt file is not valid JSON', { cause });
    }
    if (!Array.isArray(raw)) throw new DataError('the prompt file must hold a JSON array of prompts');
    prompts = raw.map((r, i) => fromJson((r ?? {}) as RawPrompt, i));
  } else {
    prompts = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map(statedInPrompt);
  }
  if (prompts.length === 0) throw new DataError('the prompt file holds no prompts');
  return prompts;
}
