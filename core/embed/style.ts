/** Explicit style requests, mapped onto {@link STYLES}: "lo-fi" -> lofi, "hip hop" -> hiphop, "EDM" -> electronic. */
import type { Style } from '../conditioning';

/** A style request. */
export interface StyleRequest {
  style: Style;
  text: string;
}

const RULES: [RegExp, Style][] = [
  [/\blo[\s-]?fi\b|\bchillhop\b/, 'lofi'],
  [/\bhip[\s-]?hop\b|\brap\b|\bboom[\s-]bap\b|\btrap (?:beat|music|style)\b|\bgrime\b/, 'hiphop'],
  [
    /\b(?:drum (?:and|n|&) bass|dnb|edm|techno|electronica?|electro|synthwave|synth[\s-]?pop|dubstep|trance|idm|chillwave|(?:deep|tech|progressive|future) house|house (?:music|beat|track))\b/,
    'electronic',
  ],
  [/\b(?:cinematic|film score|movie score|trailer music|soundtrack)\b/, 'cinematic'],
  [/\bcorporate\b/, 'corporate'],
  [/\b(?:orchestral|orchestra|symphonic|symphony|classical)\b/, 'orchestral'],
  [/\b(?:funk|funky|disco)\b/, 'funk'],
  [/\b(?:jazz|jazzy|bebop|big band|swing (?:music|jazz|band|era))\b/, 'jazz'],
  [/\b(?:latin|salsa|samba|bossa nova|reggaeton|tango|cumbia|mambo|flamenco)\b/, 'latin'],
  [/\b(?:reggae|ska|dancehall)\b/, 'reggae'],
  [/\b(?:soul|r&b|rnb|motown|gospel)\b(?<!\bbody and soul)/, 'soul'],
  [/\b(?:blues|bluesy)\b(?<!\b(?:monday|winter|holiday|january) blues)/, 'blues'],
  [/\b(?:bluegrass|country (?:music|song|style|twang|guitar|band))\b|^country\b/, 'country'],
  [/\bambient\b/, 'ambient'],
  [
    /\b(?:rock(?! (?:climbing|solid|bottom))|punk|grunge|heavy metal|metal (?:music|band)|rock 'n' roll)\b/,
    'rock',
  ],
  [/\b(?:k-pop|pop)\b(?![\s-]?(?:up|ups|corn|ping)\b)/, 'pop'],
  [/\b(?:acoustic|folk|unplugged|singer[\s-]songwriter)\b/, 'acoustic'],
];
const WEAK = /^acoustic$/;

/**
 * Finds the explicit style in lower-case text: the earliest mention, except that "acoustic" before an
 * instrument ("acoustic guitar") yields to any other style named.
 */
export function findStyle(lower: string): StyleRequest | undefined {
  let best: (StyleRequest & { at: number; weak: boolean }) | undefined;
  for (const [re, style] of RULES) {
    const m = re.exec(lower);
    if (!m) continue;
    const weak =
      WEAK.test(m[0]) && /^\s+(?:guitar|piano|bass|drums)/.test(lower.slice(m.index + m[0].length));
    const better = !best || (best.weak && !weak) || (best.weak === weak && m.index < best.at);
    if (better) best = { style, text: m[0], at: m.index, weak };
  }
  return best && { style: best.style, text: best.text };
}
