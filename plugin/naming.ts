/**
 * Where the panel's files go and what they are called: a folder beside the saved project (the plugin's
 * data folder for an unsaved one), and a name that no existing file has, so nothing is ever overwritten.
 * Paths are native (either separator), handled as plain strings.
 */
import { HostError } from '../core/errors';
import type { HostFiles, ProjectInfo } from './host/types';

/** Settings of {@link outputFolder} and {@link uniqueBase}; every field has a default. */
export interface NamingOptions {
  /** Folder made beside the project. Default "Audiogenesis". */
  folderName?: string;
  /** Most suffixes tried (-2, -3...) before giving up. Default 9999. */
  maxTries?: number;
}

const DEFAULTS: Required<NamingOptions> = { folderName: 'Audiogenesis', maxTries: 9999 };

/** The separator a native path uses ("\\" for Windows paths, else "/"). */
export function separator(path: string): string {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/';
}

/** The folder part of a native path ("" when it has none). */
export function dirname(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (i < 0) return '';
  return i === 0 ? path.slice(0, 1) : path.slice(0, i);
}

/** The last part of a native path. */
export function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Joins a folder and a name with the folder's own separator. */
export function joinPath(folder: string, name: string): string {
  if (!folder) return name;
  const sep = separator(folder);
  return folder.endsWith('/') || folder.endsWith('\\') ? folder + name : folder + sep + name;
}

/** The folder the panel writes into: beside the saved project, else in the plugin's data folder. */
export async function outputFolder(
  project: ProjectInfo,
  files: HostFiles,
  options: NamingOptions = {},
): Promise<string> {
  const o = { ...DEFAULTS, ...options };
  const base = project.path ? dirname(project.path) : await files.dataFolder();
  return joinPath(base, o.folderName);
}

/**
 * The first of `base`, `base-2`, `base-3`... for which no file `<name><ext>` exists for any of `exts`,
 * so that a result's files (e.g. `.wav` and `.json`) share one fresh name.
 * @throws {HostError} (`no-free-name`) after `maxTries` names.
 */
export async function uniqueBase(
  files: HostFiles,
  folder: string,
  base: string,
  exts: readonly string[],
  options: NamingOptions = {},
): Promise<string> {
  const o = { ...DEFAULTS, ...options };
  for (let i = 1; i <= o.maxTries; i++) {
    const name = i === 1 ? base : `${base}-${i}`;
    const taken = await Promise.all(exts.map((ext) => files.exists(joinPath(folder, name + ext))));
    if (!taken.some(Boolean)) return name;
  }
  throw new HostError(
    `There are already ${o.maxTries} files called "${base}" in ${folder}. Move some of them elsewhere and try again.`,
    'no-free-name',
  );
}
