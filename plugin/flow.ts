/**
 * Generate, from prompt to a take ready to audition, against the host interface: read the timeline and the
 * prompt sources, compose, render (in slices, with real progress and Cancel), save the WAV and its `.json`
 * under fresh names and import it into the Audiogenesis bin. Placing (or replacing the placed take) is a
 * separate step, one undoable transaction (`placing.ts`). Every failure is a typed error with a plain
 * message, and nothing the user has is overwritten.
 */
import type { ComposeOverrides, ComposeResult } from '../core/compose';
import { resultDocument } from '../core/compose';
import { CancelledError, HostError } from '../core/errors';
import type { Engine, JobOptions, RenderedAudio } from './engine';
import { isDiskFull } from './errors';
import type { PremiereHost } from './host/types';
import { resultName } from '../core/naming';
import { basename, joinPath, outputFolder, uniqueBase } from './naming';
import type { ClipTranscript, PromptInput, PromptSources } from './prompt';
import { buildPrompt } from './prompt';
import type { TimelineSpan } from './timeline';
import { readTimeline } from './timeline';

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

  await stage('generate');
  const result = await engine.compose(
    {
      prompt: prompt.prompt,
      markers: prompt.markers,
      seconds: settings.seconds ?? timeline.span.seconds,
      seed,
      temperature: settings.temperature,
      loop: settings.loop,
      overrides: settings.overrides,
    },
    job('generate', 'render', STAGES.generate.text),
  );

  await stage('render');
  const audio = await engine.render(result, job('render', 'import', STAGES.render.text));

  await stage('import');
  if (deps.signal?.aborted) throw new CancelledError();
  const folder = await outputFolder(timeline.project, host.files);
  const base = await uniqueBase(
    host.files,
    folder,
    resultName(result.prompt, {
      seed,
      temperature: settings.temperature,
      seconds: settings.seconds,
      loop: settings.loop,
      extra: { overrides: settings.overrides },
    }),
    ['.wav', '.json'],
  );
  const wavPath = joinPath(folder, `${base}.wav`);
  const jsonPath = joinPath(folder, `${base}.json`);
  const doc = {
    ...resultDocument(result),
    panel: {
      sequence: timeline.sequence.name,
      start: timeline.span.start,
      lengthFrom: settings.seconds !== undefined ? 'panel' : timeline.span.source,
      read: prompt.read,
      wav: basename(wavPath),
    },
  };
  const json = bytes(JSON.stringify(doc, null, 2));
  await pause();
  await writeAll(host, folder, [
    [wavPath, audio.wav],
    [jsonPath, json],
  ]);
  await pause();
  const bin = await host.ensureBin(BIN_NAME);
  const notImported = (): HostError =>
    new HostError(
      `Premiere Pro did not import ${basename(wavPath)}. It is saved in ${folder}: import it with File > Import.`,
      'import-failed',
    );
  if (!(await host.importFile(wavPath, bin))) throw notImported();
  await pause();
  const item = await host.findItem(wavPath, bin);
  if (!item) throw notImported();

  await stage('done');
  timings.total = now() - t0;
  return {
    result,
    audio,
    prompt,
    span: timeline.span,
    settings: { ...settings, seed },
    folder,
    base,
    wavPath,
    jsonPath,
    item,
    timings,
  };
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
