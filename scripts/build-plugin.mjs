// Builds the Premiere Pro panel into dist/plugin, the folder UXP Developer Tool loads and `npm run package`
// zips: index.html, main.js (the bundle), manifest.json, icons/ and assets/ (model, SoundFont). The bundle
// must stay tfjs-free (inference is plain TypeScript) and at most 3 MB; the build fails otherwise.
//
// UXP has no WebAssembly, and the shipped SoundFont (SF3) stores its samples as Ogg Vorbis, which
// spessasynth decodes with WebAssembly. So the build decodes it here, in Node, into a PCM SoundFont 2 that
// keeps only the presets the arranger can choose (ORCHESTRA_PROGRAMS and the standard drum kit), and packs
// its samples as IMA ADPCM (core/render/sfpack.ts: 40 MB -> 10 MB), cached in dist/.cache; the panel
// decodes it in plain JavaScript at load. The bundle gets a stand-in for the Vorbis decoder that is never
// called.
import { Buffer } from 'node:buffer';
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import { BasicSoundBank, SoundBankLoader } from 'spessasynth_core';

/** Largest bundle (main.js) allowed, bytes. */
export const MAX_BUNDLE_BYTES = 3 * 1024 * 1024;

/** Files copied beside the bundle: [from, to inside the plugin folder]. */
export const PLUGIN_FILES = [
  ['plugin/index.html', 'index.html'],
  ['manifest.json', 'manifest.json'],
  ['LICENSE', 'LICENSE'],
  ['assets/icons/panel.png', 'icons/panel.png'],
  ['assets/icons/panel@2x.png', 'icons/panel@2x.png'],
  ['assets/icons/plugin.png', 'icons/plugin.png'],
  ['assets/icons/plugin@2x.png', 'icons/plugin@2x.png'],
  ['assets/model/config.json', 'assets/model/config.json'],
  ['assets/model/model.json', 'assets/model/model.json'],
  ['assets/model/weights.bin', 'assets/model/weights.bin'],
  ['assets/soundfont/FluidR3Mono_License.md', 'assets/soundfont/FluidR3Mono_License.md'],
];

/** The shipped SoundFont, and the panel's PCM copy of it inside the plugin folder. */
export const SOUNDFONT = 'assets/soundfont/FluidR3Mono_GM_trimmed.sf3';
export const PANEL_SOUNDFONT = 'assets/soundfont/FluidR3Mono_GM-panel.agsf';
/** Bumped when the packer's output changes, so that a cached pack is remade. */
const PACK_VERSION = 'p1';

// spessasynth imports stb-vorbis (WebAssembly) to decode SF3 samples; the panel's SoundFont is PCM.
const vorbisStub = {
  name: 'vorbis-stub',
  setup(b) {
    b.onResolve({ filter: /^stb-vorbis$/ }, (args) => ({ path: args.path, namespace: 'vorbis-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'vorbis-stub' }, () => ({
      loader: 'js',
      contents: `export class StbVorbis {
        static ready = Promise.resolve();
        static decode() { throw new Error('the panel reads PCM SoundFonts only: UXP cannot decode SF3 samples'); }
      }`,
    }));
  },
};

