/** Node side of the piano roll: PNG bytes from a raster (pngjs), and a one-call sequence -> PNG. */
import { PNG } from 'pngjs';
import type { PianoRollOptions, Raster } from '../../core/render/pianoroll';
import { pianoRoll } from '../../core/render/pianoroll';
import type { NoteSequence } from '../../core/sequence';

/** Encodes an RGBA raster as PNG bytes. */
export function encodePng(raster: Raster): Buffer {
  const png = new PNG({ width: raster.width, height: raster.height });
  png.data = Buffer.from(raster.data.buffer, raster.data.byteOffset, raster.data.byteLength);
  return PNG.sync.write(png);
}

/** Draws `seq` as a piano roll and encodes it as PNG bytes. */
export function pianoRollPng(seq: NoteSequence, options: PianoRollOptions = {}): Buffer {
  return encodePng(pianoRoll(seq, options));
}
