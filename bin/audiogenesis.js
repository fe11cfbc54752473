#!/usr/bin/env node
// The `audiogenesis` command: runs the esbuild bundle of cli/ (built by `npm run build`, also on `npm ci`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  console.error('audiogenesis: the CLI is not built yet; run `npm run build` first.');
  process.exit(2);
}
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv.slice(2));
