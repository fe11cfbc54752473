/**
 * The music engine inside the panel: the shipped model and SoundFont, read once through an asset reader
 * (the plugin folder in UXP, `fetch` in a browser), then `compose` and `renderWav` as the CLI runs them, so
 * the same prompt and seed give the same music on every host. Rendering shares the UI thread in slices
 * (progress, Cancel); composing runs in a worker where the host has workers (a browser), else on the UI
 * thread in slices too (`composeAsync`).
 */
import type { ComposeRequest, ComposeResult } from '../core/compose';
import { composeAsync } from '../core/compose-async';
import { MusicModel } from '../core/model/model';
import type { RenderOptions, SliceOptions } from '../core/render';
import { decodeSamples, loadSoundBank, prepareSynth, renderStems, renderWav } from '../core/render';
import type { Role } from '../core/sequence';
import { isPackedSoundFont, unpackSoundFontSteps } from '../core/render/sfpack';
import { driveSteps } from '../core/render/steps';
import { slicer } from '../core/render/slice';

/** Reads one file of the plugin's `assets/` folder by its relative path ("model/config.json"). */
export type AssetReader = (path: string) => Promise<Uint8Array>;

/**
 * Where the assets lie inside `assets/`. The SoundFont is the build's PCM copy of the shipped SF3 (UXP has
 * no WebAssembly to decode Vorbis samples), trimmed to the programs the arranger uses and packed as IMA
 * ADPCM (`core/render/sfpack.ts`), decoded here once at load.
 */
export const ASSET_PATHS = {
  model: 'model',
  soundfont: 'soundfont/FluidR3Mono_GM-panel.agsf',
} as const;

/** A rendered piece. */
export interface RenderedAudio {
  wav: Uint8Array;
  seconds: number;
  lufs: number;
  peakDbfs: number;
}

/** A rendered piece and its stems: one 32-bit float WAV per role that plays, summing to the mix before its limiter. */
export interface RenderedStems {
  mix: RenderedAudio;
  stems: Partial<Record<Role, Uint8Array>>;
}

/** How a long job shares the panel: pauses, progress (0..1) and Cancel. */
export type JobOptions = Pick<SliceOptions, 'pause' | 'onProgress' | 'signal' | 'budgetMs'>;

/** Composes off the UI thread (a worker). */
export type Composer = (request: ComposeRequest, job: JobOptions) => Promise<ComposeResult>;

/** Composes and renders with loaded assets. */
export interface Engine {
  /** `name@version` of the model. */
  readonly model: string;
  /** @throws {CancelledError} when `job.signal` is aborted. */
  compose(request: ComposeRequest, job?: JobOptions): Promise<ComposeResult>;
  /** @throws {CancelledError} when `job.signal` is aborted. */
  render(result: ComposeResult, job?: JobOptions): Promise<RenderedAudio>;
  /** The mix as {@link render} makes it, and the stems (`core/render/stems.ts`). @throws {CancelledError} */
  renderStems(result: ComposeResult, job?: JobOptions): Promise<RenderedStems>;
}

/** Settings of {@link loadEngine}; every field has a default. */
export interface EngineOptions {
  /** Passed to `renderWav` (the CLI's defaults otherwise). */
  render?: RenderOptions;
  /**
   * Seconds of music composed and rendered once at load, so that the JavaScript engine has compiled the
   * hot paths before the editor's first Generate. 0 turns it off. Default 2.
   */
  warmUpSeconds?: number;
  /** Composes off the UI thread; default: inline. */
  composer?: Composer | null;
  /** Shares the thread while the SoundFont is decoded at load. */
  load?: JobOptions;
}

/** An asset reader over `fetch`, relative to `base` (a URL ending in "/"). */
export function fetchAssets(base: string, fetchFn: typeof fetch = fetch): AssetReader {
  return async (path) => {
    const res = await fetchFn(new URL(path, base).href);
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
}

/**
 * Loads the model and the SoundFont (decoded and parsed once, here, so that Generate does not pay for it).
 * @throws {ModelLoadError} for missing or mismatched model files; {@link RenderError} for a bad SoundFont.
 */
export async function loadEngine(read: AssetReader, options: EngineOptions = {}): Promise<Engine> {
  const [model, stored] = await Promise.all([
    MusicModel.load((name) => read(`${ASSET_PATHS.model}/${name}`)),
    read(ASSET_PATHS.soundfont),
  ]);
  const soundfont = isPackedSoundFont(stored)
    ? await driveSteps(unpackSoundFontSteps(stored), slicer(options.load ?? {}))
    : stored;
  loadSoundBank(soundfont);
  await decodeSamples(soundfont, options.load ?? {});
  /** Sets up the next render's synthesizer while the panel is idle. */
  const prepare = (): void => {
    setTimeout(
      () =>
        void prepareSynth(soundfont, {
          sampleRate: options.render?.sampleRate,
          effects: options.render?.effects,
        }),
      0,
    );
  };
  // On the UI thread (UXP has no workers): the model pauses whenever a slice of the renderer's budget is spent.
  const inline: Composer = (request, job) => composeAsync(model, request, job);
  const composer = options.composer ?? inline;
  const engine: Engine = {
    model: model.version,
    compose: (request, job = {}) => composer(request, job),
    async render(result, job = {}) {
      // A loop renders as the CLI's does: no fade-out, the tail folded into the start.
      const audio = await renderWav(
        result.sequence,
        soundfont,
        { loop: result.plan.loop, ...options.render },
        job,
      );
      return { wav: audio.wav, seconds: audio.seconds, lufs: audio.lufs, peakDbfs: audio.peakDbfs };
    },
    async renderStems(result, job = {}) {
      const { mix, stems } = await renderStems(
        result.sequence,
        soundfont,
        { loop: result.plan.loop, ...options.render },
        job,
      );
      return {
        mix: { wav: mix.wav, seconds: mix.seconds, lufs: mix.lufs, peakDbfs: mix.peakDbfs },
        stems,
      };
    },
  };
  const warm = options.warmUpSeconds ?? 2;
  if (warm > 0) await engine.render(await inline({ prompt: 'warm up: a full band', seconds: warm }, {}));
  else prepare();
  return engine;
}
