/**
 * The training set's side of the evaluation: the novelty index over every pitched part, and the melodies
 * the seed baseline starts from (25 notes each, as in `npm run bench model`).
 */
import { decodeEvents } from '../../core/codec/events';
import type { BaselineNote } from '../../core/model/baseline';
import { baselineSeed } from '../../core/model/baseline';
import { makeStream, PACKED_FIELDS } from '../../core/model/data';
import type { NoveltyIndex } from '../../core/eval/novelty';
import { addPart, emptyIndex } from '../../core/eval/novelty';
import type { ReadCorpusOptions } from './corpus';
import { readCorpus, unpackEvents } from './corpus';

/** What the training corpora give the evaluation. */
export interface TrainingSide {
  index: NoveltyIndex;
  /** Pitched parts indexed. */
  parts: number;
  /** Melody openings for the baseline, sorted by file id. */
  seeds: BaselineNote[][];
}

/** Reads the training corpora: indexes every pitched role stream; keeps melody openings of `window` notes. */
export async function readTraining(
  dirs: readonly string[],
  window: number,
  options: Omit<ReadCorpusOptions, 'onPiece'> = {},
): Promise<TrainingSide> {
  const index = emptyIndex();
  let parts = 0;
  const seeds: { id: string; notes: BaselineNote[] }[] = [];
  await readCorpus(dirs, {
    ...options,
    onPiece: (piece) => {
      for (const s of piece.streams) {
        if (s.role === 'drums') continue;
        addPart(index, decodeEvents(unpackEvents(s.data)));
        parts++;
        const length = s.data.length / PACKED_FIELDS;
        if (s.role !== 'melody' || length <= window + 1) continue;
        const stream = makeStream(
          s.data,
          {
            split: piece.row.split,
            id: piece.id,
            role: s.role,
            offset: 0,
            length,
            conditioning: s.conditioning,
          },
          false,
        );
        const notes = baselineSeed(stream, window);
        if (notes.length === window) seeds.push({ id: piece.id, notes });
      }
    },
  });
  seeds.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { index, parts, seeds: seeds.map((s) => s.notes) };
}
