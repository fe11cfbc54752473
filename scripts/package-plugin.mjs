// `npm run package`: builds the panel and zips dist/plugin into dist/audiogenesis-<version>.ccx, the file
// users double-click (Creative Cloud installs it). A .ccx is a zip with manifest.json at its root; it is
// written with fflate: fixed timestamps, sorted entries, so the same files give the same bytes.
//   node scripts/package-plugin.mjs [--from dist/plugin] [--out FILE.ccx] [--no-build]
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';

/** Every file under `dir`, as zip names (forward slashes), sorted. */
export function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

/** A zip archive of `entries` ([name, bytes]), deflated, with a fixed timestamp (same files, same bytes). */
export function zip(entries) {
  const files = Object.fromEntries(entries.map(([name, data]) => [name, new Uint8Array(data)]));
  return zipSync(files, { level: 9, mtime: new Date(1980, 0, 1) });
}

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const from = arg('--from', 'dist/plugin');
if (!process.argv.includes('--no-build'))
  execFileSync(process.execPath, ['scripts/build-plugin.mjs', '--outdir', from], { stdio: 'inherit' });
const manifest = JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8'));
const out = arg('--out', `dist/audiogenesis-${manifest.version}.ccx`);
const names = listFiles(from);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, zip(names.map((n) => [n, readFileSync(join(from, n))])));
console.log(`packaged ${names.length} files into ${out} (${(statSync(out).size / 1048576).toFixed(1)} MiB)`);
