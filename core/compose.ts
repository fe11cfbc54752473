/**
 * The main job as one pure function: a prompt (or timed script, or markers) and a length in, an arranged
 * `NoteSequence` and the plan behind it out. Every host (CLI, Premiere panel, evaluation) calls this;
 * rendering to WAV and writing files stay with the host.
 */
import type { ArrangeOptions } from './arrange/arrange';
import { arrangeWrites } from './arrange/arrange';
import { themeOf } from './arrange/cutdowns';
import type { ArrangementPlan } from './arrange/plan';
import { embed, embedMarkers, toJson } from './embed';
import type { EmbedOptions, EmbedResult, MarkerInput, TimeSpan } from './embed/types';
import { PromptError } from './errors';
import type { ComposeOverrides } from './overrides';
import { applyOverrides } from './overrides';
import { checkedPicture } from './picture-request';

export { MAX_CUTDOWNS } from './picture-request';
import type { MusicModel } from './model/model';
import type { Writes } from './model/writes';
import { runWrites } from './model/writes';
import type { NoteSequence, Role, Seconds } from './sequence';
import { PITCH_CLASS_NAMES, ROLES } from './sequence';

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
  /** False: the model alone under the plan, every arranger rule off (for evaluation). Default true. */
  rules?: boolean;
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
  /** What the editor forced over the prompt (already applied to `embedding`, `plan` and the music). */
  overrides: ComposeOverrides;
  /** Roles that play somewhere in the piece. */
  roles: Role[];
  /** The cutdowns asked for, in the order asked (each a whole result of its own). */
  cutdowns?: ComposeResult[];
}

/** Shortest and longest piece, in seconds. */
export const SECONDS_RANGE = [1, 600] as const;

/** The length of a piece when neither the request nor the prompt gives one, in seconds. */
export const DEFAULT_SECONDS = 30;

const LENGTH_LINE = /^length /;
const withLine = (lines: string[], line: string): string[] => [
  line,
  ...lines.filter((l) => !LENGTH_LINE.test(l)),
];

/**
 * The embedding with the length the piece will have, and an explanation line that says where it comes
 * from (the request, the prompt, the timed input or the default).
 * @throws {PromptError} (field `seconds`) when the length is out of {@link SECONDS_RANGE}, pointing at
 * what asked for it.
 */
function lengthExplained(e: EmbedResult, given: Seconds | undefined): EmbedResult {
  const [shortest, longest] = SECONDS_RANGE;
  const range = `a piece lasts ${shortest} to ${longest} seconds`;
  const asked = e.adjustments.find((a) => a.field === 'seconds')?.asked ?? e.seconds;
  const source = e.lengthSource;
  const what =
    source?.from === 'prompt'
      ? `the prompt asks for ${asked} s ("${source.text}")`
      : `the timed input runs ${asked} s`;
  if (given !== undefined) {
    if (!(given >= shortest && given <= longest))
      throw new PromptError(
        `the length must be from ${shortest} to ${longest} seconds (got ${given})`,
        'seconds',
      );
    const note = source && asked !== given ? `; ${what}` : '';
    return {
      ...e,
      seconds: given,
      explanation: withLine(e.explanation, `length ${given} s: given with the request${note}`),
    };
  }
  if (e.seconds === null)
    return {
      ...e,
      seconds: DEFAULT_SECONDS,
      explanation: withLine(
        e.explanation,
        `length ${DEFAULT_SECONDS} s: default (the prompt asks for no length)`,
      ),
    };
  if (!(asked! >= shortest && asked! <= longest))
    throw new PromptError(
      `${what}, but ${range}: ${source?.from === 'prompt' ? 'change it in the prompt' : 'shorten the script'}`,
      'seconds',
    );
  return e;
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
  return runWrites(model, composeWrites(model.version, req));
}

/**
 * {@link compose} as a job ({@link Writes}) for a model of `version`: it yields each request for the model
 * and receives the notes, so `compose` and `composeAsync` (`core/compose-async.ts`) give the same result.
 * @throws {PromptError} as {@link compose}, at its first step.
 */
export function* composeWrites(version: string, req: ComposeRequest): Writes<ComposeResult> {
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
  const embedding = lengthExplained(applyOverrides(raw, req.overrides), req.seconds);
  const seconds = embedding.seconds ?? DEFAULT_SECONDS;
  const picture = checkedPicture(req, embedding, SECONDS_RANGE);
  const prompt =
    req.prompt ?? (req.markers ?? []).map((m) => [m.name, m.comments].filter(Boolean).join(': ')).join('\n');
  const base = { seed, temperature, loop: req.loop ?? false, rules: req.rules ?? true };
  const one = function* (o: Omit<ArrangeOptions, keyof typeof base>, e = embedding): Writes<ComposeResult> {
    const { sequence, plan } = yield* arrangeWrites(e, { ...base, ...o });
    sequence.meta = { ...sequence.meta, prompt: prompt.slice(0, 500), seed, model: version };
    return {
      prompt,
      sequence,
      embedding: e,
      plan,
      seed,
      temperature,
      model: version,
      seconds: plan.seconds,
      tempo: plan.tempo,
      key: `${PITCH_CLASS_NAMES[plan.key.tonic]} ${plan.key.mode}`,
      overrides: { ...req.overrides },
      roles: ROLES.filter((r) => plan.sections.some((s) => s.roles.includes(r))),
    };
  };
  const main = yield* one({ seconds, cuts: picture.cuts, speech: picture.speech });
  if (picture.cutdowns.length === 0) return main;
  const theme = themeOf(main.sequence, main.plan);
  main.cutdowns = [];
  for (const c of picture.cutdowns)
    main.cutdowns.push(yield* one({ ...c, theme }, rescaled(embedding, c.seconds)));
  return main;
}

/**
 * The embedding of a cutdown `seconds` long: its timed parts moved in proportion (a cutdown keeps the arc),
 * its length that of the cutdown.
 */
function rescaled(e: EmbedResult, seconds: Seconds): EmbedResult {
  const factor = seconds / (e.seconds ?? seconds);
  const at = (t: number): number => Math.round(t * factor * 1000) / 1000;
  return {
    ...e,
    seconds,
    explanation: withLine(e.explanation, `length ${seconds} s: a cutdown of the ${e.seconds} s piece`),
    segments: e.segments.map((s) => ({ ...s, start: at(s.start), end: at(s.end) })),
  };
}

/** Results are named by `core/naming.ts` (`resultName`, `slug`); kept here for the hosts that import it. */
export { slug, resultName } from './naming';

/**
 * The `.json` document written beside each result: prompt, seed, model version, reading, plan, notes. Its
 * tempo, key, style and roles are those of the music (an editor's overrides included), never the prompt's
 * reading alone.
 */
export function resultDocument(r: ComposeResult): Record<string, unknown> {
  return {
    prompt: r.prompt,
    seed: r.seed,
    temperature: r.temperature,
    model: r.model,
    seconds: r.seconds,
    tempo: r.tempo,
    key: r.key,
    style: r.plan.style,
    roles: r.roles,
    overrides: r.overrides,
    embedding: toJson(r.embedding),
    plan: r.plan,
    sequence: r.sequence,
  };
}
