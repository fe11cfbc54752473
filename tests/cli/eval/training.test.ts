import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../../cli/commands/data';
import { corpusFolders, defaultTraining, isScanOutput, readTraining } from '../../../cli/eval/training';
import { longestSharedRuns, tokenize } from '../../../core/eval/novelty';
import { sequenceToMidi } from '../../../core/codec/midi';
import type { Note } from '../../../core/sequence';
import { sortNotes } from '../../../core/sequence';

const note = (pitch: number, start: number, len: number, program: number): Note => ({
  pitch,
  start,
  end: start + len,
  velocity: 80,
  role: 'harmony',
  program,
  isDrum: false,
});
import { writeCorpus, writePlainFolder } from '../../fixtures/corpus';

let root: string;
let dirs: string[];
let scanned: string;

beforeAll(async () => {
  const corpus = writeCorpus();
  root = corpus.root;
  dirs = [...corpus.dirs, writePlainFolder(root)];
  scanned = mkdtempSync(join(tmpdir(), 'ag-training-'));
  await scan(dirs, scanned, 0);
}, 120_000);
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(scanned, { recursive: true, force: true });
});

describe('the novelty index over every training corpus', () => {
  it('reads a scan output as fast as its shards, and the corpus folders through the scanner, to the same index', async () => {
    expect(isScanOutput(scanned)).toBe(true);
    expect(isScanOutput(root)).toBe(false);
    const fromScan = await readTraining([scanned], 25);
    const fromFolders = await readTraining(dirs, 25);
    expect(fromScan.parts).toBe(fromFolders.parts);
    expect(fromScan.index.size).toBe(fromFolders.index.size);
    expect(fromScan.seeds).toEqual(fromFolders.seeds);
    // Per corpus: files read and pitched parts indexed (drums index none; the bad corpus reads nothing).
    expect(fromFolders.corpora).toEqual({
      drums: { files: 1, parts: 0 },
      emo: { files: 2, parts: 2 },
      'my-library': { files: 44, parts: 84 },
      pop: { files: 2, parts: 6 },
    });
    expect(fromScan.corpora).toEqual(fromFolders.corpora);
    expect(fromFolders.parts).toBe(92);
  });

  it('finds a copied melody of any corpus, transposed', async () => {
    const side = await readTraining([scanned], 25);
    // The flute melody of the plain folder's song_7 (pitches 60 + ((b + 7) % 7), one a beat), a fourth up.
    const copied: Note[] = Array.from({ length: 8 }, (_, b) => note(65 + ((b + 7) % 7), b + 16, 1, 73));
    const [run] = longestSharedRuns(side.index, [tokenize(copied)], { minNotes: 5, minPitches: 3 });
    expect([run.notes, run.beats]).toEqual([8, 7]);
  });

  it('indexes each instrument of a mixed role on its own, so a guitar riff is found inside a band', async () => {
    // One training file whose harmony interleaves a string pad and a guitar riff.
    const band = join(scanned, 'band');
    mkdirSync(band);
    const riff = [64, 67, 69, 71, 72, 71, 69, 67, 64, 62, 64, 67, 69, 67, 64, 62];
    const strings = [0, 2, 4, 6].flatMap((b) =>
      [48, 52, 55].map((p) => ({ ...note(p, b * 1.0, 2, 48), track: 0 })),
    );
    const guitar = riff.map((p, i) => ({ ...note(p, i / 2 + 0.25, 0.25, 27), track: 1 }));
    const tune = [0, 2, 4, 6].map((b) => ({ ...note(79 - b, b, 2, 73), role: 'melody' as const, track: 2 }));
    writeFileSync(
      join(band, 'riff.mid'),
      sequenceToMidi({
        notes: sortNotes([...strings, ...guitar, ...tune]),
        tempos: [{ beat: 0, bpm: 120 }],
        timeSignatures: [{ beat: 0, numerator: 4, denominator: 4 }],
        keySignatures: [],
        tracks: [
          { name: 'Strings', program: 48, isDrum: false, role: 'harmony' },
          { name: 'Guitar', program: 27, isDrum: false, role: 'harmony' },
          { name: 'Melody', program: 73, isDrum: false, role: 'melody' },
        ],
        totalBeats: 8,
      }),
    );
    const side = await readTraining([band], 25);
    expect(side.parts).toBe(4); // the melody, the harmony stream, then strings and guitar on their own
    const query = riff.map((p, i) => note(p - 2, i / 2 + 8, 0.5, 0));
    const [run] = longestSharedRuns(side.index, [tokenize(query)], { minNotes: 5, minPitches: 3 });
    expect(run.notes).toBe(16);
  });

  it('lists every corpus folder of a data root (the folders the check should cover by default)', () => {
    expect(corpusFolders(root).map((d) => d.slice(root.length + 1))).toEqual([
      'bad',
      'drums',
      'emo',
      'my-library',
      'pop',
    ]);
  });

  it('covers every corpus folder of the data root by default, and no folder when there is none', () => {
    expect(defaultTraining(root)).toEqual(corpusFolders(root));
    expect(defaultTraining(join(root, 'no-such-folder'))).toEqual([]);
    expect(defaultTraining(join(root, 'pop'))).toEqual(corpusFolders(join(root, 'pop')));
  });
});
