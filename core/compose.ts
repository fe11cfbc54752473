/**
 * The main job as one pure function: a prompt (or timed script, or markers) and a length in, an arranged
 * `NoteSequence` and the plan behind it out. Every host (CLI, Premiere panel, evaluation) calls this;
 * rendering to WAV and writing files stay with the host.
 */
import type { ArrangeOptions } from './arrange/arrange';
import { arrange } from './arrange/arrange';
import { themeOf } from './arrange/cutdowns';
import type { ArrangementPlan } from './arrange/plan';
import type { Conditioning } from './conditioning';
import { embed, embedMarkers, toJson } from './embed';
import type { EmbedOptions, EmbedResult, MarkerInput, TimeSpan } from './embed/types';
import { PromptError } from './errors';
import type { MusicModel } from './model/model';
import type { NoteSequence, Seconds } from './sequence';
import { PITCH_CLASS_NAMES } from './sequence';

/** Settings an editor may force over what the prompt implies. */
export type ComposeOverrides = Partial<Pick<Conditioning, 'tempo' | 'key' | 'meter' | 'style' | 'roles'>>;

/** What to compose. Give `prompt` (text, SRT, script, marker/transcript JSON) or `markers`. */
export interface ComposeRequest {
  prompt?: string;
  /** Timed markers (Premiere sequence markers); they become the piece's sections. */
  markers?: readonly MarkerInput[];
  /** Length in seconds. Default: a length stated in the prompt, else the timed input's length, else 30. */
  seconds?: Seconds;
  /** Seed: the same request and seed give the same music on every host. Default 1. */
  seed?: number;
  /** Sampling temperature. Default 0.9. */
  temperature?: number;
  /** Make the end flow back into the start. Default false. */
  loop?: boolean;
  overrides?: ComposeOverrides;
  embedOptions?: EmbedOptions;
  /**
   * Edit points of the picture, in seconds (the panel: the clips' edit points in the in/out span): each
   * lands on a beat and is accented. Default: the `cuts` of a marker JSON prompt, else none.
   */
  cuts?: readonly Seconds[];
  /** Spans of speech (a voice-over), in seconds: the music makes room under them. Default none. */
  speech?: readonly TimeSpan[];
  /**
   * Make room for the prompt's own timed parts as speech (a transcript or subtitles: the panel's
   * transcript checkbox). Default false. Ignored when `speech` is given.
   */
  voiceOver?: boolean;
  /**
   * Cutdowns: more versions of the same theme (key, motif, sound, ending sting), one per length, each
   * with its own cuts when given. Default none.
   */
  cutdowns?: readonly (Seconds | CutdownRequest)[];
}

/** One version of a family of cutdowns. */
export interface CutdownRequest {
  seconds: Seconds;
  /** The version's own cuts (seconds); default none. */
  cuts?: readonly Seconds[];
  /** The version's own voice-over spans; default none. */
  speech?: readonly TimeSpan[];
}

/** A composed piece and how it came about. */
export interface ComposeResult {
  prompt: string;
  sequence: NoteSequence;
  embedding: EmbedResult;
  plan: ArrangementPlan;
  seed: number;
  temperature: number;
  /** `name@version` of the model that wrote the notes. */
  model: string;
  /** Length in seconds (equals the plan's target). */
  seconds: Seconds;
  /** Tempo written in the MIDI. */
  tempo: number;
  /** The key as text, e.g. "F# minor". */
  key: string;
  /** The cutdowns asked for, in the order asked (each a whole result of its own). */
  cutdowns?: ComposeResult[];
}

/** Most cutdowns in one request. */
export const MAX_CUTDOWNS = 8;

/** Shortest and longest piece, in seconds. */
export const SECONDS_RANGE = [1, 600] as const;

function applyOverrides(e: EmbedResult, o: ComposeOverrides | undefined): EmbedResult {
  if (!o) return e;
  const set = (c: Conditioning): Conditioning => ({ ...c, ...o });
  const sources = {
    ...e.sources,
    ...(o.tempo !== undefined && { tempo: 'explicit' as const }),
    ...(o.key !== undefined && { key: 'explicit' as const }),
    ...(o.meter !== undefined && { meter: 'explicit' as const }),
    ...(o.style !== undefined && { style: 'explicit' as const }),
    ...(o.roles !== undefined && { instruments: 'explicit' as const }),
  };
  return {
    ...e,
    ...(o.tempo !== undefined && { tempo: o.tempo, statedBpm: o.tempo }),
    sources,
    conditioning: set(e.conditioning),
    segments: e.segments.map((s) => ({ ...s, conditioning: set(s.conditioning) })),
  };
}

/**
 * Embeds the request's text, plans an arrangement of the requested length and writes every role with
 * `model`. Deterministic for a given request, model and seed.
 * With `cutdowns`, the result's `cutdowns` holds one more result per length, all from this piece's theme.
 * @throws {PromptError} when the length or seed is out of range, or there is no prompt (none, or one with
 * no letter or digit) and no markers; when a cut, a speech span or a cutdown length is invalid.
 * @throws {ModelNotReadyError} when `model` was disposed.
 */
