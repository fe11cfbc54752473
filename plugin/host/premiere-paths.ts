/**
 * Matching a project item's media path to the file the panel wrote, robustly: Premiere may report it
 * Unicode-normalised differently (macOS file names are NFD), with the other separator or a drive letter in
 * another case (Windows), through a UNC share or a symlink. Full paths are compared normalised; failing
 * that, the file name alone (the panel's names are fresh, so within its own bin one name is one file).
 */

/** A path in one canonical form: NFC, forward slashes, no doubled or trailing slash, case folded on Windows. */
export function normalisePath(path: string): string {
  const p = path.normalize('NFC').replace(/\\/g, '/');
  const unc = p.startsWith('//');
  let q = p.replace(/\/{2,}/g, '/').replace(/\/+$/, '');
  if (unc) q = `/${q}`;
  // Windows (drive letters, UNC shares) and macOS's default volumes ignore case.
  return q.toLowerCase();
}

/** The last part of a path, normalised as {@link normalisePath} does. */
export function normalisedName(path: string): string {
  const p = normalisePath(path);
  return p.slice(p.lastIndexOf('/') + 1);
}

/** How well `media` (what Premiere reports) matches `wanted` (what was written): 2 same path, 1 same name. */
export function pathMatch(media: string, wanted: string): 0 | 1 | 2 {
  if (!media || !wanted) return 0;
  if (normalisePath(media) === normalisePath(wanted)) return 2;
  return normalisedName(media) === normalisedName(wanted) ? 1 : 0;
}
