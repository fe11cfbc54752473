/**
 * What every host calls a result: readable words of the prompt (in any script) plus a short hash of the
 * prompt and the settings, so that two different requests never share a name and the same request is
 * recognisable. Hosts add a numbered suffix (`-2`, `-3`...) when a name is already taken, so nothing is
 * overwritten unless asked for.
 */
import { fnv1a } from './eval/hash';

/** Most letters kept from the prompt in a name. */
export const SLUG_LENGTH = 40;

/**
 * A file-name-safe slug of a prompt or file name: Unicode letters, marks and digits kept (Chinese, Arabic,
 * Cyrillic... as written; NFKC-normalised, lower case), everything else a single dash, at most
 * {@link SLUG_LENGTH} characters (cut at the end of a word when one is near); "music" when nothing is left.
 */
export function slug(text: string): string {
  const chars = Array.from(
    String(text ?? '')
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
      .replace(/^[-\p{M}]+|-+$/gu, ''),
  );
  let s = chars.slice(0, SLUG_LENGTH).join('');
  // Cut a long prompt at a word's end when one is near (scripts without spaces are cut where they reach).
  const wordEnd = s.lastIndexOf('-');
  if (chars.length > SLUG_LENGTH && chars[SLUG_LENGTH] !== '-' && wordEnd >= SLUG_LENGTH / 2)
    s = s.slice(0, wordEnd);
  return s.replace(/-+$/, '') || 'music';
}

/** The settings that change a result, hashed into its name. */
export interface NameSettings {
  seed: number;
  temperature?: number;
  /** The length asked for with the request (not the prompt's), if any. */
  seconds?: number;
  loop?: boolean;
  /** Anything else that changes the result (a host's extra options), hashed as JSON. */
  extra?: Record<string, unknown>;
}

/** A short (6 hex digits) hash of a request: its text and every setting that changes the result. */
export function requestHash(text: string, settings: NameSettings): string {
  const key = JSON.stringify([
    text,
    settings.seed,
    settings.temperature ?? null,
    settings.seconds ?? null,
    settings.loop ?? false,
    settings.extra ?? null,
  ]);
  return (fnv1a(key) >>> 8).toString(16).padStart(6, '0');
}

/**
 * The name of a result: `<slug of label>-s<seed>-<hash of text and settings>`, e.g.
 * `calm-piano-s1-3fa9c2`. `label` is what the name shows (the prompt, or a script's file name); `text` is
 * what was composed (default: `label`).
 */
export function resultName(label: string, settings: NameSettings, text: string = label): string {
  return `${slug(label)}-s${settings.seed}-${requestHash(text, settings)}`;
}
