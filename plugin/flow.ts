/**
 * Generate, from prompt to a take ready to audition, against the host interface: read the timeline (the
 * picture's cuts in the span become hits) and the prompt sources (a transcript's lines become speech the
 * music makes room for), compose, render (in slices, with real progress and Cancel; with the stems when
 * asked), save the WAV, its `.json` and the stems under fresh names and import them into the Audiogenesis
 * bin. Placing (or replacing the placed take) is a separate step, one undoable transaction (`placing.ts`).
 * Every failure is a typed error with a plain message, and nothing the user has is overwritten.
 */
import type { ComposeResult } from '../core/compose';
import type { ComposeOverrides } from '../core/overrides';
import { resultDocument } from '../core/compose';
import { CancelledError, HostError } from '../core/errors';
import type { Role } from '../core/sequence';
import { ROLES } from '../core/sequence';
import type { Engine, JobOptions, RenderedAudio, RenderedStems } from './engine';
import { isDiskFull } from './errors';
import type { PremiereHost } from './host/types';
import { resultName } from '../core/naming';
import { basename, joinPath, outputFolder, uniqueBase } from './naming';
import type { ClipTranscript, PromptInput, PromptSources } from './prompt';
import { buildPrompt } from './prompt';
import type { TimelineContext, TimelineSpan } from './timeline';
import { CUT_TOLERANCE, readTimeline } from './timeline';

/** The stages the progress bar walks through. */
export type Stage = 'embed' | 'generate' | 'render' | 'import' | 'done';

/** One progress report. */
export interface Progress {
  stage: Stage;
  /** 0..1 over the whole flow. */
  fraction: number;
  text: string;
}

const STAGES: Record<Stage, { fraction: number; text: string }> = {
  embed: { fraction: 0.02, text: 'Reading the timeline and the prompt…' },
  generate: { fraction: 0.08, text: 'Writing the notes…' },
  render: { fraction: 0.3, text: 'Rendering the audio…' },
  import: { fraction: 0.92, text: 'Saving and importing…' },
  done: { fraction: 1, text: 'Ready to audition.' },
};

/** What the editor set in the panel. */
export interface GenerateSettings {
  sources: PromptSources;
  /** Length in seconds; default: the timeline span's. */
  seconds?: number;
  /** Variation. Default 1. */
  seed?: number;
  temperature?: number;
  loop?: boolean;
  overrides?: ComposeOverrides;
  /** Land a hit on each of the picture's cuts in the span. Default true. */
  hitCuts?: boolean;
  /** Render one WAV per role too, and place those instead of the mix. Default false. */
  stems?: boolean;
}

/** The panel's collaborators. */
export interface FlowDeps {
  host: PremiereHost;
  engine: Engine;
  onProgress?: (p: Progress) => void;
  /** Lets the panel repaint between stages. Default: a zero-delay timeout. */
  pause?: () => Promise<void>;
  /** Clock in milliseconds. Default `performance.now`. */
  now?: () => number;
  /** Cancel: the job stops at its next slice with {@link CancelledError}; files written are removed. */
  signal?: { readonly aborted: boolean };
}

/** One stem of a take: a role's WAV, saved beside the mix and imported. */
export interface TakeStem {
  role: Role;
  wavPath: string;
  /** The imported project item. */
  item: string;
}

/** A generated, saved and imported piece (not yet on the timeline). */
export interface Take {
  result: ComposeResult;
  audio: RenderedAudio;
  prompt: PromptInput;
  span: TimelineSpan;
  /** Settings it was made with (seed included), for "Try another". */
  settings: GenerateSettings;
  folder: string;
  /** File name without extension shared by the WAV, the JSON and an exported MIDI. */
  base: string;
  wavPath: string;
  jsonPath: string;
  /** The imported project item. */
  item: string;
  /** The cuts composed to, seconds from the span's start (empty when none, or not asked for). */
  cuts: number[];
  /** The stems, in the order of `ROLES`, when asked for: placing lays these instead of the mix. */
  stems?: TakeStem[];
  /** Milliseconds per stage, and `total`. */
  timings: Partial<Record<Stage | 'total', number>>;
}