/** Exports of TypeScript modules of this repository, bundled on the fly (`contents` is their re-export). */
async function importTs(contents) {
  const r = await build({
    stdin: {
      contents,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'error',
  });
  const url = `data:text/javascript;base64,${Buffer.from(r.outputFiles[0].text).toString('base64')}`;
  return import(url);
}

/** The GM programs the arranger can choose, read from core/arrange/orchestrate.ts. */
async function orchestraPrograms() {
  const m = await importTs("export { ORCHESTRA_PROGRAMS } from './core/arrange/orchestrate';");
  return [...m.ORCHESTRA_PROGRAMS];
}

/**
 * The panel's SoundFont as shipped: the PCM copy packed with core/render/sfpack.ts (IMA ADPCM samples,
 * decoded in plain JavaScript at load), cached beside it.
 */
export async function packedPanelSoundFont(options = {}) {
  const pcm = await panelSoundFont(options);
  const packed = pcm.replace(/\.sf2$/, `-${PACK_VERSION}.agsf`);
  if (existsSync(packed)) return packed;
  const { packSoundFont } = await importTs("export { packSoundFont } from './core/render/sfpack';");
  const partial = `${packed}.${process.pid}.part`;
  writeFileSync(partial, packSoundFont(new Uint8Array(readFileSync(pcm))));
  renameSync(partial, packed);
  return packed;
}

/**
 * The panel's SoundFont: the SF3 trimmed to `programs` (bank 0) and the standard drum kit, samples decoded to
 * 16-bit PCM, written as SoundFont 2. Cached by content and program list in `cacheDir`.
 */
export async function panelSoundFont({ cacheDir = 'dist/.cache', programs } = {}) {
  const keep = new Set(programs ?? (await orchestraPrograms()));
  const source = readFileSync(SOUNDFONT);
  const key = createHash('sha1')
    .update(source)
    .update(JSON.stringify([...keep].sort((a, b) => a - b)))
    .update('v1')
    .digest('hex')
    .slice(0, 16);
  const cached = join(cacheDir, `FluidR3Mono_GM-panel-${key}.sf2`);
  if (existsSync(cached)) return cached;
  await BasicSoundBank.isSF3DecoderReady;
  const bank = SoundBankLoader.fromArrayBuffer(
    source.buffer.slice(source.byteOffset, source.byteOffset + source.byteLength),
  );
  for (const p of [...bank.presets]) {
    const wanted = p.isGMGSDrum ? p.program === 0 : p.bankMSB === 0 && p.bankLSB === 0 && keep.has(p.program);
    if (!wanted) bank.deletePreset(p);
  }
  bank.removeUnusedElements();
  await bank.setSampleFormat({ format: 'pcm' });
  const bytes = new Uint8Array(bank.writeSF2({ software: 'Audiogenesis build-plugin' }));
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${cached}.${process.pid}.part`;
  writeFileSync(partial, bytes);
  renameSync(partial, cached); // atomic: concurrent builds never read half a file
  return cached;
}

/**
 * The icon for light themes, made from the dark theme's: the dark tile becomes a light one, the coloured
 * bars stay (manifest.json lists both, by theme).
 */
export function lightIcon(bytes) {
  const png = PNG.sync.read(bytes);
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
    const grey = Math.max(r, g, b) - Math.min(r, g, b) < 24;
    if (grey) png.data.fill(255 - Math.round((r + g + b) / 3) * 0.4 - 10, i, i + 3);
  }
  return PNG.sync.write(png);
}

/**
 * Builds the plugin folder.
 * @returns the bundle's size in bytes and the metafile's path.
 */
export async function buildPlugin({ outdir = 'dist/plugin', minify = true } = {}) {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { main: 'plugin/main.ts', 'compose-worker': 'plugin/compose-worker.ts' },
    outdir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    minify,
    legalComments: 'none',
    external: ['uxp', 'premierepro'],
    plugins: [vorbisStub],
    metafile: true,
    logLevel: 'warning',
  });
  const soundfont = await packedPanelSoundFont();
  for (const [from, to] of [...PLUGIN_FILES, [soundfont, PANEL_SOUNDFONT]]) {
    mkdirSync(dirname(join(outdir, to)), { recursive: true });
    copyFileSync(from, join(outdir, to));
  }
  for (const name of ['panel', 'panel@2x', 'plugin', 'plugin@2x'])
    writeFileSync(
      join(outdir, 'icons', `${name.replace(/(@2x)?$/, '-light$1')}.png`),
      lightIcon(readFileSync(`assets/icons/${name}.png`)),
    );
  const meta = `${outdir}-meta.json`;
  writeFileSync(meta, JSON.stringify(result.metafile));
  const bytes = statSync(join(outdir, 'main.js')).size;
  const tf = Object.keys(result.metafile.inputs).filter((p) => p.includes('node_modules/@tensorflow'));
  if (tf.length > 0) throw new Error(`the panel bundle pulls in tfjs: ${tf.slice(0, 3).join(', ')}`);
  if (readFileSync(join(outdir, 'main.js'), 'utf8').includes('WebAssembly'))
    throw new Error('the panel bundle uses WebAssembly, which UXP does not have');
  if (bytes > MAX_BUNDLE_BYTES)
    throw new Error(`the panel bundle is ${bytes} bytes; at most ${MAX_BUNDLE_BYTES}`);
  return { bytes, meta };
}

// Runs when executed (`node scripts/build-plugin.mjs [--outdir DIR]`) and when scripts/build.mjs imports it.
const at = process.argv.indexOf('--outdir');
const outdir = at > 0 && process.argv[1]?.endsWith('build-plugin.mjs') ? process.argv[at + 1] : 'dist/plugin';
const { bytes } = await buildPlugin({ outdir });
console.log(`built ${outdir} (main.js ${(bytes / 1024).toFixed(0)} KiB)`);
