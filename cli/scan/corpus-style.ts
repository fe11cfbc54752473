/**
 * A corpus's own style for the files whose labels name none (`data scan --style pop909=pop`): POP909's
 * `index.csv` gives titles and artists, not a style, yet every song is a pop song.
 */
import type { Style } from '../../core/conditioning';
import { STYLES } from '../../core/conditioning';
import { UsageError } from '../../core/errors';
import { styleOfLabel } from '../../core/features/annotations';
import type { ScanTask } from './layout';

/** Style by corpus name (the folder {@link ScanTask.corpus} names). */
export type CorpusStyles = Readonly<Record<string, Style>>;

/** What a `--style` label rests on (its `basis`; `trustedStyle` distrusts only Discogs genres). */
export const CORPUS_STYLE_BASIS = 'corpus style given to the scan (--style)';

/**
 * Parses `--style` values of the form `CORPUS=STYLE`, the style read as a corpus's label is
 * (`styleOfLabel`: `Jazz`, `hip-hop`).
 * @throws {UsageError} for a value without `=`, an empty corpus, a style that names none of STYLES, or a
 *   corpus named twice.
 */
export function parseCorpusStyles(values: readonly string[]): CorpusStyles {
  const out: Record<string, Style> = {};
  for (const v of values) {
    const m = /^([^=]+)=(.+)$/.exec(v.trim());
    if (!m) throw new UsageError(`--style takes CORPUS=STYLE, not "${v}"`);
    const corpus = m[1].trim();
    const style = styleOfLabel(m[2]);
    if (style === 'unknown')
      throw new UsageError(`--style ${v}: "${m[2].trim()}" is not one of ${STYLES.join(', ')}`);
    if (Object.hasOwn(out, corpus)) throw new UsageError(`--style names corpus "${corpus}" twice`);
    out[corpus] = style;
  }
  return out;
}

/** `task` with its corpus's style when its labels name none; otherwise `task` unchanged. */
export function withCorpusStyle(task: ScanTask, styles: CorpusStyles): ScanTask {
  const style = Object.hasOwn(styles, task.corpus) ? styles[task.corpus] : undefined;
  if (!style || task.labels.style) return task;
  return { ...task, labels: { ...task.labels, style, basis: CORPUS_STYLE_BASIS } };
}
