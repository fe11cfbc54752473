/**
 * RIFF/WAVE bytes <-> float PCM: a writer for 16- or 24-bit integer PCM (format tag 1) or 32-bit float
 * (format tag 3, for stems that must keep levels above full scale) and a reader for the same, so that
 * tests and hosts can check what the renderer wrote.
 */
import { RenderError } from '../errors';
import type { Steps } from './steps';
import { runSteps, STEP_SAMPLES } from './steps';

/** Sample widths the writer supports: 16- or 24-bit integers, or 32-bit IEEE float. */
export type WavBitDepth = 16 | 24 | 32;

/** Decoded WAV contents: one float array per channel, samples in [-1, 1]. */
export interface DecodedWav {
  sampleRate: number;
  bitDepth: number;
  channels: Float32Array[];
}

const HEADER_BYTES = 44;
/** Whether typed arrays are little-endian here (WAV samples are). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Encodes channels of equal length as a canonical 44-byte-header PCM WAV (58 bytes, with a fact chunk, for
 * 32-bit float). Integer samples are clamped to [-1, 1] and rounded (no dither); float samples are written
 * as they are.
 * @throws {RenderError} on no channels, unequal lengths or data too large for RIFF's 32-bit sizes.
 */
export function encodeWav(
  channels: readonly Float32Array[],
  sampleRate: number,
  bitDepth: WavBitDepth = 16,
): Uint8Array {
  return runSteps(encodeWavSteps(channels, sampleRate, bitDepth));
}

/** {@link encodeWav} as steps that yield their progress. */
export function* encodeWavSteps(
  channels: readonly Float32Array[],
  sampleRate: number,
  bitDepth: WavBitDepth = 16,
): Steps<Uint8Array> {
  if (channels.length === 0) throw new RenderError('WAV needs at least one channel');
  const frames = channels[0].length;
  if (channels.some((c) => c.length !== frames)) throw new RenderError('WAV channels differ in length');
  const wav = newWav(frames, channels.length, sampleRate, bitDepth);
  for (let c = 0; c < channels.length; c++)
    for (let from = 0; from < frames; from += STEP_SAMPLES) {
      const to = Math.min(frames, from + STEP_SAMPLES);
      writeSamples(wav, channels[c].subarray(from, to), c, from);
      yield (c + to / frames) / channels.length;
    }
  return wav.bytes;
}

/** A WAV file being written: its bytes (header filled in, samples zero until written) and layout. */
export interface WavBuffer {
  bytes: Uint8Array;
  view: DataView;
  /** Byte offset of the first sample. */
  header: number;
  channels: number;
  bitDepth: WavBitDepth;
}

/**
 * A WAV of `frames` frames of `channels` channels with its header written (see {@link encodeWav}).
 * @throws {RenderError} on data too large for RIFF's 32-bit sizes.
 */
export function newWav(
  frames: number,
  channels: number,
  sampleRate: number,
  bitDepth: WavBitDepth,
): WavBuffer {
  const blockAlign = channels * (bitDepth / 8);
  const dataBytes = frames * blockAlign;
  // A float WAV's fmt chunk carries cbSize, and a fact chunk gives its length in frames.
  const float = bitDepth === 32;
  const header = float ? HEADER_BYTES + 2 + 12 : HEADER_BYTES;
  if (header + dataBytes > 0xffffffff) throw new RenderError('audio too long for a WAV file');
  const out = new Uint8Array(header + dataBytes);
  const view = new DataView(out.buffer);
  const ascii = (at: number, s: string): void => {
    for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, header - 8 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, float ? 18 : 16, true);
  view.setUint16(20, float ? 3 : 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bitDepth, true);
  if (float) {
    view.setUint16(36, 0, true);
    ascii(38, 'fact');
    view.setUint32(42, 4, true);
    view.setUint32(46, frames, true);
  }
  ascii(header - 8, 'data');
  view.setUint32(header - 4, dataBytes, true);
  return { bytes: out, view, header, channels, bitDepth };
}

