/**
 * EMOPIA-style labelled clips from disk for the emotion classifier: every MIDI file with a quadrant label
 * (EMOPIA's `labels.csv`, found by the scanner's layout rules), its song id, and its features computed on
 * the file's own notes (no grid: the clips are transcribed performances).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { midiToSequence } from '../../core/codec/midi';
import { AudiogenesisError, DataError } from '../../core/errors';
import { emotionFeatures } from '../../core/eval/emotion/features';
import type { EmotionClassifier, LabelledClip } from '../../core/eval/emotion/model';
import { checkEmotionClassifier } from '../../core/eval/emotion/model';
import type { Quadrant } from '../../core/eval/prompts';
import { QUADRANTS } from '../../core/eval/prompts';
import { discover } from '../scan/layout';

/**
 * Reads the labelled clips under `dir` (unreadable files and clips with fewer than 8 notes are skipped and
 * counted).
 * @throws {DataError} when the folder is missing or has no labelled clip.
 */
export function readLabelledClips(dir: string): { clips: LabelledClip[]; skipped: number } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new DataError(`not a folder: ${dir}`);
  const clips: LabelledClip[] = [];
  let skipped = 0;
  for (const task of discover(resolve(dir))) {
    const q = task.labels.quadrant as Quadrant | undefined;
    if (!q || !QUADRANTS.includes(q)) continue;
    try {
      const features = emotionFeatures(midiToSequence(new Uint8Array(readFileSync(task.path))));
      if (features) clips.push({ id: task.id, song: task.song, quadrant: q, features });
      else skipped++;
    } catch (err) {
      if (!(err instanceof AudiogenesisError)) throw err;
      skipped++;
    }
  }
  if (clips.length === 0) throw new DataError(`no clips with a quadrant label (Q1..Q4) under ${dir}`);
  return { clips, skipped };
}

/**
 * Reads a classifier file.
 * @throws {DataError} when it is missing, not JSON or not a classifier of this version.
 */
export function readClassifier(file: string): EmotionClassifier {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new DataError(`cannot read the emotion classifier ${file}`, { cause });
  }
  try {
    return checkEmotionClassifier(JSON.parse(text));
  } catch (err) {
    if (err instanceof DataError) throw err;
    throw new DataError(`${file} is not valid JSON`, { cause: err });
  }
}
