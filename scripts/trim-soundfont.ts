/**
 * Trims a General MIDI SoundFont to the programs the arranger can choose (ORCHESTRA_PROGRAMS) and the
 * standard drum kit, keeping its samples as they are (SF3 samples stay Ogg Vorbis). The shipped
 * `assets/soundfont/FluidR3Mono_GM_trimmed.sf3` was made from FluidR3Mono_GM.sf3 with:
 *
 *   node --import tsx scripts/trim-soundfont.ts FluidR3Mono_GM.sf3 assets/soundfont/FluidR3Mono_GM_trimmed.sf3
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { SoundBankLoader } from 'spessasynth_core';
import { ORCHESTRA_PROGRAMS } from '../core/arrange/orchestrate';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node --import tsx scripts/trim-soundfont.ts IN.sf3 OUT.sf3');
  process.exit(2);
}
const bytes = readFileSync(input);
const bank = SoundBankLoader.fromArrayBuffer(
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
);
const before = { presets: bank.presets.length, samples: bank.samples.length };
const keep = new Set(ORCHESTRA_PROGRAMS);
for (const p of [...bank.presets]) {
  const wanted = p.isGMGSDrum ? p.program === 0 : p.bankMSB === 0 && p.bankLSB === 0 && keep.has(p.program);
  if (!wanted) bank.deletePreset(p);
}
bank.removeUnusedElements();
const out = new Uint8Array(bank.writeSF2({ software: 'audiogenesis scripts/trim-soundfont.ts' }));
writeFileSync(output, out);
console.log(
  `${before.presets} presets, ${before.samples} samples, ${bytes.length} bytes -> ${bank.presets.length} presets (programs ${[...keep].join(' ')} and the drum kit), ${bank.samples.length} samples, ${out.length} bytes`,
);
