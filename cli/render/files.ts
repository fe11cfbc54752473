/**
 * Node side of the renderer: where the shipped SoundFont lives, and reading it.
 */
import { readFile } from 'node:fs/promises';
import { assetPath } from '../paths';
import { RenderError } from '../../core/errors';

/** File name of the shipped General MIDI SoundFont (FluidR3Mono, MIT). */
export const SOUNDFONT_FILE = 'FluidR3Mono_GM_trimmed.sf3';

/** Absolute path of the shipped SoundFont: `assets/soundfont/FluidR3Mono_GM_trimmed.sf3` in the package. */
export const SHIPPED_SOUNDFONT = assetPath('soundfont', SOUNDFONT_FILE);

const loaded = new Map<string, Promise<Uint8Array>>();

/**
 * Reads a SoundFont's bytes (the shipped one by default). The same path returns the same byte array, so the
 * renderer's parse cache (keyed by the array) is hit on every later render.
 * @throws {RenderError} when the file cannot be read.
 */
export function loadSoundfont(path: string = SHIPPED_SOUNDFONT): Promise<Uint8Array> {
  let bytes = loaded.get(path);
  if (!bytes) {
    bytes = readFile(path).then(
      (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
      (cause: unknown) => {
        loaded.delete(path);
        throw new RenderError(
          `cannot read SoundFont ${path}: ${cause instanceof Error ? cause.message : String(cause)}`,
          {
            cause,
          },
        );
      },
    );
    loaded.set(path, bytes);
  }
  return bytes;
}
