/**
 * Renderer speed: 60 s of dense full-band music (melody, harmony, bass, drums) rendered to a finished WAV,
 * reported as seconds of audio per second of wall time. Run with `node --import tsx bench/render.ts` or
 * `npm run bench render`. The SoundFont's parse and first sample decode are timed apart (a warm-up render).
 */
import { performance } from 'node:perf_hooks';
import { loadSoundfont } from '../cli/render/files';
import { renderWav } from '../core/render';
import type { Note, NoteSequence, Role } from '../core/sequence';
import { durationSeconds, emptySequence, sortNotes } from '../core/sequence';

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

const t0 = performance.now();
const soundfont = await loadSoundfont();
const warm = band();
warm.notes = warm.notes.filter((n) => n.start < 8);
warm.totalBeats = 8;
await renderWav(warm, soundfont);
const warmMs = performance.now() - t0;

const seq = band();
const ROUNDS = 2;
const times: number[] = [];
let last;
for (let r = 0; r < ROUNDS; r++) {
  const s = performance.now();
  last = await renderWav(seq, soundfont);
  times.push((performance.now() - s) / 1000);
}
const best = Math.min(...times);
const audio = durationSeconds(seq);
console.log(`notes: ${seq.notes.length}, audio: ${audio.toFixed(2)} s`);
console.log(`load + warm-up (SoundFont parse, 4 s render): ${warmMs.toFixed(0)} ms`);
console.log(`render 60 s: ${times.map((t) => t.toFixed(2)).join(' s, ')} s (best ${best.toFixed(2)} s)`);
console.log(`speed: ${(audio / best).toFixed(1)}x real time (target: 60 s in <= 3 s, i.e. >= 20x)`);
process.exitCode = audio / best >= 20 ? 0 : 1;
console.log(
  `result: ${last!.lufs.toFixed(2)} LUFS, peak ${last!.peakDbfs.toFixed(2)} dBFS, limiter ${last!.limitedDb.toFixed(2)} dB, ${(last!.wav.length / 1e6).toFixed(2)} MB`,
);
