/**
 * Training data for the generators: role streams from the scanner's shards (7 bytes an event: pitch, step,
 * duration, velocity, role, chord, instrument family), turned key-relative, with metric positions (cut
 * into windows and batched by `batch.ts`). Pure: the bytes and index rows come from the host.
 */
import { GRID, REST } from '../codec/events';
import type { NoteEvent } from '../codec/events';
import type { Conditioning } from '../conditioning';
import { conditioningVector } from '../conditioning';
import { transposeChordId } from '../features/chords';
import { POSITIONS } from './config';
import type { EventInput } from './fields';
import { EVENT_INPUTS } from './fields';

/**
 * Bytes per packed event in a shard, in this order: pitch (0..127, 128 rest), step, duration, velocity bin,
 * role index, chord id, instrument family id (`features/family.ts`; a rest has its next note's family).
 */
export const PACKED_FIELDS = 7;
/** Byte offset of the instrument family in a packed event. */
export const FAMILY_FIELD = 6;

/**
 * Packs a role stream's events, the chord id and the instrument family id at each event into shard bytes
 * (read by {@link makeStream}). Without `families`, every event gets family 0.
 */
export function packEvents(
  events: readonly NoteEvent[],
  chords: readonly number[],
  families: readonly number[] = [],
): Uint8Array {
  const data = new Uint8Array(events.length * PACKED_FIELDS);
  events.forEach((e, i) =>
    data.set(
      [e.pitch, e.step, e.duration, e.velocity, e.role, chords[i], families[i] ?? 0],
      i * PACKED_FIELDS,
    ),
  );
  return data;
}

/**
 * One row of the scanner's `index.jsonl`. `conditioning.style` is `'unknown'` (no style one-hot set) when
 * the file has no trustworthy style label. `corpus`, `style` and `weight` come from scans since the
 * multi-corpus scanner (older scans lack them: weight 1).
 */
export interface StreamRef {
  split: 'train' | 'valid';
  id: string;
  role: string;
  offset: number;
  length: number;
  conditioning: Conditioning;
  /** The corpus the file belongs to (e.g. `mma`, `pop909`). */
  corpus?: string;
  /** The style the stream trains with, `unknown` when its file has no trustworthy label. */
  style?: string;
  /**
   * Sampling weight per event (mean 1 over the scan): a batcher that draws windows in proportion to
   * `weight * length` balances corpora and styles as the scan's summary reports.
   */
  weight?: number;
}

/** A role stream ready for the model: inputs per event (BOS first), plus its conditioning vector. */
export interface Stream {
  id: string;
  role: string;
  /** Columns, each of length `length` (BOS event at 0). */
  cols: Record<EventInput, Int32Array>;
  cond: Float32Array;
  /** Instrument family id per event (BOS: the first event's); not a network input. */
  family: Int32Array;
  /** Sampling weight per event (the index row's, else 1). */
  weight: number;
  tempo: number;
  /** Semitones added to pitches to move the tonic to C (0 for drums). */
  shift: number;
  length: number;
}

/** Semitones that move a tonic to the nearest C. */
export function tonicShift(tonic: number): number {
  return tonic <= 6 ? -tonic : 12 - tonic;
}

/** Metric position (grid steps into the bar, capped at POSITIONS - 1). */
export function barPosition(onset: number, barSteps: number): number {
  return Math.min(POSITIONS - 1, onset % barSteps);
}

/** Builds a stream from packed bytes and its index row (the first event becomes a BOS rest). */
export function makeStream(bytes: Uint8Array, ref: StreamRef, keyRelative: boolean): Stream {
  const n = ref.length + 1;
  const cols = Object.fromEntries(EVENT_INPUTS.map((k) => [k, new Int32Array(n)])) as Record<
    EventInput,
    Int32Array
  >;
  const drums = ref.role === 'drums';
  const shift = keyRelative && !drums ? tonicShift(ref.conditioning.key.tonic) : 0;
  const meter = ref.conditioning.meter;
  const barSteps = Math.max(1, Math.round((meter.numerator * 4 * GRID) / meter.denominator));
  const family = new Int32Array(n);
  cols.pitch[0] = REST;
  cols.role[0] = bytes[ref.offset * PACKED_FIELDS + 4];
  family[0] = bytes[ref.offset * PACKED_FIELDS + FAMILY_FIELD];
  let onset = 0;
  for (let i = 0; i < ref.length; i++) {
    const o = (ref.offset + i) * PACKED_FIELDS;
    const p = bytes[o];
    onset += bytes[o + 1];
    cols.pitch[i + 1] = p === REST ? REST : Math.min(127, Math.max(0, p + shift));
    cols.step[i + 1] = bytes[o + 1];
    cols.duration[i + 1] = bytes[o + 2];
    cols.velocity[i + 1] = bytes[o + 3];
    cols.role[i + 1] = bytes[o + 4];
    cols.chord[i + 1] = transposeChordId(bytes[o + 5], shift);
    cols.position[i + 1] = barPosition(onset, barSteps);
    family[i + 1] = bytes[o + FAMILY_FIELD];
  }
  return {
    id: ref.id,
    role: ref.role,
    cols,
    // A style outside STYLES ('unknown') sets no style one-hot: conditioningVector skips it.
    cond: Float32Array.from(conditioningVector(ref.conditioning)),
    family,
    weight: ref.weight ?? 1,
    tempo: ref.conditioning.tempo,
    shift,
    length: n,
  };
}
