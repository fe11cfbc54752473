import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../cli/commands/data';
import { PACKED_FIELDS } from '../../core/model/data';
import type { CorpusRow } from '../../core/features/corpus';
import { discoverAll } from '../../cli/scan/layout';
import { processTask } from '../../cli/scan/process';
import { sequenceToMidi } from '../../core/codec/midi';
import { chordId } from '../../core/features/chords';
import type { Note } from '../../core/sequence';
import type { StreamIndexRow } from '../../cli/scan/shards';
import { writeCorpus, writePlainFolder } from '../fixtures/corpus';
import { ensureCliBuilt } from '../helpers/build';

let corpus: { root: string; dirs: string[] };
const outs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'ag-scan-'));
  outs.push(d);
  return d;
};
const jsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
const rows = (dir: string): CorpusRow[] => jsonl<CorpusRow>(join(dir, 'manifest.jsonl'));

beforeAll(() => {
  corpus = writeCorpus();
});
afterAll(() => {
  for (const d of [corpus.root, ...outs]) rmSync(d, { recursive: true, force: true });
});

describe('corpus scanner', () => {
  it("reads a corpus' chords by bar and key (MMA's `chords`, `bars`, `key`, `mode` labels) for the streams", () => {
    const dir = tmp();
    const bass = [36, 38, 43].map((pitch, k): Note => ({
      pitch,
      start: [0, 4, 6][k],
      end: [0, 4, 6][k] + 1,
      velocity: 90,
      role: 'bass',
      program: 33,
      isDrum: false,
      track: 0,
    }));
    const midi = sequenceToMidi({
      notes: bass,
      tempos: [{ beat: 0, bpm: 120 }],
      timeSignatures: [{ beat: 0, numerator: 4, denominator: 4 }],
      keySignatures: [],
      tracks: [{ name: 'Bass', program: 33, isDrum: false, role: 'bass' }],
      totalBeats: 8,
    });
    writeFileSync(join(dir, 'x.mid'), midi);
    writeFileSync(join(dir, 'y.mid'), midi);
    writeFileSync(
      join(dir, 'labels.csv'),
      'file,style,bars,chords,key,mode\nx.mid,pop,2,C | Dm7 G7,Bb,minor\ny.mid,pop,,,,\n',
    );
    const tasks = discoverAll(dir).tasks;
    const x = tasks.find((t) => t.id.endsWith('x.mid'))!;
    expect(x.barChords).toEqual({ entries: ['C', 'Dm7 G7'], bars: 2 });
    expect(x.keyLabel).toBe('Bb:min');
    const y = tasks.find((t) => t.id.endsWith('y.mid'))!;
    expect([y.barChords, y.keyLabel]).toEqual([undefined, undefined]);
    const result = processTask(x);
    if (!result.ok) throw new Error(result.reason);
    expect(result.row.chords).toBe('annotated');
    expect([result.row.key, result.row.keySource]).toEqual([{ tonic: 10, mode: 'minor' }, 'annotation']);
    const events = result.streams.find((s) => s.role === 'bass')!.data;
    // Packed events: the chord id is byte 5 of each 7-byte event, in onset order (C, Dm7, G7).
    const chords = Array.from(
      { length: events.length / PACKED_FIELDS },
      (_, i) => events[i * PACKED_FIELDS + 5],
    );
    expect(chords).toEqual([
      chordId({ root: 0, quality: 'maj' }),
      chordId({ root: 2, quality: 'min' }),
      chordId({ root: 7, quality: 'maj' }),
    ]);
  });

  it('accounts for every file: read, or skipped with its reason', async () => {
    const out = tmp();
    const s = await scan(corpus.dirs, out, 0);
    expect(s.files).toBe(8);
    expect(s.read).toBe(5);
    expect(s.skipped).toBe(3);
    const skipped = readFileSync(join(out, 'skipped.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; reason: string });
    expect(skipped.map((x) => x.id).sort()).toEqual(['bad/empty.mid', 'bad/text.mid', 'bad/truncated.mid']);
    for (const x of skipped) expect(x.reason).toMatch(/^MidiParseError: /);
    expect(s.keyAgreement).toEqual({
      files: 2,
      same: expect.any(Number),
      sameOrRelative: expect.any(Number),
    });
  });

  it('reads the side files: annotated key and beats, chords, labels, TD-11 drums mapped to GM', async () => {
    const out = tmp();
    await scan(corpus.dirs, out, 0);
    const byId = new Map(rows(out).map((r) => [r.id, r]));
    const pop = byId.get('pop/001/001.mid')!;
    expect(pop.key).toEqual({ tonic: 7, mode: 'minor' });
    expect(pop.keySource).toBe('annotation');
    expect(pop.foundKey?.mode).toBe('minor');
    expect(pop.grid).toBe('annotated');
    expect(pop.chords).toBe('annotated');
    expect(pop.tempo).toBeCloseTo(90, 3);
    expect(pop.roles).toEqual(['melody', 'harmony', 'bass']);
    expect(pop.song).toBe('pop/001');
    const emo = byId.get('emo/midis/Q3_xyz_0.mid')!;
    expect([emo.quadrant, emo.valence, emo.arousal]).toEqual(['Q3', -0.6, -0.6]);
    expect(emo.grid).toBe('tracked');
    expect(emo.roles).toContain('melody');
    const drums = byId.get('drums/drummer1/session1/1_funk_100_beat_4-4.mid')!;
    expect([drums.style, drums.hasDrums, drums.grid, drums.tempo]).toEqual(['funk', true, 'file', 100]);
    const index = readFileSync(join(out, 'index.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const dr = index.find((r) => r.id === drums.id && r.role === 'drums');
    const bin = readFileSync(join(out, `${dr.split}.bin`));
    const pitches = Array.from({ length: dr.length }, (_, i) => bin[(dr.offset + i) * PACKED_FIELDS]);
    expect(new Set(pitches)).toEqual(new Set([36, 42, 38, 46, 43]));
  });

  it('gives the same bytes on every run (split by song, sorted output)', async () => {
    const a = tmp();
    const b = tmp();
    await scan(corpus.dirs, a, 0);
    await scan(corpus.dirs.slice().reverse(), b, 0);
    for (const f of ['manifest.jsonl', 'index.jsonl', 'train.bin', 'valid.bin', 'skipped.jsonl'])
      expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f)))).toBe(true);
    const songs = new Map<string, string>();
    for (const r of rows(a)) {
      expect(songs.get(r.song) ?? r.split).toBe(r.split);
      songs.set(r.song, r.split);
    }
  });

  it('runs as `audiogenesis data scan` with worker threads and prints a summary', () => {
    ensureCliBuilt();
    const out = tmp();
    const stdout = execFileSync(
      process.execPath,
      ['bin/audiogenesis.js', 'data', 'scan', ...corpus.dirs, '--out', out, '--workers', '2'],
      { encoding: 'utf8' },
    );
    expect(stdout).toMatch(/files: 8 {2}read: 5 {2}skipped: 3/);
    expect(stdout).toMatch(/hours of music/);
    for (const table of [
      /^corpus +files +notes +hours$/m,
      /^style +files/m,
      /^role +files/m,
      /^ {2}drums +1 +32 /m,
    ])
      expect(stdout).toMatch(table);
    expect(stdout).toMatch(/^balance \(share of training events/m);
    expect(stdout).toMatch(/time: /);
    expect(readdirSync(out).sort()).toEqual([
      'index.jsonl',
      'manifest.jsonl',
      'skipped.jsonl',
      'summary.json',
      'train.bin',
      'valid.bin',
    ]);
  });

  it('learns each melody as one line with --melody-line, through the worker threads', () => {
    ensureCliBuilt();
    const dir = join(tmp(), 'two');
    mkdirSync(dir, { recursive: true });
    // A lead and a riff a third under it on every beat: 8 melody notes, 4 onsets.
    const note = (pitch: number, start: number, track: number): Note => ({
      pitch,
      start,
      end: start + 1,
      velocity: 80,
      role: 'melody',
      program: 80,
      isDrum: false,
      track,
    });
    const notes = [0, 1, 2, 3].flatMap((b) => [note(72 + b, b, 0), note(69 + b, b, 1)]);
    const tracks = ['Melody', 'Riff'].map((name) => ({
      name,
      program: 80,
      isDrum: false,
      role: 'melody' as const,
    }));
    writeFileSync(
      join(dir, 'a.mid'),
      sequenceToMidi({
        notes,
        tempos: [{ beat: 0, bpm: 100 }],
        timeSignatures: [{ beat: 0, numerator: 4, denominator: 4 }],
        keySignatures: [],
        tracks,
        totalBeats: 4,
      }),
    );
    const roleNotes = (flags: string[]): Record<string, number> => {
      const out = tmp();
      execFileSync(
        process.execPath,
        ['bin/audiogenesis.js', 'data', 'scan', dir, '--out', out, '--workers', '2', ...flags],
        {
          encoding: 'utf8',
        },
      );
      return rows(out)[0].roleNotes;
    };
    expect(roleNotes([])).toEqual({ melody: 8 });
    expect(roleNotes(['--melody-line'])).toEqual({ melody: 4 });
    expect(roleNotes(['--melody-line', '--melody-rest', 'harmony'])).toEqual({ melody: 4, harmony: 4 });
    for (const flags of [
      ['--melody-rest', 'harmony'],
      ['--melody-line', '--melody-rest', 'up'],
    ]) {
      const run = spawnSync(
        process.execPath,
        ['bin/audiogenesis.js', 'data', 'scan', dir, '--out', tmp(), ...flags],
        {
          encoding: 'utf8',
        },
      );
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/--melody-rest (goes with --melody-line|takes drop or harmony)/);
    }
  });

  it('fails with a usage error when --out is missing', () => {
    let code = 0;
    try {
      execFileSync(process.execPath, ['bin/audiogenesis.js', 'data', 'scan', corpus.dirs[0]], {
        stdio: 'pipe',
      });
    } catch (e) {
      code = (e as { status: number }).status;
    }
    expect(code).toBe(2);
  });
});

