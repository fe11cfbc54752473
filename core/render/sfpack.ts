/**
 * The panel's compact SoundFont: a SoundFont 2 whose 16-bit samples are stored as IMA ADPCM (4 bits a
 * sample, in independent blocks), everything else byte for byte. UXP has no WebAssembly to decode SF3's
 * Vorbis samples, and raw PCM makes the plugin 35 MB; this decodes in plain JavaScript at load, back into
 * a SoundFont 2 that any reader takes. Lossy: `scripts/check-soundfont-pack.ts` measures what it costs.
 *
 * Layout (little-endian): "AGSF", u32 version (1), u32 SoundFont length, u32 offset and u32 byte length of
 * the `smpl` chunk's data, u32 samples per block, then the bytes before the sample data, the bytes after
 * it, and the blocks: i16 first sample, u8 step index, u8 0, then (block - 1) samples as nibbles (low first).
 */
import { RenderError } from '../errors';
import type { Steps } from './steps';
import { runSteps } from './steps';

const MAGIC = 'AGSF';
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const VERSION = 1;
const HEADER = 24;
/** Samples per ADPCM block (each block restarts the predictor, so damage never spreads). */
export const PACK_BLOCK = 1024;

const STEPS = [
  7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60, 66, 73, 80, 88, 97,
  107, 118, 130, 143, 157, 173, 190, 209, 230, 253, 279, 307, 337, 371, 408, 449, 494, 544, 598, 658, 724,
  796, 876, 963, 1060, 1166, 1282, 1411, 1552, 1707, 1878, 2066, 2272, 2499, 2749, 3024, 3327, 3660, 4026,
  4428, 4871, 5358, 5894, 6484, 7132, 7845, 8630, 9493, 10442, 11487, 12635, 13899, 15289, 16818, 18500,
  20350, 22385, 24623, 27086, 29794, 32767,
];
const INDEX_SHIFT = [-1, -1, -1, -1, 2, 4, 6, 8];

/** Where the sample data of a SoundFont 2 lies: the body of `sdta`'s `smpl` sub-chunk. */
export function sampleData(sf2: Uint8Array): { offset: number; bytes: number } {
  const view = new DataView(sf2.buffer, sf2.byteOffset, sf2.byteLength);
  const tag = (at: number): string => String.fromCharCode(...sf2.subarray(at, at + 4));
  if (sf2.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'sfbk')
    throw new RenderError('not a SoundFont 2 file');
  for (let at = 12; at + 8 <= sf2.length;) {
    const size = view.getUint32(at + 4, true);
    if (tag(at) === 'LIST' && tag(at + 8) === 'sdta')
      for (let sub = at + 12; sub + 8 <= at + 8 + size;) {
        const subSize = view.getUint32(sub + 4, true);
        if (tag(sub) === 'smpl') return { offset: sub + 8, bytes: subSize };
        sub += 8 + subSize + (subSize & 1);
      }
    at += 8 + size + (size & 1);
  }
  throw new RenderError('SoundFont has no sample data (sdta/smpl)');
}

/** One ADPCM step: the nibble that best codes `sample` from the predictor state, and the new state. */
function encodeSample(sample: number, state: { predicted: number; index: number }): number {
  const step = STEPS[state.index];
  let diff = sample - state.predicted;
  let nibble = 0;
  if (diff < 0) {
    nibble = 8;
    diff = -diff;
  }
  let delta = step >> 3;
  if (diff >= step) {
    nibble |= 4;
    diff -= step;
    delta += step;
  }
  if (diff >= step >> 1) {
    nibble |= 2;
    diff -= step >> 1;
    delta += step >> 1;
  }
  if (diff >= step >> 2) {
    nibble |= 1;
    delta += step >> 2;
  }
  state.predicted = Math.max(-32768, Math.min(32767, state.predicted + (nibble & 8 ? -delta : delta)));
  state.index = Math.max(0, Math.min(88, state.index + INDEX_SHIFT[nibble & 7]));
  return nibble;
}

/** The step index whose step is nearest the block's opening slope (a good start for the predictor). */
function startIndex(samples: Int16Array, from: number, to: number): number {
  let slope = 0;
  for (let i = from + 1; i < Math.min(to, from + 9); i++)
    slope = Math.max(slope, Math.abs(samples[i] - samples[i - 1]));
  let index = 0;
  while (index < 88 && STEPS[index] < slope) index++;
  return index;
}

/**
 * Packs a SoundFont 2 (16-bit samples) into the compact form.
 * @throws {RenderError} when the bytes are not a SoundFont 2.
 */
