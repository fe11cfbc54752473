import { beforeAll, describe, expect, it } from 'vitest';
import { loadSoundfont } from '../../../cli/render/files';
import { RenderError } from '../../../core/errors';
import { dcOffsetDbfs, integratedLoudness, rmsDbfs, samplePeakDbfs } from '../../../core/render/loudness';
import type { RenderResult } from '../../../core/render/render';
import { renderWav } from '../../../core/render/render';
import { decodeWav } from '../../../core/render/wav';
import type { NoteSequence } from '../../../core/sequence';
import { durationSeconds, emptySequence } from '../../../core/sequence';
import { bandPiece } from './fixture';

let soundfont: Uint8Array;
let piece: NoteSequence;
let result: RenderResult;

beforeAll(async () => {
  soundfont = await loadSoundfont();
  piece = bandPiece();
  result = await renderWav(piece, soundfont);
});

describe('renderWav', () => {
  it('writes a 48 kHz stereo 16-bit PCM WAV with a correct RIFF header', () => {
    const v = new DataView(result.wav.buffer, result.wav.byteOffset);
    const text = (at: number): string => new TextDecoder().decode(result.wav.subarray(at, at + 4));
    expect([text(0), text(8), text(12), text(36)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
    expect(v.getUint32(4, true)).toBe(result.wav.length - 8);
    expect(v.getUint16(20, true)).toBe(1);
    expect(v.getUint16(22, true)).toBe(2);
    expect(v.getUint32(24, true)).toBe(48000);
    expect(v.getUint32(28, true)).toBe(48000 * 4);
    expect(v.getUint16(34, true)).toBe(16);
    expect(v.getUint32(40, true)).toBe(result.wav.length - 44);
  });

  it('lasts the sequence duration (tempo change included), to within 50 ms', () => {
    const wav = decodeWav(result.wav);
    expect(durationSeconds(piece)).toBeCloseTo(8 * 0.5 + 8 * 0.6, 9);
    expect(Math.abs(wav.channels[0].length / 48000 - durationSeconds(piece))).toBeLessThan(0.05);
    expect(result.seconds).toBeCloseTo(durationSeconds(piece), 3);
  });

  it('peaks at or under -1 dBFS, is not silent, and measures -16 LUFS within 1 LU', () => {
    const { channels } = decodeWav(result.wav);
    const peak = samplePeakDbfs(channels);
    expect(peak).toBeLessThanOrEqual(-1);
    expect(result.peakDbfs).toBeLessThanOrEqual(-1);
    expect(rmsDbfs(channels)).toBeGreaterThan(-50);
    const lufs = integratedLoudness(channels, 48000);
    expect(Math.abs(lufs + 16)).toBeLessThan(1);
    expect(Math.abs(result.lufs - lufs)).toBeLessThan(0.05);
    // Both channels carry sound (stereo, not one side only).
    expect(rmsDbfs([channels[1]])).toBeGreaterThan(-50);
  });

  it('fades out: the last 10 ms are near silence', () => {
    const { channels } = decodeWav(result.wav);
    const n = channels[0].length;
    expect(rmsDbfs([channels[0].subarray(n - 480), channels[1].subarray(n - 480)])).toBeLessThan(-50);
  });

  it('renders a loop without a fade, with the tail past the end folded into the start', async () => {
    // One long chord that starts at 0 and is held to the end: its release and reverb ring past the end.
    const seq = emptySequence(120);
    seq.totalBeats = 8;
    seq.notes = [60, 64, 67].map((pitch) => ({
      pitch,
      start: 4,
      end: 8,
      velocity: 100,
      role: 'harmony' as const,
      program: 48,
      isDrum: false,
    }));
    const loop = await renderWav(seq, soundfont, { loop: true });
    const plain = await renderWav(seq, soundfont);
    expect(loop.seconds).toBeCloseTo(4, 6);
    const a = decodeWav(loop.wav).channels;
    const b = decodeWav(plain.wav).channels;
    const head = (c: Float32Array[]) => rmsDbfs([c[0].subarray(0, 4800), c[1].subarray(0, 4800)]);
    expect(head(b)).toBe(-Infinity); // nothing plays in the first 0.1 s...
    expect(head(a)).toBeGreaterThan(-60); // ...but the loop's start carries the end's tail
    const n = a[0].length;
    const end = (c: Float32Array[]) => rmsDbfs([c[0].subarray(n - 480), c[1].subarray(n - 480)]);
    expect(end(a)).toBeGreaterThan(-40); // no fade-out at the loop point
  });

  it("takes out the DC offset that a pad's samples and the reverb put in (FluidR3's Warm Pad)", async () => {
    // Program 89's samples sit off zero (their mean is about half their RMS); the normaliser cannot hear
    // that, and without the DC blocker this chord came out about a third of full scale off zero.
    const seq = emptySequence(96);
    seq.totalBeats = 8;
    seq.notes = [48, 55, 64].map((pitch) => ({
      pitch,
      start: 0,
      end: 8,
      velocity: 80,
      role: 'harmony' as const,
      program: 89,
      isDrum: false,
    }));
    const { channels } = decodeWav((await renderWav(seq, soundfont)).wav);
    expect(dcOffsetDbfs(channels)).toBeLessThan(-40); // -10.3 dBFS before the blocker
    for (const c of channels) expect(rmsDbfs([c])).toBeGreaterThan(-30);
  });

  it('renders an empty sequence as silence of its length, without NaN', async () => {
    const empty = emptySequence(90);
    empty.totalBeats = 6;
    const r = await renderWav(empty, soundfont);
    const { channels } = decodeWav(r.wav);
    expect(channels[0].length).toBe(4 * 48000);
    expect(channels.every((c) => c.every((x) => x === 0))).toBe(true);
    expect(r.lufs).toBe(-Infinity);
    expect(r.peakDbfs).toBe(-Infinity);
    expect(Number.isNaN(r.seconds)).toBe(false);
    expect((await renderWav(emptySequence(), soundfont)).wav.length).toBe(44);
  });

  it('is deterministic: the same sequence renders to the same bytes', async () => {
    const short: NoteSequence = { ...piece, notes: piece.notes.filter((n) => n.end <= 4), totalBeats: 4 };
    const a = await renderWav(short, soundfont);
    const b = await renderWav(short, soundfont);
    expect(Buffer.from(a.wav).equals(Buffer.from(b.wav))).toBe(true);
  });

  it('throws RenderError for bytes that are not a SoundFont', async () => {
    await expect(renderWav(piece, new Uint8Array([1, 2, 3]))).rejects.toBeInstanceOf(RenderError);
    const fakeRiff = new TextEncoder().encode('RIFF\x10\x00\x00\x00sfbkLIST\x00\x00\x00\x00');
    await expect(renderWav(piece, fakeRiff)).rejects.toBeInstanceOf(RenderError);
  });
});
