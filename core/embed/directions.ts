/**
 * Narration versus instructions. The words of a script, subtitles or a transcript are the ad's copy: they
 * are mood evidence for their own part, never settings. Only musical directions written into the copy
 * ("120 bpm", "in D minor", "in 3/4", "solo piano", "no drums", "jazz music") are instructions; "slow",
 * "quiet" or "a rock-solid deal" are not.
 */
import type { StyleRequest } from './style';
import { findStyle } from './style';
import type { ExplicitRequests, Mood } from './types';

/** A tempo the copy states as a direction: figures, "tempo ...", or an Italian marking. */
const TEMPO_DIRECTION =
  /\d|^(?:tempo|bpm)\b|\b(?:prestissimo|presto|vivacissimo|vivace|allegretto|allegro|moderato|andantino|andante|adagietto|adagio|larghetto|lento|largo)\b/;
/** A meter the copy states as a direction: a fraction or "... time". */
const METER_DIRECTION = /\d|\btime\b|\bmet(?:er|re)\b/;
/** Words after (or before) a style name that make it a musical direction ("jazz music", "style: funk"). */
const MUSIC_NOUN =
  /\b(?:music|track|beat|beats|style|song|score|groove|tune|soundtrack|instrumental|band|bed|vibe|feel|genre)\b/;

/** Style words tried in one narrated part. */
const MAX_STYLE_WORDS = 4;

/**
 * The first style a narrated part (lower case) names as music, next to a music word ("jazz music", "a
 * funk track", "style: rock"); style words used as copy ("jazz up your kitchen") are passed over.
 */
function narratedStyle(lower: string): StyleRequest | undefined {
  let text = lower;
  for (let k = 0; k < MAX_STYLE_WORDS; k++) {
    const found = findStyle(text);
    if (!found) return undefined;
    const at = text.indexOf(found.text);
    if (MUSIC_NOUN.test(text.slice(Math.max(0, at - 12), at + found.text.length + 16))) return found;
    text = text.slice(0, at) + ' '.repeat(found.text.length) + text.slice(at + found.text.length);
  }
  return undefined;
}

/**
 * The musical directions among the requests found in one narrated part (`lower` is its lower-case
 * text). Everything else (tempo and dynamics words, plain instrument mentions, style words used as
 * copy) is left to the mood, with a note saying so.
 */
export function directionsOnly(r: ExplicitRequests, lower: string, label: string): ExplicitRequests {
  const notes = [...r.notes];
  const copy = (text: string, what: string): void => {
    notes.push(`${label}: "${text}" is the copy's word, read as mood (not a ${what} instruction)`);
  };
  const tempo = r.tempo && TEMPO_DIRECTION.test(r.tempo.text) ? r.tempo : undefined;
  if (r.tempo && !tempo) copy(r.tempo.text, 'tempo');
  const meter = r.meter && METER_DIRECTION.test(r.meter.text) ? r.meter : undefined;
  if (r.meter && !meter) copy(r.meter.text, 'meter');
  const style = r.style && narratedStyle(lower);
  if (r.style && style?.text !== r.style.text) copy(r.style.text, 'style');
  if (r.dynamics) copy(r.dynamics.text, 'dynamics');
  if (r.density) copy(r.density.text, 'density');
  // Instruments direct only when exclusive ("solo piano", "strings only") or excluded ("no drums").
  const instruments = r.only ? r.instruments : [];
  return {
    tempo,
    key: r.key,
    meter,
    seconds: r.seconds,
    style,
    instruments,
    excluded: r.excluded,
    only: r.only,
    notes,
  };
}

/** Arousal a tempo word of the copy lends its part's mood ("slow" calms, "fast" excites). */
const TEMPO_WORD_AROUSAL = 0.5;

/**
 * The mood of a narrated part with the tempo word its copy used ("slow", "fast-paced"), if any, counted
 * as mood evidence: the lexicon leaves tempo words out because elsewhere they are instructions.
 */
export function withCopyTempo(mood: Mood, found: ExplicitRequests, kept: ExplicitRequests): Mood {
  if (!found.tempo || kept.tempo || !mood.totals) return mood;
  const arousal = found.tempo.bpm < 100 ? -TEMPO_WORD_AROUSAL : TEMPO_WORD_AROUSAL;
  const [vw, v, aw, a] = mood.totals;
  const lift = mood.arousal - (a > 0 ? aw / a : 0);
  const totals = [vw, v, aw + arousal, a + 1];
  const round2 = (x: number): number => Math.round(x * 100) / 100;
  return {
    ...mood,
    arousal: round2(Math.max(-1, Math.min(1, totals[2] / totals[3] + lift))),
    hits: [...mood.hits, { text: found.tempo.text, valence: 0, arousal, weight: 1 }],
    totals,
  };
}