export function packSoundFont(sf2: Uint8Array): Uint8Array {
  const { offset, bytes } = sampleData(sf2);
  const count = bytes >> 1;
  const samples = new Int16Array(count);
  const view = new DataView(sf2.buffer, sf2.byteOffset, sf2.byteLength);
  for (let i = 0; i < count; i++) samples[i] = view.getInt16(offset + 2 * i, true);
  const blocks = Math.ceil(count / PACK_BLOCK);
  const blockBytes = 4 + Math.ceil((PACK_BLOCK - 1) / 2);
  const before = sf2.subarray(0, offset);
  const after = sf2.subarray(offset + bytes);
  const out = new Uint8Array(HEADER + 8 + before.length + after.length + blocks * blockBytes);
  const o = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = MAGIC.charCodeAt(i);
  [VERSION, sf2.length, offset, bytes, PACK_BLOCK].forEach((v, i) => o.setUint32(4 + 4 * i, v, true));
  o.setUint32(HEADER, before.length, true);
  o.setUint32(HEADER + 4, after.length, true);
  let at = HEADER + 8;
  out.set(before, at);
  out.set(after, (at += before.length));
  at += after.length;
  for (let b = 0; b < blocks; b++, at += blockBytes) {
    const from = b * PACK_BLOCK;
    const to = Math.min(count, from + PACK_BLOCK);
    const state = { predicted: samples[from], index: startIndex(samples, from, to) };
    o.setInt16(at, state.predicted, true);
    out[at + 2] = state.index;
    for (let i = from + 1, k = 0; i < to; i++, k++) {
      const nibble = encodeSample(samples[i], state);
      out[at + 4 + (k >> 1)] |= k & 1 ? nibble << 4 : nibble;
    }
  }
  return out;
}

/** Whether `bytes` are a packed SoundFont. */
export function isPackedSoundFont(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER && String.fromCharCode(...bytes.subarray(0, 4)) === MAGIC;
}

/** Decodes one block into `out` (16-bit little-endian bytes) from sample `from` to `to`. */
function decodeBlock(packed: Uint8Array, at: number, out: Int16Array, from: number, to: number): void {
  let predicted = ((packed[at] | (packed[at + 1] << 8)) << 16) >> 16;
  let index = packed[at + 2];
  if (index > 88) throw new RenderError('corrupt packed SoundFont: bad step index');
  out[from] = predicted;
  for (let i = from + 1, k = 0; i < to; i++, k++) {
    const byte = packed[at + 4 + (k >> 1)];
    const nibble = k & 1 ? byte >> 4 : byte & 15;
    const step = STEPS[index];
    let delta = step >> 3;
    if (nibble & 4) delta += step;
    if (nibble & 2) delta += step >> 1;
    if (nibble & 1) delta += step >> 2;
    predicted += nibble & 8 ? -delta : delta;
    predicted = predicted > 32767 ? 32767 : predicted < -32768 ? -32768 : predicted;
    index += INDEX_SHIFT[nibble & 7];
    index = index < 0 ? 0 : index > 88 ? 88 : index;
    out[i] = predicted;
  }
}

/** {@link unpackSoundFont} as steps that yield their progress. */
export function* unpackSoundFontSteps(packed: Uint8Array): Steps<Uint8Array> {
  if (!isPackedSoundFont(packed)) throw new RenderError('not a packed SoundFont (no AGSF header)');
  const v = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const [version, length, offset, bytes, block] = [0, 1, 2, 3, 4].map((i) => v.getUint32(4 + 4 * i, true));
  if (version !== VERSION)
    throw new RenderError(`packed SoundFont version ${version}; this reader knows ${VERSION}`);
  const beforeLength = v.getUint32(HEADER, true);
  const afterLength = v.getUint32(HEADER + 4, true);
  const count = bytes >> 1;
  const blockBytes = 4 + Math.ceil((block - 1) / 2);
  const blocks = Math.ceil(count / block);
  const expected = HEADER + 8 + beforeLength + afterLength + blocks * blockBytes;
  if (
    block < 2 ||
    beforeLength !== offset ||
    offset + bytes + afterLength !== length ||
    packed.length !== expected
  )
    throw new RenderError('corrupt packed SoundFont: its sizes do not add up');
  const out = new Uint8Array(length);
  // Samples are decoded into an aligned array, then copied in as little-endian bytes.
  const samples = new Int16Array(count);
  let at = HEADER + 8;
  out.set(packed.subarray(at, at + beforeLength), 0);
  out.set(packed.subarray((at += beforeLength), at + afterLength), offset + bytes);
  at += afterLength;
  for (let b = 0; b < blocks; b++, at += blockBytes) {
    decodeBlock(packed, at, samples, b * block, Math.min(count, (b + 1) * block));
    if (b % 256 === 255) yield b / blocks;
  }
  const bytesOf = new Uint8Array(samples.buffer);
  if (LITTLE_ENDIAN) out.set(bytesOf, offset);
  else for (let i = 0; i < count; i++) new DataView(out.buffer).setInt16(offset + 2 * i, samples[i], true);
  return out;
}

/**
 * Decodes a packed SoundFont back into SoundFont 2 bytes.
 * @throws {RenderError} when the bytes are not a packed SoundFont or are damaged.
 */
export function unpackSoundFont(packed: Uint8Array): Uint8Array {
  return runSteps(unpackSoundFontSteps(packed));
}
