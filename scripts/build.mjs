// Builds the hosts with esbuild: the Node CLI (and its worker entry points) into dist/cli.
import { build } from 'esbuild';
import { readdirSync, existsSync } from 'node:fs';

const cliEntries = [
  'cli/main.ts',
  ...readdirSync('cli/workers')
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `cli/workers/${f}`),
];

await build({
  entryPoints: cliEntries,
  outdir: 'dist/cli',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Bundle pure dependencies (some are CommonJS without named ESM exports); keep those with native or
  // WebAssembly parts, and the MIDI/WebSocket stacks, as runtime imports.
  external: ['jzz', 'webmidi', 'ws', 'spessasynth_core', '@tensorflow/*'],
  sourcemap: true,
  // Bundled CommonJS dependencies require Node built-ins: give the ESM bundle a require().
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
});

if (existsSync('scripts/build-plugin.mjs')) await import('./build-plugin.mjs');
console.log('built dist/cli');
