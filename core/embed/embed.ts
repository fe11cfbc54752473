/**
 * The embedder: a prompt, ad script, SRT, marker list or transcript in; one {@link Conditioning} plus timed
 * segments (a mood arc) out, as the JSON the CLI prints and the panel shows. Never throws.
 */
import { defaultConditioning, conditioningVector } from '../conditioning';
import type { Conditioning } from '../conditioning';
import { PITCH_CLASS_NAMES } from '../sequence';
import { resolve } from './attributes';
import { directionsOnly, withCopyTempo } from './directions';
import { findExplicit, mergeExplicit } from './explicit';
import { combineMoods, scoreMood } from './mood';
import { cleanText, tokenize } from './text';
import { droppedNotes, readMarkerList } from './formats';
import type { InputKind } from './formats';
import { limitCues, readTimed } from './timed';
import type { Adjustment, Cue, EmbedOptions, EmbedResult, EmbedSegment, MarkerInput, Mood } from './types';

/** Defaults of {@link EmbedOptions}. */
export const EMBED_DEFAULTS: Required<EmbedOptions> = {
  maxChars: 200_000,
  maxSegments: 64,
  wordsPerSecond: 2.5,
  detectTimed: true,
};

const HAS_CONTENT = /[\p{L}\p{N}\p{Extended_Pictographic}]/u;

/** The result for a prompt with nothing to read: {@link defaultConditioning} and a note. */
export function neutralResult(note: string): EmbedResult {
  const c = defaultConditioning();
  return {
    tempo: c.tempo,
    key: { tonic: PITCH_CLASS_NAMES[c.key.tonic], mode: c.key.mode },
    meter: `${c.meter.numerator}/${c.meter.denominator}`,
    valence: c.valence,
    arousal: c.arousal,
    density: c.density,
    dynamics: c.dynamics,
    register: c.register,
    instruments: [],
    drums: c.roles.includes('drums'),
    style: c.style,
    seconds: null,
    segments: [],
    vector: conditioningVector(c),
    sources: {
      tempo: 'implicit',
      key: 'implicit',
      meter: 'implicit',
      style: 'implicit',
      instruments: 'implicit',
    },
    statedBpm: null,
    exclusive: false,
    explanation: [note],
    adjustments: [],
    lengthSource: null,
    conditioning: c,
  };
}

type Requests = ReturnType<typeof findExplicit>;
const NO_REQUESTS: Requests = { instruments: [], excluded: [], only: false, notes: [] };

/** One timed part read on its own: cleaned text, requests and mood. */
interface Part {
  cue: Cue;
  text: string;
  requests: Requests;
  mood: Mood;
}

/** Input whose words are the ad's copy (spoken or subtitled), not an editor's notes. */
const NARRATION: readonly InputKind[] = ['srt', 'transcript', 'script'];

/** Reads one part; in narration only musical directions count as requests (see {@link directionsOnly}). */
function readPart(cue: Cue, index: number, narration: boolean): Part {
  const text = cleanText(cue.text).replace(/\s+/g, ' ').trim();
  const tokens = tokenize(text);
  const found = findExplicit(text, tokens);
  if (!narration) return { cue, text, requests: found, mood: scoreMood(tokens) };
  const requests = directionsOnly(found, text.toLowerCase(), `part ${index + 1}`);
  return { cue, text, requests, mood: withCopyTempo(scoreMood(tokens), found, requests) };
}

/**
 * The requests of timed input, part by part: a key, tempo or meter holds from its part on (until another
 * part states one); other directions (instruments, dynamics, density) hold for their own part; the style
 * and length asked anywhere hold for the whole piece.
 */
function scopedRequests(parts: readonly Part[], whole: Requests): Requests[] {
  let carried: Requests = { ...NO_REQUESTS, style: whole.style, seconds: whole.seconds };
  return parts.map((p) => {
    const own = mergeExplicit(carried, p.requests);
    carried = { ...carried, tempo: own.tempo, key: own.key, meter: own.meter };
    return own;
  });
}

/** Requests of untimed input: every part's carry on to the parts after it. */
function carriedRequests(parts: readonly Part[]): Requests[] {
  let carried = NO_REQUESTS;
  return parts.map((p) => {
    const own = mergeExplicit(carried, p.requests);
    carried = { ...own, notes: [] };
    return own;
  });
}

/** A segment: its scoped requests and its own mood (or the script's). */
function segmentOf(part: Part, scoped: Requests, globalMood: Mood): EmbedSegment {
  const requests = { ...scoped, notes: part.requests.notes };
  const inherited = part.mood.hits.length === 0;
  const mood = inherited ? { ...globalMood, hits: [] } : part.mood;
  const { conditioning, attributes } = resolve(requests, mood);
  if (inherited)
    attributes.explanation[requests.notes.length] =
      "mood: no mood words in this segment; the script's mood is used";
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    start: r(part.cue.start),
    end: r(part.cue.end),
    text: part.text.slice(0, 200),
    ...attributes,
    conditioning,
  };
}

/** The requests whose value as written was changed. */
function adjustmentsOf(explicit: Requests): Adjustment[] {
  const out: Adjustment[] = [];
  const { tempo, seconds } = explicit;
  if (tempo?.asked !== undefined && tempo.note)
    out.push({ field: 'tempo', text: tempo.text, asked: tempo.asked, used: tempo.bpm, note: tempo.note });
  if (seconds?.asked !== undefined && seconds.note)
    out.push({
      field: 'seconds',
      text: seconds.text,
      asked: seconds.asked,
      used: seconds.value,
      note: seconds.note,
    });
  return out;
}