/** The name of the project bin the music is imported into. */
export const BIN_NAME = 'Audiogenesis';

const defaultPause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const defaultNow = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * Writes new files in order; on a failure removes the files this call wrote completely (the host leaves
 * no partial file of its own, and never touches an existing one) and throws a plain
 * {@link HostError} (`disk-full` or `write-failed`): nothing is imported then.
 */
export async function writeAll(
  host: PremiereHost,
  folder: string,
  files: [string, Uint8Array][],
): Promise<void> {
  const created: string[] = [];
  try {
    await host.files.makeFolder(folder);
    for (const [path, data] of files) {
      await host.files.writeNew(path, data);
      created.push(path);
    }
  } catch (cause) {
    for (const path of created) await host.files.remove(path).catch(() => undefined);
    if (isDiskFull(cause))
      throw new HostError(
        `The disk is full: the music could not be saved in ${folder}. Free some space and try again. Nothing was imported.`,
        'disk-full',
        { cause },
      );
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new HostError(
      `The music could not be saved in ${folder} (${why}). Nothing was imported.`,
      'write-failed',
      { cause },
    );
  }
}

async function readTranscripts(host: PremiereHost, clips: { id: string }[]): Promise<ClipTranscript[]> {
  const out: ClipTranscript[] = [];
  for (const clip of clips) {
    const json = await host.transcript(clip.id);
    if (json) out.push({ clip: clip as ClipTranscript['clip'], json });
  }
  return out;
}

/**
 * The whole job up to the audition: timeline and prompt in, a saved and imported take out.
 * @throws {HostError} `no-project`, `no-sequence`, `disk-full`, `write-failed` or `import-failed`;
 *   {@link PromptError} when the sources hold no text; {@link CancelledError} when cancelled.
 */
export async function makeTake(deps: FlowDeps, settings: GenerateSettings): Promise<Take> {
  const { host, engine } = deps;
  const pause = deps.pause ?? defaultPause;
  const now = deps.now ?? defaultNow;
  const timings: Take['timings'] = {};
  const t0 = now();
  let mark = t0;
  let current: Stage | null = null;
  const stage = async (s: Stage): Promise<void> => {
    const t = now();
    if (current) timings[current] = t - mark;
    mark = t;
    current = s;
    deps.onProgress?.({ stage: s, ...STAGES[s] });
    if (s !== 'done') await pause();
  };
  const job = (from: Stage, to: Stage, text: string): JobOptions => ({
    pause,
    signal: deps.signal,
    onProgress: (f) => {
      const a = STAGES[from].fraction;
      deps.onProgress?.({ stage: from, fraction: a + (STAGES[to].fraction - a) * f, text });
    },
  });

  await stage('embed');
  const timeline = await readTimeline(host);
  const transcripts = settings.sources.transcript ? await readTranscripts(host, timeline.clips) : [];
  const prompt = buildPrompt(settings.sources, timeline, transcripts);
  const seed = settings.seed ?? 1;
  const seconds = settings.seconds ?? timeline.span.seconds;
  const cuts = settings.hitCuts === false ? [] : timeline.cuts.filter((t) => t < seconds - CUT_TOLERANCE);
  const picture = {
    ...(cuts.length > 0 && { cuts }),
    ...(prompt.speech && { speech: prompt.speech }),
  };

  await stage('generate');
  const result = await engine.compose(
    {
      prompt: prompt.prompt,
      markers: prompt.markers,
      seconds,
      seed,
      temperature: settings.temperature,
      loop: settings.loop,
      overrides: settings.overrides,
      ...picture,
    },
    job('generate', 'render', STAGES.generate.text),
  );

  await stage('render');
  const rendering = job('render', 'import', STAGES.render.text);
  const rendered: RenderedStems = settings.stems
    ? await engine.renderStems(result, rendering)
    : { mix: await engine.render(result, rendering), stems: {} };

  await stage('import');
  if (deps.signal?.aborted) throw new CancelledError();
  const name = resultName(result.prompt, {
    seed,
    temperature: settings.temperature,
    seconds: settings.seconds,
    loop: settings.loop,
    extra: { overrides: settings.overrides, ...(Object.keys(picture).length > 0 && { picture }) },
  });
  const saved = await saveAndImport(deps, timeline, name, rendered, (wav) => ({
    ...resultDocument(result),
    panel: {
      sequence: timeline.sequence.name,
      start: timeline.span.start,
      lengthFrom: settings.seconds !== undefined ? 'panel' : timeline.span.source,
      read: prompt.read,
      cuts: cuts.length,
      wav,
    },
  }));

  await stage('done');
  timings.total = now() - t0;
  return {
    result,
    audio: rendered.mix,
    prompt,
    span: timeline.span,
    settings: { ...settings, seed },
    ...saved,
    cuts,
    timings,
  };
}

