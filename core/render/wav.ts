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
  const bytesPerSample = bitDepth / 8;
  const blockAlign = channels.length * bytesPerSample;
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
  view.setUint16(22, channels.length, true);
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
  for (let c = 0; c < channels.length; c++)
    for (let from = 0; from < frames; from += STEP_SAMPLES) {
      const to = Math.min(frames, from + STEP_SAMPLES);
      writeRange(out, view, header, channels, c, bitDepth, from, to);
      yield (c + to / frames) / channels.length;
    }
  return out;
}

/**
 * Writes channel `c`'s samples [from, to) into the data chunk, which starts at byte `header` (a plain loop:
 * generators run hot loops slowly).
 */
function writeRange(
  out: Uint8Array,
  view: DataView,
  header: number,
  channels: readonly Float32Array[],
  c: number,
  bitDepth: WavBitDepth,
  from: number,
  to: number,
): void {
  const ch = channels[c];
  const n = channels.length;
  if (bitDepth === 16 && LITTLE_ENDIAN) {
    // Interleaved 16-bit samples straight into the data chunk (44 is even, so it is 2-byte aligned).
    const pcm = new Int16Array(out.buffer, header);
    for (let i = from; i < to; i++) {
      const x = ch[i];
      pcm[i * n + c] = Math.round((x > 1 ? 1 : x < -1 ? -1 : x || 0) * 32767);
    }
    return;
  }
  const width = bitDepth / 8;
  if (bitDepth === 32) {
    for (let i = from; i < to; i++) view.setFloat32(header + (i * n + c) * 4, ch[i] || 0, true);
    return;
  }
  const full = bitDepth === 16 ? 32767 : 8388607;
  for (let i = from; i < to; i++) {
    const x = ch[i];
    const v = Math.round((x > 1 ? 1 : x < -1 ? -1 : x || 0) * full);
    const at = header + (i * n + c) * width;
    if (bitDepth === 16) view.setInt16(at, v, true);
    else {
      out[at] = v & 0xff;
      out[at + 1] = (v >> 8) & 0xff;
      out[at + 2] = (v >> 16) & 0xff;
    }
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