function embedCues(
  whole: string,
  kind: InputKind,
  cues: Cue[],
  timed: boolean,
  notes: string[],
  opts: Required<EmbedOptions>,
): EmbedResult {
  const text = cleanText(whole);
  if (!HAS_CONTENT.test(text))
    return neutralResult(
      [...notes, 'empty prompt: neutral defaults (100 bpm, C major, 4/4, pop)'].join('; '),
    );
  const kept = limitCues(cues, opts.maxSegments);
  if (kept.length < cues.length)
    notes.push(`${cues.length} ${kind} parts merged into ${kept.length} segments`);
  // Timed input is read once, part by part; the whole takes the first request of each kind and the summed
  // mood, except that a timed part's key, tempo or meter starts where that part starts.
  const narration = NARRATION.includes(kind);
  const parts = kept.map((cue, i) => readPart(cue, i, narration));
  let explicit: Requests;
  let mood: Mood;
  if (parts.length > 0) {
    explicit = parts.reduceRight<Requests>((acc, p) => mergeExplicit(acc, p.requests), NO_REQUESTS);
    explicit.notes = parts.flatMap((p) => p.requests.notes);
    if (timed) {
      const first = parts[0].requests;
      explicit = { ...explicit, tempo: first.tempo, key: first.key, meter: first.meter };
    }
    mood = combineMoods(parts.map((p) => p.mood));
  } else {
    const tokens = tokenize(text);
    explicit = findExplicit(text, tokens);
    mood = scoreMood(tokens);
  }
  const { conditioning, attributes } = resolve(explicit, mood);
  const scoped = timed ? scopedRequests(parts, explicit) : carriedRequests(parts);
  const segments = parts.map((part, i) => segmentOf(part, scoped[i], mood));
  const last = cues.length > 0 ? Math.max(...cues.map((c) => c.end)) : null;
  const seconds = explicit.seconds?.value ?? (timed ? last : null);
  const why = [...notes];
  if (kind !== 'prompt')
    why.push(
      `read as ${kind}: ${segments.length} segment${segments.length === 1 ? '' : 's'}${timed ? '' : ' timed by speaking rate'}`,
    );
  if (explicit.seconds)
    why.push(explicit.seconds.note ?? `length ${seconds} s: asked for ("${explicit.seconds.text}")`);
  else if (seconds !== null) why.push(`length ${seconds} s: end of the timed input`);
  const explanation = [...why, ...attributes.explanation];
  const lengthSource = explicit.seconds
    ? { from: 'prompt' as const, text: explicit.seconds.text }
    : seconds !== null
      ? { from: 'timed' as const }
      : null;
  return {
    ...attributes,
    explanation,
    adjustments: adjustmentsOf(explicit),
    lengthSource,
    seconds,
    segments,
    conditioning,
  };
}

/**
 * Embeds a prompt. Ad scripts, SRT/VTT, marker or transcript JSON and time-coded lines are detected and
 * yield segments; a single sentence yields none. Hostile input (empty, huge, HTML, control characters)
 * never throws: the worst case is {@link neutralResult} with a note.
 */
export function embed(prompt: string, options: EmbedOptions = {}): EmbedResult {
  const opts = { ...EMBED_DEFAULTS, ...options };
  try {
    let raw = typeof prompt === 'string' ? prompt : String(prompt ?? '');
    const notes: string[] = [];
    if (raw.length > opts.maxChars) {
      notes.push(`prompt is ${raw.length} characters: only the first ${opts.maxChars} were read`);
      raw = raw.slice(0, opts.maxChars);
    }
    if (!opts.detectTimed) return embedCues(raw, 'prompt', [], false, notes, opts);
    const lengthHint = findExplicit(cleanText(raw.slice(0, 2000)), []).seconds?.value ?? null;
    const input = readTimed(raw, opts.wordsPerSecond, lengthHint);
    notes.push(...input.notes);
    const whole =
      input.kind === 'markers' || input.kind === 'transcript'
        ? input.cues.map((c) => c.text).join('. ')
        : raw;
    const result = embedCues(whole, input.kind, input.cues, input.timed, notes, opts);
    return input.cuts ? { ...result, cuts: input.cuts } : result;
  } catch (err) {
    return neutralResult(
      `the prompt could not be read (${err instanceof Error ? err.message : 'unknown error'}): neutral defaults`,
    );
  }
}

/** Embeds a marker list ({name, comments, start, duration}; times in seconds or time codes). */
export function embedMarkers(markers: readonly MarkerInput[], options: EmbedOptions = {}): EmbedResult {
  const opts = { ...EMBED_DEFAULTS, ...options };
  try {
    const reading = readMarkerList(Array.isArray(markers) ? markers : []);
    const notes = [...reading.notes, ...droppedNotes({ kind: 'markers', dropped: reading.dropped })];
    const cues = reading.cues;
    return embedCues(cues.map((c) => c.text).join('. '), 'markers', cues, true, notes, opts);
  } catch (err) {
    return neutralResult(
      `the markers could not be read (${err instanceof Error ? err.message : 'unknown error'}): neutral defaults`,
    );
  }
}

/** The JSON of a result as the CLI prints it: everything but the internal `conditioning` objects. */
export function toJson(
  result: EmbedResult,
): Omit<EmbedResult, 'conditioning' | 'segments'> & { segments: Omit<EmbedSegment, 'conditioning'>[] } {
  const { conditioning: _c, segments, ...rest } = result;
  return { ...rest, segments: segments.map(({ conditioning: _s, ...s }) => s) };
}

/** The {@link Conditioning} of a result (what the arranger and model read). */
export function conditioningOf(result: EmbedResult): Conditioning {
  return result.conditioning;
}
