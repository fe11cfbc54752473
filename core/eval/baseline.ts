/**
 * The seed baseline's pieces for the side-by-side evaluation: the tutorial model continues a 25-note seed
 * (taken from the training set, as the tutorial does) with {@link generateBaseline} until the asked length
 * is filled. It reads no prompt; it gets the same seed number as the default model for the same prompt.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BaselineNote } from '../model/baseline';
import { generateBaseline } from '../model/baseline';
import { seededRandom } from '../random';
import type { Note, NoteSequence, Seconds } from '../sequence';
import { emptySequence } from '../sequence';

/** Settings of {@link baselinePiece}. */
export interface BaselinePieceOptions {
  /** Length to fill, seconds. */
  seconds: Seconds;
  /** Seed of the random source. */
  seed: number;
  /** Sampling temperature of the pitch. Default 1 (as `npm run bench model`). */
  temperature?: number;
  /** Tempo written in the MIDI: the tutorial writes seconds at MIDI's default 120 bpm. Default 120. */
  bpm?: number;
  /** Most notes generated (a collapsed step would otherwise never fill the length). Default 2000. */
  maxNotes?: number;
  /** Notes predicted per model call batch. Default 32. */
  chunk?: number;
}

/** Velocity of every note (the tutorial's `notes_to_midi` default). */
export const BASELINE_VELOCITY = 100;
/** Shortest note written, seconds (the regression can predict a zero duration). */
export const MIN_NOTE_SECONDS = 0.01;

/** A neutral seed when no training melody is at hand: 25 quarter notes up and down C major at 120 bpm. */
export function fallbackSeed(window = 25): BaselineNote[] {
  const scale = [60, 62, 64, 65, 67, 69, 71, 72, 71, 69, 67, 65, 64, 62];
  return Array.from({ length: window }, (_, i) => ({
    pitch: scale[i % scale.length],
    step: 0.5,
    duration: 0.5,
  }));
}

/**
 * Generates one baseline piece: a single melody (GM piano) of notes whose onsets and lengths come from the
 * regression heads in seconds, written at {@link BaselinePieceOptions.bpm}.
 */
export function baselinePiece(
  model: tf.LayersModel,
  seedNotes: readonly BaselineNote[],
  options: BaselinePieceOptions,
): NoteSequence {
  const { seconds, bpm = 120, maxNotes = 2000, chunk = 32 } = options;
  const rng = seededRandom(options.seed);
  const window = seedNotes.length;
  let recent = [...seedNotes];
  const notes: Note[] = [];
  const beats = (s: Seconds): number => (s * bpm) / 60;
  let start = 0;
  let generated = 0;
  while (start < seconds && generated < maxNotes) {
    const next = generateBaseline(model, recent, chunk, rng, options.temperature ?? 1);
    generated += next.length;
    for (const n of next) {
      start += n.step;
      if (start >= seconds) break;
      const end = Math.min(seconds, start + Math.max(MIN_NOTE_SECONDS, n.duration));
      notes.push({
        pitch: n.pitch,
        start: beats(start),
        end: beats(Math.max(end, start + MIN_NOTE_SECONDS)),
        velocity: BASELINE_VELOCITY,
        role: 'melody',
        program: 0,
        isDrum: false,
        track: 0,
      });
    }
    recent = [...recent, ...next].slice(-window);
  }
  const seq = emptySequence(bpm);
  seq.notes = notes;
  seq.tracks = [{ name: 'melody', program: 0, isDrum: false, role: 'melody' }];
  seq.totalBeats = Math.max(beats(seconds), ...notes.map((n) => n.end));
  return seq;
}
