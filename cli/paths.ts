/** Where the package's files are, from source (cli/...) and from the bundle (dist/cli/...) alike. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The package root: the nearest folder above this module with a package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  root = dir;
  return dir;
}

/** A path inside the package's `assets/` folder. */
export function assetPath(...parts: string[]): string {
  return join(packageRoot(), 'assets', ...parts);
}
