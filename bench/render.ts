/**
 * Renderer speed against a native synth: the same 60 s of dense full band (melody, harmony, bass, drums) as
 * one MIDI file, rendered by Debian's `fluidsynth` (`fluidsynth -ni -R 1 -C 1 -F out.wav -r 48000 SF MIDI`:
 * reverb and chorus on, as ours are; its default 4-point interpolation, as spessasynth's Hermite) and by
 * `renderWav` (synthesis with reverb and chorus, loudness normalisation, limiter, 16-bit WAV) with the same
 * SoundFont, rounds interleaved so both see the same machine load. Times are CPU seconds (the machine is
 * shared; wall seconds are printed too), best of the rounds, per second of audio written. fluidsynth plays
 * the piece {@link REPEAT} times in one run (its SoundFont load then weighs little against the rendering)
 * and writes the release tail past the last end too (cheap seconds with few voices: this favours it).
 *
 * - steady (end to end): the panel's case, the SoundFont parsed once and the code warmed by one untimed
 *   render: our whole render against fluidsynth's run less its load (a run of a MIDI file without notes).
 * - synth only: our synthesis alone (float PCM, no loudness, limiter or WAV) against the same fluidsynth run.
 * - cold: parsing the SoundFont and rendering once from a fresh start, against fluidsynth's load plus one
 *   piece at its steady rate.
 *
 * Exits non-zero when the steady end-to-end ratio is above 1.5 (or fluidsynth is missing: then only our
 * times print). Run: `npm run bench render` (or `node --import tsx bench/render.ts [rounds]`, default 9).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SHIPPED_SOUNDFONT } from '../cli/render/files';
import { midiToSequence, sequenceToMidi } from '../core/codec/midi';
import { decodeWav, renderWav, synthesize } from '../core/render';
import type { Note, NoteSequence, Role } from '../core/sequence';
import { durationSeconds, emptySequence, sortNotes } from '../core/sequence';

/** Highest steady ratio accepted (our time / fluidsynth's, per second of audio). */
const TARGET = 1.5;
const ROUNDS = Number(process.argv[2] ?? 9);
/** Times fluidsynth plays the piece in one run, so that its load (decoding the SoundFont) weighs little. */
const REPEAT = 3;
const PROGRAMS: Record<Role, number> = { melody: 0, harmony: 48, bass: 33, drums: 0 };

/** 30 bars of 4/4 at 120 bpm (60 s): eighth-note melody, 4-note string chords, eighth bass, 16th hats. */
function band(): NoteSequence {
  const seq = emptySequence(120);
  const notes: Note[] = [];
  const add = (role: Role, pitch: number, start: number, length: number, velocity: number): void => {
    notes.push({
      pitch,
      start,
      end: start + length,
      velocity,
      role,
      program: PROGRAMS[role],
      isDrum: role === 'drums',
    });
  };
  const roots = [48, 45, 41, 43];
  for (let bar = 0; bar < 30; bar++) {
    const t = bar * 4;
    const root = roots[bar % 4];
    for (const p of [0, 4, 7, 12]) add('harmony', root + 12 + p, t, 4, 72);
    for (let e = 0; e < 8; e++) {
      add('melody', root + 24 + [0, 4, 7, 12, 7, 4, 2, 4][e], t + e / 2, 0.45, 70 + ((e * 13) % 40));
      add('bass', root - 12 + (e % 4 === 3 ? 7 : 0), t + e / 2, 0.4, 95);
    }
    for (let s = 0; s < 16; s++) add('drums', 42, t + s / 4, 0.1, s % 2 ? 55 : 85);
    for (const b of [0, 2.5]) add('drums', 36, t + b, 0.2, 120);
    for (const b of [1, 3]) add('drums', 38, t + b, 0.2, 110);
  }
  seq.notes = sortNotes(notes);
  seq.totalBeats = 120;
  return seq;
}

interface Timing {
  wall: number;
  cpu: number;
}

/** Runs a command under /usr/bin/time (CPU seconds of the child) when there is one. */
function timed(cmd: string, args: string[]): Timing {
  const t0 = performance.now();
  if (existsSync('/usr/bin/time')) {
    const r = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', cmd, ...args], { encoding: 'utf8' });
    const wall = (performance.now() - t0) / 1000;
    const m = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
    if (r.status !== 0 || !m) throw new Error(`${cmd} failed: ${r.stderr}`);
    return { wall, cpu: Number(m[1]) + Number(m[2]) };
  }
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  const wall = (performance.now() - t0) / 1000;
  return { wall, cpu: wall };
}

async function ours<T>(job: () => Promise<T>): Promise<Timing & { value: T }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await job();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, value };
}

const best = (xs: Timing[]): Timing => ({
  wall: Math.min(...xs.map((x) => x.wall)),
  cpu: Math.min(...xs.map((x) => x.cpu)),
});

