/**
 * core/embed: text -> {@link Conditioning}. Ad language, explicit musical requests and timed scripts in;
 * conditioning, segments and a readable explanation out. Pure: no host APIs; the lexicon ships as JSON.
 */
export { embed, embedMarkers, toJson, conditioningOf, neutralResult, EMBED_DEFAULTS } from './embed';
export { findExplicit } from './explicit';
export { scoreMood } from './mood';
export { lookup, LEXICON_SIZE } from './lexicon';
export { cleanText, tokenize, parseTime } from './text';
export { readTimed, readSpeech, speechSpans } from './timed';
export type { SpeechReading } from './timed';
export {
  parseSrt,
  parseMarkers,
  parseTranscript,
  parseCodedLines,
  readScript,
  detectFormat,
  cutsOf,
} from './formats';
export type { ScriptReading, ScriptFormat, DroppedCue } from './formats';
export { STYLE_TEMPO, STYLE_INSTRUMENTS } from './attributes';
export { TEMPO_RANGE } from './tempo';
export { LENGTH_RANGE } from './length';
export type * from './types';
export type { TimedInput } from './timed';
export type { InputKind } from './formats';