/** The roles of a rendering's stems, in the order of `ROLES`. */
const stemRoles = (r: RenderedStems): Role[] => ROLES.filter((role) => r.stems[role]);

/**
 * Saves the mix, its `.json` and the stems under one fresh name (`<name>.wav`, `<name>.json`,
 * `<name>-<role>.wav`) and imports the WAVs into the Audiogenesis bin.
 * @throws {HostError} `disk-full`, `write-failed` or `import-failed`.
 */
async function saveAndImport(
  deps: FlowDeps,
  timeline: TimelineContext,
  name: string,
  rendered: RenderedStems,
  document: (wav: string) => Record<string, unknown>,
): Promise<Pick<Take, 'folder' | 'base' | 'wavPath' | 'jsonPath' | 'item' | 'stems'>> {
  const { host } = deps;
  const pause = deps.pause ?? defaultPause;
  const roles = stemRoles(rendered);
  const folder = await outputFolder(timeline.project, host.files);
  const base = await uniqueBase(host.files, folder, name, [
    '.wav',
    '.json',
    ...roles.map((r) => `-${r}.wav`),
  ]);
  const wavPath = joinPath(folder, `${base}.wav`);
  const jsonPath = joinPath(folder, `${base}.json`);
  const stemPaths = roles.map((role) => ({ role, wavPath: joinPath(folder, `${base}-${role}.wav`) }));
  const doc = document(basename(wavPath));
  if (stemPaths.length > 0)
    (doc.panel as Record<string, unknown>).stems = Object.fromEntries(
      stemPaths.map((s) => [s.role, basename(s.wavPath)]),
    );
  await pause();
  await writeAll(host, folder, [
    [wavPath, rendered.mix.wav],
    [jsonPath, bytes(JSON.stringify(doc, null, 2))],
    ...stemPaths.map((s): [string, Uint8Array] => [s.wavPath, rendered.stems[s.role]!]),
  ]);
  await pause();
  const bin = await host.ensureBin(BIN_NAME);
  const imported = async (path: string): Promise<string> => {
    const item = (await host.importFile(path, bin)) ? await host.findItem(path, bin) : null;
    if (!item)
      throw new HostError(
        `Premiere Pro did not import ${basename(path)}. It is saved in ${folder}: import it with File > Import.`,
        'import-failed',
      );
    await pause();
    return item;
  };
  const item = await imported(wavPath);
  const stems: TakeStem[] = [];
  for (const s of stemPaths) stems.push({ ...s, item: await imported(s.wavPath) });
  return { folder, base, wavPath, jsonPath, item, ...(stems.length > 0 && { stems }) };
}

/**
 * Writes the take's notes as a `.mid` beside its WAV (a fresh name if one exists) and returns its path.
 * @throws {HostError} `disk-full` or `write-failed`.
 */
export async function exportMidi(host: PremiereHost, take: Take, midi: Uint8Array): Promise<string> {
  const base = await uniqueBase(host.files, take.folder, take.base, ['.mid']);
  const path = joinPath(take.folder, `${base}.mid`);
  await writeAll(host, take.folder, [[path, midi]]);
  return path;
}
