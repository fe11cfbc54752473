/**
 * The music engine inside the panel: the shipped model and SoundFont, read once through an asset reader
 * (the plugin folder in UXP, `fetch` in a browser), then `compose` and `render` as the CLI does them, so
 * the same prompt and seed give the same music on every host.
 */
import type { ComposeRequest, ComposeResult } from '../core/compose';
import { compose } from '../core/compose';
import { MusicModel } from '../core/model/model';
import type { RenderOptions } from '../core/render';
import { loadSoundBank, renderWav } from '../core/render';

/** Reads one file of the plugin's `assets/` folder by its relative path ("model/config.json"). */
export type AssetReader = (path: string) => Promise<Uint8Array>;

/**
 * Where the assets lie inside `assets/`. The SoundFont is the build's PCM copy of the shipped SF3 (UXP has
 * no WebAssembly to decode Vorbis samples), trimmed to the programs the arranger uses.
 */
export const ASSET_PATHS = {
  model: 'model',
  soundfont: 'soundfont/FluidR3Mono_GM-panel.sf2',
} as const;

/** A rendered piece. */
export interface RenderedAudio {
  wav: Uint8Array;
  seconds: number;
  lufs: number;
  peakDbfs: number;
}

/** Composes and renders with loaded assets. */
export interface Engine {
  /** `name@version` of the model. */
  readonly model: string;
  compose(request: ComposeRequest): ComposeResult;
  render(result: ComposeResult): Promise<RenderedAudio>;
}

/** Settings of {@link loadEngine}; every field has a default. */
export interface EngineOptions {
  /** Passed to `renderWav` (the CLI's defaults otherwise). */
  render?: RenderOptions;
  /**
   * Seconds of music composed and rendered once at load, so that the JavaScript engine has compiled the
   * hot paths before the editor's first Generate (about a third faster). 0 turns it off. Default 2.
   */
  warmUpSeconds?: number;
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
 * Loads the model and the SoundFont (parsed once, here, so that Generate does not pay for it).
 * @throws {ModelLoadError} for missing or mismatched model files; {@link RenderError} for a bad SoundFont.
 */
export async function loadEngine(read: AssetReader, options: EngineOptions = {}): Promise<Engine> {
  const [model, soundfont] = await Promise.all([
    MusicModel.load((name) => read(`${ASSET_PATHS.model}/${name}`)),
    read(ASSET_PATHS.soundfont),
  ]);
  loadSoundBank(soundfont);
  const engine: Engine = {
    model: model.version,
    compose: (request) => compose(model, request),
    async render(result) {
      // A loop renders as the CLI's does: no fade-out, the tail folded into the start.
      const audio = await renderWav(result.sequence, soundfont, {
        loop: result.plan.loop,
        ...options.render,
      });
      return { wav: audio.wav, seconds: audio.seconds, lufs: audio.lufs, peakDbfs: audio.peakDbfs };
    },
  };
  const warm = options.warmUpSeconds ?? 2;
  if (warm > 0) await engine.render(engine.compose({ prompt: 'warm up: a full band', seconds: warm }));
  return engine;
}
