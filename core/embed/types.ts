/**
 * Types of the text embedder: what a prompt asks for explicitly, the mood it implies, and the JSON the
 * embedder returns (one conditioning for the whole prompt plus timed segments: a mood arc).
 */
import type { Conditioning, Style } from '../conditioning';
import type { Mode } from '../sequence';

/** Whether an attribute was asked for in the prompt or inferred from its mood. */
export type Source = 'explicit' | 'implicit';

/** Canonical instrument names the embedder recognises (drums are reported by `drums` too). */
export type Instrument =
  | 'piano'
  | 'electric piano'
  | 'organ'
  | 'strings'
  | 'violin'
  | 'cello'
  | 'guitar'
  | 'acoustic guitar'
  | 'electric guitar'
  | 'bass'
  | 'synth'
  | 'pad'
  | 'brass'
  | 'trumpet'
  | 'saxophone'
  | 'flute'
  | 'woodwinds'
  | 'harp'
  | 'choir'
  | 'bells'
  | 'marimba'
  | 'ukulele'
  | 'banjo'
  | 'drums'
  | 'percussion';

/** What the prompt asked for in so many words. Absent fields were not requested. */
export interface ExplicitRequests {
  /** `asked` and `note` are set when the tempo as written was clamped. */
  tempo?: { bpm: number; text: string; asked?: number; note?: string };
  key?: { tonic?: number; tonicName?: string; mode: Mode; text: string };
  meter?: { numerator: number; denominator: number; text: string };
  /** `asked` and `note` are set when the length as written was changed (clamped, or a minus dropped). */
  seconds?: { value: number; text: string; asked?: number; note?: string };
  style?: { style: Style; text: string };
  /** Instruments named as wanted. */
  instruments: Instrument[];
  /** Instruments named as unwanted ("no drums"). */
  excluded: Instrument[];
  /** True when the wanted list is exclusive ("solo piano", "drums only"). */
  only: boolean;
  density?: { value: number; text: string };
  dynamics?: { value: number; text: string };
  /** Readable notes on what was found, clamped or ignored. */
  notes: string[];
}

/** One lexicon hit that moved the mood. */
export interface MoodHit {
  /** The words as written ("not sad", "very calm"). */
  text: string;
  valence: number;
  arousal: number;
  weight: number;
}

/** Valence and arousal of a text, with the words that moved them. */
export interface Mood {
  valence: number;
  arousal: number;
  hits: MoodHit[];
  /** Running sums [valence x weight, weight, arousal x weight, weight], for combining moods. */
  totals?: number[];
  /** Implicit style suggested by subject words ("trailer" -> cinematic), if any. */
  style?: { style: Style; text: string };
  /**
   * Words that name a mode ("dark", "bright"), not negated, with their weight (halved with the other
   * hits before a "but"). Without a stated key, their weighted vote decides the mode.
   */
  modeWords?: ModeWord[];
}

/** A word of a prompt that names a mode. */
export interface ModeWord {
  text: string;
  mode: Mode;
  weight: number;
}

/** A key as the JSON reports it: the tonic as a note name. */
export interface KeyName {
  tonic: string;
  mode: Mode;
}

/** The attributes of one conditioning in the embedder's JSON. */
export interface EmbedAttributes {
  /** Tempo in bpm. */
  tempo: number;
  key: KeyName;
  /** Meter as "4/4". */
  meter: string;
  valence: number;
  arousal: number;
  density: number;
  dynamics: number;
  register: number;
  instruments: Instrument[];
  drums: boolean;
  style: Style;
  /** The numbers the LSTM reads: `conditioningVector(conditioning)`. */
  vector: number[];
  /** Whether tempo, key, meter, style and instruments were asked for or inferred. */
  sources: { tempo: Source; key: Source; meter: Source; style: Source; instruments: Source };
  /** The tempo stated in figures ("120 bpm"), which the arranger keeps exactly; null for words or none. */
  statedBpm: number | null;
  /** True when the prompt's instruments are the only ones wanted ("solo piano", "just strings"). */
  exclusive: boolean;
  /** Which words moved which attribute, for an editor. */
  explanation: string[];
}

/** One timed part of a script: its own conditioning. */
export interface EmbedSegment extends EmbedAttributes {
  /** Start in seconds. */
  start: number;
  /** End in seconds. */
  end: number;
  /** The segment's text (trimmed to 200 characters). */
  text: string;
  conditioning: Conditioning;
}

/** A value the prompt asked for that is not used as written (clamped into range, or reinterpreted). */
export interface Adjustment {
  /** The setting: `tempo` (bpm) or `seconds` (the length). */
  field: 'tempo' | 'seconds';
  /** The prompt's words. */
  text: string;
  /** The value as written. */
  asked: number;
  /** The value used. */
  used: number;
  /** Why, for an editor (also a line of the explanation). */
  note: string;
}

/** The embedder's result: the JSON fields plus the {@link Conditioning} they describe. */
export interface EmbedResult extends EmbedAttributes {
  /** Values asked for in the prompt but changed; every one is also said in `explanation`. */
  adjustments: Adjustment[];
  /** Where `seconds` comes from: the prompt's words, or the end of the timed input; null when none. */
  lengthSource: { from: 'prompt'; text: string } | { from: 'timed' } | null;
  /** Requested length in seconds, or the timed input's length, or null. */
  seconds: number | null;
  segments: EmbedSegment[];
  conditioning: Conditioning;
  /** Edit points (seconds) the input listed (a marker JSON's `cuts`), if any. */
  cuts?: number[];
}

/** A marker (Premiere sequence marker or similar). Times in seconds, or "hh:mm:ss(.fff)" / "mm:ss" strings. */
export interface MarkerInput {
  name?: string;
  comments?: string;
  start: number | string;
  duration?: number | string;
}

/** A span of time in seconds (a line of speech, a shot). */
export interface TimeSpan {
  start: number;
  end: number;
}

/** A piece of timed text, the common form of SRT cues, markers, transcript segments and script sentences. */
export interface Cue {
  start: number;
  end: number;
  text: string;
}

/** Options of the embedder; every field has a default. */
export interface EmbedOptions {
  /** Characters of input read; the rest is ignored with a note. Default 200 000. */
  maxChars?: number;
  /** Most segments returned; neighbours are merged beyond it. Default 64. */
  maxSegments?: number;
  /** Speaking rate used to time an untimed multi-sentence script, words per second. Default 2.5. */
  wordsPerSecond?: number;
  /** Treat the text as timed input (SRT, marker or transcript JSON, script) when it looks like one. Default true. */
  detectTimed?: boolean;
}
