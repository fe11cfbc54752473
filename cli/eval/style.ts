/**
 * Labelled pieces from disk for the style classifier: every MIDI file whose corpus labels give a
 * trustworthy style (`trustedStyle`: not `unknown`, not of low confidence, not a recording's genre) and a
 * beat grid, placed by the scanner's own pipeline and quantized to its grid, with its features.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { quantizeNotes } from '../../core/codec/events';
import type { Style } from '../../core/conditioning';
import { AudiogenesisError, DataError } from '../../core/errors';
import { trustedStyle } from '../../core/features/annotations';
import { placedSequence } from '../../core/features/corpus';
import { styleFeatures } from '../../core/eval/style/features';
import type { LabelledPiece, StyleClassifier } from '../../core/eval/style/model';
import { checkStyleClassifier } from '../../core/eval/style/model';
import { discover } from '../scan/layout';
import { MAX_FILE_BYTES } from '../scan/process';

/** Labelled pieces and what was left out, by reason. */
export interface StylePieces {
  pieces: LabelledPiece[];
  left: Record<string, number>;
}

/**
 * Reads the labelled pieces under `dirs` (corpus folders or a folder of corpora). Drums-only files (Groove,
 * MMA's drum-machine patterns) are left out: the classifier judges full pieces, and a file without
 * pitched notes would teach it that the absence of a band is a style.
 * @throws {DataError} when a folder is missing.
 */
export function readStylePieces(dirs: readonly string[]): StylePieces {
  const out: StylePieces = { pieces: [], left: {} };
  const leave = (why: string): void => void (out.left[why] = (out.left[why] ?? 0) + 1);
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new DataError(`not a folder: ${dir}`);
    for (const task of discover(resolve(dir))) {
      const style = trustedStyle(task.labels);
      if (style.style === 'unknown') leave(`no trustworthy style (${style.why})`);
      else if (task.noGrid) leave('no beat grid');
      else if (statSync(task.path).size > MAX_FILE_BYTES) leave('file too large');
      else
        try {
          const { sequence } = placedSequence(new Uint8Array(readFileSync(task.path)), task.drumKit);
          if (sequence.notes.every((n) => n.isDrum)) {
            leave('drums only');
            continue;
          }
          const features = styleFeatures({ ...sequence, notes: quantizeNotes(sequence.notes) });
          if (features)
            out.pieces.push({ id: task.id, song: task.song, style: style.style as Style, features });
          else leave('too short');
        } catch (err) {
          if (!(err instanceof AudiogenesisError)) throw err;
          leave('unreadable');
        }
    }
  }
  return out;
}

/**
 * Reads a style classifier file.
 * @throws {DataError} when it is missing, not JSON or not a classifier of this version.
 */
export function readStyleClassifier(file: string): StyleClassifier {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new DataError(`cannot read the style classifier ${file}`, { cause });
  }
  try {
    return checkStyleClassifier(JSON.parse(text));
  } catch (err) {
    if (err instanceof DataError) throw err;
    throw new DataError(`${file} is not valid JSON`, { cause: err });
  }
}

/** Held-out top-1 accuracy of the full model below which `data train-style` exits non-zero. */
export const STYLE_TARGET = 0.5;

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** The held-out figures of one model as printed lines: per style, then the confusion matrix. */
export function styleScoreLines(c: StyleClassifier, set: 'full' | 'notes'): string[] {
  const s = c.training.holdout?.[set];
  if (!s) return [];
  const out = [
    `${set} model: top-1 ${pct(s.accuracy)} (${pct(s.balancedAccuracy)} averaged over styles), top-3 ${pct(s.top3)} of ${s.pieces} held-out pieces`,
  ];
  for (const [style, r] of Object.entries(s.perStyle).sort())
    out.push(
      `  ${style.padEnd(11)} ${String(r.pieces).padStart(4)}  top-1 ${pct(r.accuracy).padStart(6)}  top-3 ${pct(r.top3).padStart(6)}`,
    );
  const short = c.classes.map((x) => x.slice(0, 4));
  out.push(`  confusion (rows: true, columns: predicted): ${short.join(' ')}`);
  c.classes.forEach((style, i) => {
    if (s.confusion[i].some((x) => x > 0))
      out.push(`  ${style.padEnd(11)} ${s.confusion[i].map((x) => String(x).padStart(4)).join('')}`);
  });
  return out;
}
