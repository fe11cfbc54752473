/**
 * The evaluation's inputs, checked in order of cost: folders, the prompt file and the models first (a
 * typo there must not wait for minutes of corpus reading), then the corpora, whose unusable files are
 * listed (in the report and on stderr), and which must leave at least one reference piece.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { DataError } from '../../core/errors';
import { excerptChords, middleExcerpt } from '../../core/eval/excerpt';
import type { EvalPrompt } from '../../core/eval/prompts';
import { parsePrompts } from '../../core/eval/prompts';
import type { ReferenceSet } from '../../core/eval/report/evaluate';
import type { ReadCorpusOptions, SkippedFile } from './corpus';
import { readSequences } from './corpus';

/**
 * Checks that every folder exists.
 * @throws {DataError} naming the first that does not.
 */
export function checkFolders(dirs: readonly string[]): void {
  for (const d of dirs)
    if (!existsSync(d) || !statSync(d).isDirectory()) throw new DataError(`not a folder: ${d}`);
}

/**
 * Reads the prompt file (JSON when it ends in `.json`, else one prompt a line), the first `limit` prompts.
 * @throws {DataError} when it cannot be read, does not parse or holds no prompt.
 */
export function readPromptFile(file: string, limit?: number): EvalPrompt[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new DataError(`cannot read the prompt file ${file}`, { cause });
  }
  const prompts = parsePrompts(text, extname(file).toLowerCase() === '.json' ? 'json' : 'text');
  if (prompts.length === 0) throw new DataError(`the prompt file ${file} holds no prompt`);
  return prompts.slice(0, limit ?? Infinity);
}

/** Prints the files a reader skipped to stderr, one a line. */
export function reportSkipped(what: string, files: readonly SkippedFile[]): void {
  if (files.length === 0) return;
  console.error(`audiogenesis eval: ${files.length} ${what} file(s) skipped:`);
  for (const f of files) console.error(`  ${f.path}: ${f.reason}`);
}

/**
 * Reads a reference set: excerpts of `seconds` from the middle of at most `max` songs, with their annotated
 * chords cut the same way, and the files skipped (printed to stderr too).
 * @throws {DataError} when a folder is missing or no file under `dirs` is readable.
 */
export async function readReference(
  dirs: readonly string[],
  seconds: number,
  max: number,
  options: Omit<ReadCorpusOptions, 'onPiece' | 'onSkip'>,
): Promise<{ set: ReferenceSet; skipped: SkippedFile[] }> {
  const { pieces, skipped } = await readSequences(dirs, max, options);
  reportSkipped('reference', skipped);
  if (pieces.length === 0)
    throw new DataError(
      `no reference file is readable under ${dirs.join(', ')} (${skipped.length} skipped: ${skipped
        .slice(0, 3)
        .map((f) => `${f.path}: ${f.reason}`)
        .join('; ')}${skipped.length > 3 ? '; ...' : ''})`,
    );
  const excerpts = pieces.map((p) => middleExcerpt(p.sequence, seconds));
  return {
    set: {
      dirs,
      pieces: excerpts,
      chords: pieces.map((p, i) => (p.chords ? excerptChords(p.chords, excerpts[i]) : null)),
    },
    skipped,
  };
}
