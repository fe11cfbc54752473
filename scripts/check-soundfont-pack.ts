/**
 * What packing the panel's SoundFont as IMA ADPCM (core/render/sfpack.ts) costs, heard through the whole
 * renderer: five composed pieces rendered with the PCM SoundFont and with the packed one decoded, same code
 * both sides. Prints each piece's loudness, peak, signal-to-difference ratio and the difference's loudness;
 * exits non-zero when a loudness moves by more than 0.1 LU or the difference comes within 12 LU of the music.
 *   node --import tsx scripts/check-soundfont-pack.ts   (after npm run build:plugin, which caches the PCM copy)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../cli/model-files';
import { compose } from '../core/compose';
import { decodeWav, integratedLoudness, renderWav } from '../core/render';
import { packSoundFont, unpackSoundFont } from '../core/render/sfpack';

const cache = 'dist/.cache';
const pcmName = readdirSync(cache).find((f) => /^FluidR3Mono_GM-panel-[0-9a-f]+\.sf2$/.test(f));
if (!pcmName) {
  console.error('no PCM panel SoundFont in dist/.cache: run npm run build:plugin first');
  process.exit(2);
}
const pcm = new Uint8Array(readFileSync(join(cache, pcmName)));
const packed = packSoundFont(pcm);
const adpcm = unpackSoundFont(packed);
console.log(`PCM ${(pcm.length / 1e6).toFixed(1)} MB -> packed ${(packed.length / 1e6).toFixed(1)} MB`);
const model = await loadModel();
const prompts = [
  'Upbeat tech launch, 120 bpm in E minor',
  'calm solo piano for a skincare ad',
  'cinematic trailer, epic strings and brass',
  'acoustic guitar, warm and hopeful',
  'electronic pad ambient, slow',
];
let failed = 0;
for (const [i, prompt] of prompts.entries()) {
  const r = compose(model, { prompt, seconds: 15, seed: i + 1 });
  const a = await renderWav(r.sequence, pcm);
  const b = await renderWav(r.sequence, adpcm);
  const A = decodeWav(a.wav).channels;
  const B = decodeWav(b.wav).channels;
  let signal = 0;
  let noise = 0;
  const diff = A.map((ch, c) => ch.map((x, k) => x - B[c][k]));
  for (let c = 0; c < 2; c++)
    for (let k = 0; k < A[c].length; k++) {
      signal += A[c][k] ** 2;
      noise += diff[c][k] ** 2;
    }
  const noiseLufs = integratedLoudness(diff, 48000);
  const below = a.lufs - noiseLufs;
  const ok = Math.abs(a.lufs - b.lufs) <= 0.1 && below >= 12;
  if (!ok) failed++;
  console.log(
    `${prompt.padEnd(42)} ${a.lufs.toFixed(2)} / ${b.lufs.toFixed(2)} LUFS, peak ${a.peakDbfs.toFixed(2)} / ${b.peakDbfs.toFixed(2)} dBFS, SNR ${(10 * Math.log10(signal / noise)).toFixed(1)} dB, difference ${below.toFixed(1)} LU below${ok ? '' : '  FAIL'}`,
  );
}
process.exit(failed ? 1 : 0);