const dir = mkdtempSync(join(tmpdir(), 'ag-bench-render-'));
const midiPath = join(dir, 'band.mid');
writeFileSync(midiPath, sequenceToMidi(band()));
// A MIDI file without notes: fluidsynth loads the SoundFont, renders nothing and exits.
const emptyPath = join(dir, 'empty.mid');
writeFileSync(emptyPath, sequenceToMidi({ ...emptySequence(120), totalBeats: 0 }));
const seq = midiToSequence(new Uint8Array(readFileSync(midiPath)));
const audio = durationSeconds(seq);
const soundfontPath = SHIPPED_SOUNDFONT;
const bytes = new Uint8Array(readFileSync(soundfontPath));
const fluid = spawnSync('fluidsynth', ['--version']).status === 0;

const cold = await ours(() => renderWav(seq, bytes.slice()));
// Untimed: parses `bytes` (the steady rounds reuse its bank) and lets the JIT finish compiling the render.
await renderWav(seq, bytes);
let last = cold.value;
const runs: { ours: Timing[]; synth: Timing[]; full: Timing[]; load: Timing[] } = {
  ours: [],
  synth: [],
  full: [],
  load: [],
};
let fluidSeconds = 0;
const fluidOut = join(dir, 'fluid.wav');
const fluidArgs = (out: string, midi: string[]): string[] => [
  '-ni',
  '-q',
  '-R',
  '1',
  '-C',
  '1',
  '-F',
  out,
  '-r',
  '48000',
  soundfontPath,
  ...midi,
];
for (let r = 0; r < ROUNDS; r++) {
  const o = await ours(() => renderWav(seq, bytes));
  runs.ours.push(o);
  runs.synth.push(await ours(() => synthesize(seq, bytes)));
  last = o.value;
  if (!fluid) continue;
  runs.full.push(timed('fluidsynth', fluidArgs(fluidOut, new Array<string>(REPEAT).fill(midiPath))));
  runs.load.push(timed('fluidsynth', fluidArgs(join(dir, 'empty.wav'), [emptyPath])));
}
// Read once, after the timed rounds (decoding it makes garbage that a timed render would collect).
if (fluid) fluidSeconds = decodeWav(new Uint8Array(readFileSync(fluidOut))).channels[0].length / 48000;
rmSync(dir, { recursive: true, force: true });

const o = best(runs.ours);
const synth = best(runs.synth);
const f2 = (x: number): string => x.toFixed(2);
console.log(
  `notes: ${seq.notes.length}, audio: ${f2(audio)} s, SoundFont ${soundfontPath}, ${ROUNDS} rounds`,
);
console.log(
  `ours steady (SoundFont reused): ${f2(o.cpu)} s CPU, ${f2(o.wall)} s wall (${f2(audio / o.wall)}x real time)`,
);
console.log(`ours synth only (no loudness, limiter, WAV): ${f2(synth.cpu)} s CPU, ${f2(synth.wall)} s wall`);
console.log(`ours cold (parse + render): ${f2(cold.cpu)} s CPU, ${f2(cold.wall)} s wall`);
console.log(
  `result: ${last.lufs.toFixed(2)} LUFS, peak ${last.peakDbfs.toFixed(2)} dBFS, limiter ${last.limitedDb.toFixed(2)} dB, ${f2(last.seconds)} s`,
);
if (!fluid) {
  console.log('fluidsynth is not installed (apt-get install fluidsynth): no ratio');
  process.exit(0);
}
const full = best(runs.full);
const load = best(runs.load);
const render = { cpu: Math.max(1e-3, full.cpu - load.cpu), wall: Math.max(1e-3, full.wall - load.wall) };
console.log(
  `fluidsynth: whole run ${f2(full.cpu)} s CPU (${f2(full.wall)} s wall), load alone ${f2(load.cpu)} s CPU, render ${f2(render.cpu)} s CPU, ${f2(fluidSeconds)} s of audio`,
);
const perFluid = render.cpu / fluidSeconds;
const steady = o.cpu / audio / perFluid;
// fluidsynth's run for one piece: its load, and the piece at its steady rate.
const coldRatio = cold.cpu / (load.cpu + perFluid * audio);
console.log(
  `ratio steady, end to end (per audio second, CPU): ${f2(steady)}x fluidsynth (target <= ${TARGET})`,
);
console.log(
  `ratio steady, synth only (per audio second, CPU): ${f2(synth.cpu / audio / perFluid)}x fluidsynth`,
);
console.log(`ratio cold (one piece from a fresh start, CPU): ${f2(coldRatio)}x fluidsynth (load + piece)`);
if (steady > TARGET) {
  console.error(`FAIL: the renderer takes ${f2(steady)}x fluidsynth's time (target <= ${TARGET})`);
  process.exit(1);
}