describe('scanning a plain folder of MIDI files (no labels, odd entries)', () => {
  let dir: string;
  let out: string;
  beforeAll(async () => {
    dir = writePlainFolder(corpus.root);
    out = tmp();
    await scan([dir], out, 0);
  }, 120_000);

  it('lists what it cannot read with the reason, and does not hang on a FIFO or loop on symlinks', () => {
    const skipped = jsonl<{ id: string; reason: string }>(join(out, 'skipped.jsonl'));
    expect(skipped).toEqual([
      { id: 'my-library/gone.mid', reason: 'dangling symlink' },
      { id: 'my-library/loop-a.mid', reason: 'symlink loop' },
      { id: 'my-library/loop-b.mid', reason: 'symlink loop' },
      { id: 'my-library/pipe.mid', reason: 'not a regular file (FIFO)' },
    ]);
    const ids = rows(out).map((r) => r.id);
    expect(ids).toHaveLength(45);
    expect(ids).toContain('my-library/ballad.kar');
    expect(ids).toContain('my-library/wrapped.rmi');
    expect(ids.filter((i) => i.includes('/again/'))).toEqual([]);
  });

  // Root reads every folder whatever its mode, so this one runs for other users only.
  it.skipIf(process.getuid?.() === 0)('lists an unreadable folder as skipped and scans the rest', () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    writeFileSync(join(locked, 'a.mid'), readFileSync(join(dir, 'song_1.mid')));
    chmodSync(locked, 0);
    try {
      const found = discoverAll(dir);
      expect(found.skipped).toContainEqual({ id: 'my-library/locked', reason: 'unreadable folder (EACCES)' });
      expect(found.tasks.length).toBe(45);
    } finally {
      chmodSync(locked, 0o755);
      rmSync(locked, { recursive: true });
    }
  });

  it('makes each file its own song, so both splits get songs', () => {
    const all = rows(out);
    const songs = new Set(all.filter((r) => /song_\d+/.test(r.id)).map((r) => r.song));
    expect(songs.size).toBe(41);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.songs.train).toBeGreaterThan(30);
    expect(summary.songs.valid).toBeGreaterThan(0);
    expect(new Set(all.map((r) => r.corpus))).toEqual(new Set(['my-library']));
  });

  it('reports notes repaired per file, SMPTE files without streams, and roles per track', () => {
    const byId = new Map(rows(out).map((r) => [r.id, r]));
    const shots = byId.get('my-library/one-shots.mid')!;
    expect([shots.read.repaired, shots.notes, shots.roles]).toEqual([32, 32, ['drums']]);
    const smpte = byId.get('my-library/smpte.mid')!;
    expect([smpte.grid, smpte.noStreams, smpte.read.timeBase]).toEqual([
      'none',
      'SMPTE time: no beat grid in the file',
      'smpte',
    ]);
    const song = byId.get('my-library/sub/song_30.mid')!;
    expect(song.tracks.map((t) => [t.name, t.role, t.family])).toEqual([
      ['Flute', 'melody', 'pipe'],
      ['Bass', 'bass', 'bass'],
      ['Drums', 'drums', 'drums'],
    ]);
    expect(song.style).toBe('unknown');
  });

  it('writes index rows with corpus, style and weight, and 7-byte events with the instrument family', () => {
    const index = jsonl<StreamIndexRow>(join(out, 'index.jsonl'));
    const flute = index.find((r) => r.id === 'my-library/song_1.mid' && r.role === 'melody')!;
    expect([flute.corpus, flute.style, flute.weight]).toEqual(['my-library', 'unknown', 1]);
    const bin = readFileSync(join(out, `${flute.split}.bin`));
    expect(bin.length % PACKED_FIELDS).toBe(0);
    const families = Array.from(
      { length: flute.length },
      (_, i) => bin[(flute.offset + i) * PACKED_FIELDS + 6],
    );
    expect(new Set(families)).toEqual(new Set([9])); // pipe
  });
});