export function compose(model: MusicModel, req: ComposeRequest): ComposeResult {
  const seed = req.seed ?? 1;
  const temperature = req.temperature ?? 0.9;
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1)
    throw new PromptError('the seed must be a whole number from 0 to 4294967295');
  if (!(temperature > 0 && temperature <= 3)) throw new PromptError('the temperature must be in (0, 3]');
  if (req.prompt === undefined && req.markers === undefined)
    throw new PromptError('give a prompt or a list of markers');
  if (req.markers === undefined && !/[\p{L}\p{N}]/u.test(req.prompt ?? ''))
    throw new PromptError('the prompt is empty: describe the ad (or give a script, subtitles or markers)');
  const raw = req.markers
    ? embedMarkers(req.markers, req.embedOptions)
    : embed(req.prompt ?? '', req.embedOptions);
  const embedding = applyOverrides(raw, req.overrides);
  const seconds = checkedSeconds(req.seconds ?? embedding.seconds ?? 30);
  const picture = checkedPicture(req, embedding);
  const prompt =
    req.prompt ?? (req.markers ?? []).map((m) => [m.name, m.comments].filter(Boolean).join(': ')).join('\n');
  const base = { seed, temperature, loop: req.loop ?? false };
  const one = (o: Omit<ArrangeOptions, keyof typeof base>, e = embedding): ComposeResult => {
    const { sequence, plan } = arrange(model, e, { ...base, ...o });
    sequence.meta = { ...sequence.meta, prompt: prompt.slice(0, 500), seed, model: model.version };
    const key = `${PITCH_CLASS_NAMES[plan.key.tonic]} ${plan.key.mode}`;
    const { tempo } = plan;
    return {
      prompt,
      sequence,
      embedding: e,
      plan,
      seed,
      temperature,
      model: model.version,
      seconds: plan.seconds,
      tempo,
      key,
    };
  };
  const main = one({ seconds, cuts: picture.cuts, speech: picture.speech });
  if (picture.cutdowns.length === 0) return main;
  const theme = themeOf(main.sequence, main.plan);
  main.cutdowns = picture.cutdowns.map((c) => one({ ...c, theme }, rescaled(embedding, c.seconds / seconds)));
  return main;
}

/**
 * The picture fields of a request, checked before anything is written: cuts (default: the prompt's
 * marker JSON's), speech (given, or the prompt's own timed parts with `voiceOver`), cutdowns.
 * @throws {PromptError} on a bad cut, speech span or cutdown, or more than {@link MAX_CUTDOWNS} cutdowns.
 */
function checkedPicture(
  req: ComposeRequest,
  embedding: EmbedResult,
): {
  cuts: Seconds[];
  speech: TimeSpan[];
  cutdowns: { seconds: Seconds; cuts: Seconds[]; speech: TimeSpan[] }[];
} {
  const spoken = embedding.segments.filter((x) => x.end > x.start);
  const list = (req.cutdowns ?? []).map((c) => (typeof c === 'number' ? { seconds: c } : c));
  if (list.length > MAX_CUTDOWNS) throw new PromptError(`at most ${MAX_CUTDOWNS} cutdowns`);
  return {
    cuts: checkedTimes(req.cuts ?? embedding.cuts ?? [], 'cut'),
    speech: req.speech ? checkedSpans(req.speech) : req.voiceOver ? spoken : [],
    cutdowns: list.map((c) => ({
      seconds: checkedSeconds(c.seconds),
      cuts: checkedTimes(c.cuts ?? [], 'cut'),
      speech: checkedSpans(c.speech ?? []),
    })),
  };
}

/** The embedding with its timed parts moved to a version `factor` times as long (a cutdown keeps the arc). */
function rescaled(e: EmbedResult, factor: number): EmbedResult {
  if (e.segments.length === 0 || factor === 1) return e;
  const at = (t: number): number => Math.round(t * factor * 1000) / 1000;
  return { ...e, segments: e.segments.map((s) => ({ ...s, start: at(s.start), end: at(s.end) })) };
}

/**
 * A length checked against {@link SECONDS_RANGE}.
 * @throws {PromptError} when it is out of range.
 */
function checkedSeconds(seconds: Seconds): Seconds {
  if (!(seconds >= SECONDS_RANGE[0] && seconds <= SECONDS_RANGE[1]))
    throw new PromptError(`the length must be from ${SECONDS_RANGE[0]} to ${SECONDS_RANGE[1]} seconds`);
  return seconds;
}

/**
 * Times checked to be finite and not negative.
 * @throws {PromptError} naming the first bad one.
 */
function checkedTimes(times: readonly Seconds[], what: string): Seconds[] {
  const bad = times.find((t) => typeof t !== 'number' || !Number.isFinite(t) || t < 0);
  if (bad !== undefined)
    throw new PromptError(`a ${what} time must be a number of seconds >= 0 (got ${bad})`);
  return [...times];
}

/**
 * Speech spans checked: finite times, each ending after it starts.
 * @throws {PromptError} naming the first bad span.
 */
function checkedSpans(spans: readonly TimeSpan[]): TimeSpan[] {
  for (const s of spans) {
    checkedTimes([s.start, s.end], 'speech');
    if (!(s.end > s.start))
      throw new PromptError(`a speech span must end after it starts (${s.start}-${s.end} s)`);
  }
  return spans.map((s) => ({ start: s.start, end: s.end }));
}

/**
 * A file-name-safe slug of a prompt or file name (lower case, dashes, at most 40 characters; "music" when
 * nothing is left): every host names its results `<slug>-s<seed>`.
 */
export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return s || 'music';
}

/** The `.json` document written beside each result: prompt, seed, model version, reading, plan, notes. */
export function resultDocument(r: ComposeResult): Record<string, unknown> {
  return {
    prompt: r.prompt,
    seed: r.seed,
    temperature: r.temperature,
    model: r.model,
    seconds: r.seconds,
    tempo: r.tempo,
    key: r.key,
    embedding: toJson(r.embedding),
    plan: r.plan,
    sequence: r.sequence,
  };
}