/**
 * Writes `samples` as channel `c`'s frames from frame `at` on (integers clamped to [-1, 1] and rounded;
 * a plain loop: generators run hot loops slowly).
 */
export function writeSamples(wav: WavBuffer, samples: Float32Array, c: number, at: number): void {
  const { bytes: out, view, header, channels: n, bitDepth } = wav;
  if (bitDepth === 16 && LITTLE_ENDIAN) {
    // Interleaved 16-bit samples straight into the data chunk (44 is even, so it is 2-byte aligned).
    writeInt16(samples, new Int16Array(out.buffer, header), n, at * n + c);
    return;
  }
  if (bitDepth === 32) {
    for (let i = 0; i < samples.length; i++)
      view.setFloat32(header + ((at + i) * n + c) * 4, samples[i] || 0, true);
    return;
  }
  const width = bitDepth / 8;
  const full = bitDepth === 16 ? 32767 : 8388607;
  for (let i = 0; i < samples.length; i++) {
    const v = quantise(samples[i], full);
    const p = header + ((at + i) * n + c) * width;
    if (bitDepth === 16) view.setInt16(p, v, true);
    else {
      out[p] = v & 0xff;
      out[p + 1] = (v >> 8) & 0xff;
      out[p + 2] = (v >> 16) & 0xff;
    }
  }
}

/**
 * `Math.round(clamp(x, -1, 1) * full)`, NaN as 0, without calling `Math.round` (slow in V8's hot loops).
 * A float32 sample times a 15- or 23-bit integer, plus `full + 1.5`, is exact in a double, so truncating
 * the positive sum is `floor(y + 0.5)`: exactly `Math.round(y)`.
 */
function quantise(x: number, full: number): number {
  const y = x * full;
  const c = y > full ? full : y >= -full ? y : y < -full ? -full : 0;
  return ((c + full + 1.5) | 0) - full - 1;
}

/** {@link writeSamples}' 16-bit case: {@link quantise} inlined by hand, into every `n`th slot from `at`. */
function writeInt16(samples: Float32Array, pcm: Int16Array, n: number, at: number): void {
  for (let i = 0; i < samples.length; i++, at += n) {
    const y = samples[i] * 32767;
    const v = y > 32767 ? 32767 : y >= -32767 ? y : y < -32767 ? -32767 : 0;
    pcm[at] = ((v + 32768.5) | 0) - 32768;
  }
}

/**
 * Decodes a PCM WAV (8-, 16-, 24- or 32-bit integer, format tag 1 or extensible; or 32-bit float, format
 * tag 3) into float channels.
 * @throws {RenderError} when the bytes are not a PCM WAV this reader understands.
 */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE')
    throw new RenderError('not a RIFF/WAVE file');
  let fmt: { channels: number; sampleRate: number; bitDepth: number; float: boolean } | undefined;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      const format = view.getUint16(body, true);
      if (format !== 1 && format !== 3 && format !== 0xfffe)
        throw new RenderError(`unsupported WAV format tag ${format}`);
      fmt = {
        float: format === 3,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitDepth: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt) throw new RenderError('WAV data chunk before its fmt chunk');
      const width = fmt.bitDepth / 8;
      const frames = Math.floor(Math.min(size, bytes.length - body) / (width * fmt.channels));
      const channels = Array.from({ length: fmt.channels }, () => new Float32Array(frames));
      const full = 2 ** (fmt.bitDepth - 1);
      for (let i = 0, p = body; i < frames; i++)
        for (const ch of channels) {
          let v: number;
          if (fmt.float) v = view.getFloat32(p, true) * (full - 1);
          else if (width === 1) v = bytes[p] - 128;
          else if (width === 2) v = view.getInt16(p, true);
          else if (width === 3) v = ((bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16)) << 8) >> 8;
          else v = view.getInt32(p, true);
          ch[i] = v / (full - 1);
          p += width;
        }
      return { sampleRate: fmt.sampleRate, bitDepth: fmt.bitDepth, channels };
    }
    at = body + size + (size & 1);
  }
  throw new RenderError('WAV has no data chunk');
}
