/** Collects every explicit request of a prompt: tempo, key, meter, length, style, instruments, density, dynamics. */
import { findInstruments } from './instruments';
import { findKey } from './key';
import { findLength } from './length';
import { findMeter } from './meter';
import { findStyle } from './style';
import { findTempo } from './tempo';
import type { Token } from './text';
import type { ExplicitRequests } from './types';

const DENSITY: [RegExp, number][] = [
  [/\b(?:sparse|minimal|minimalist|stripped[\s-]back|stripped[\s-]down)\b/, 0.12],
  [/\b(?:dense|busy (?:arrangement|beat|mix)|wall of sound)\b/, 0.7],
];
const DYNAMICS: [RegExp, number][] = [
  [/\b(?:very loud|loud|punchy|full[\s-]on|hard[\s-]hitting)\b/, 0.85],
  [/\b(?:whisper[\s-]quiet|pianissimo|very quiet|quiet|hushed)\b/, 0.3],
];

function firstOf(table: [RegExp, number][], lower: string): { value: number; text: string } | undefined {
  for (const [re, value] of table) {
    const m = re.exec(lower);
    if (m) return { value, text: m[0] };
  }
  return undefined;
}

/**
 * Finds the explicit requests of a cleaned prompt.
 * @param text the cleaned text (case kept: keys need it)
 * @param tokens its tokens
 */
export function findExplicit(text: string, tokens: Token[]): ExplicitRequests {
  const lower = text.toLowerCase();
  const notes: string[] = [];
  const tempo = findTempo(lower);
  const seconds = findLength(lower);
  const inst = findInstruments(tokens);
  const key = findKey(text);
  const meter = findMeter(lower);
  const style = findStyle(lower);
  return {
    tempo,
    key,
    meter,
    seconds,
    style,
    instruments: inst.wanted,
    excluded: inst.excluded,
    only: inst.only,
    density: firstOf(DENSITY, lower),
    dynamics: firstOf(DYNAMICS, lower),
    notes,
  };
}

/** Requests of `local` where it has them, else those of `global` (a segment inherits the script's requests). */
export function mergeExplicit(global: ExplicitRequests, local: ExplicitRequests): ExplicitRequests {
  const hasInstruments = local.instruments.length > 0 || local.excluded.length > 0;
  return {
    tempo: local.tempo ?? global.tempo,
    key: local.key ?? global.key,
    meter: local.meter ?? global.meter,
    seconds: local.seconds ?? global.seconds,
    style: local.style ?? global.style,
    instruments: hasInstruments ? local.instruments : global.instruments,
    excluded: hasInstruments ? local.excluded : global.excluded,
    only: hasInstruments ? local.only : global.only,
    density: local.density ?? global.density,
    dynamics: local.dynamics ?? global.dynamics,
    notes: local.notes,
  };
}
