/**
 * A piano-roll picture of a NoteSequence as a plain RGBA raster: time in seconds on x (so it lines up with a
 * video timeline), pitch on y for pitched roles, the drums in a lane of their own at the bottom, one colour
 * per role with velocity as brightness, and bar lines from the time-signature map.
 */
import type { NoteSequence, Role } from '../sequence';
import { beatsPerBar, beatsToSeconds, durationSeconds } from '../sequence';

/** An RGB colour, 0..255 per component. */
export type Rgb = readonly [number, number, number];

/** An RGBA image, rows top to bottom, 4 bytes per pixel. */
export interface Raster {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Settings of {@link pianoRoll}; every field has a default. */
export interface PianoRollOptions {
  /** Image width in pixels. Default 1200. */
  width?: number;
  /** Image height in pixels. Default 400. */
  height?: number;
  /** Share of the height given to the drum lane when drums play. Default 0.2. */
  drumShare?: number;
  /** Background colour. */
  background?: Rgb;
  /** Colour of the bar lines. */
  barLine?: Rgb;
  /** Note colour of each role (at full velocity). */
  colours?: Partial<Record<Role, Rgb>>;
}

/** The default colour of each role. */
export const ROLE_COLOURS: Readonly<Record<Role, Rgb>> = {
  melody: [255, 176, 59],
  harmony: [92, 156, 255],
  bass: [84, 214, 124],
  drums: [232, 96, 208],
};

const DEFAULTS = {
  width: 1200,
  height: 400,
  drumShare: 0.2,
  background: [22, 24, 30] as Rgb,
  barLine: [70, 74, 86] as Rgb,
};
/** The dimmest a note gets (velocity 1), as a share of its role colour. */
const MIN_BRIGHTNESS = 0.3;

/**
 * Draws `seq` as a piano roll. An empty sequence gives the background with its bar lines.
 * @throws {RangeError} when the size is not a positive whole number of pixels.
 */
export function pianoRoll(seq: NoteSequence, options: PianoRollOptions = {}): Raster {
  const o = { ...DEFAULTS, ...options };
  const { width, height } = o;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0))
    throw new RangeError(`piano roll size must be positive integers, got ${width}x${height}`);
  const colours = { ...ROLE_COLOURS, ...o.colours };
  const data = new Uint8Array(width * height * 4);
  fill(data, width, 0, 0, width, height, o.background);

  const lastEnd = seq.notes.reduce((m, n) => Math.max(m, n.end), 0);
  const total = Math.max(durationSeconds(seq), beatsToSeconds(lastEnd, seq.tempos), 1e-9);
  const x = (beat: number): number => Math.round((beatsToSeconds(beat, seq.tempos) / total) * width);
  const drums = seq.notes.filter((n) => n.isDrum);
  const pitched = seq.notes.filter((n) => !n.isDrum);
  const drumHeight = drums.length > 0 ? Math.max(8, Math.round(height * o.drumShare)) : 0;
  const pitchHeight = height - drumHeight;

  for (const beat of barBeats(seq)) fill(data, width, x(beat), 0, 1, height, o.barLine);
  if (drumHeight > 0 && pitchHeight > 0) fill(data, width, 0, pitchHeight, width, 1, o.barLine);

  const draw = (n: NoteSequence['notes'][number], top: number, rowHeight: number): void => {
    const x0 = x(n.start);
    const w = Math.max(1, x(n.end) - x0 - 1);
    const k = MIN_BRIGHTNESS + ((1 - MIN_BRIGHTNESS) * (Math.min(127, Math.max(1, n.velocity)) - 1)) / 126;
    const c = colours[n.role];
    fill(data, width, x0, top, w, rowHeight, [c[0] * k, c[1] * k, c[2] * k]);
  };
  if (pitched.length > 0 && pitchHeight > 0) {
    const low = pitched.reduce((m, n) => Math.min(m, n.pitch), 127) - 2;
    const high = pitched.reduce((m, n) => Math.max(m, n.pitch), 0) + 2;
    const row = pitchHeight / (high - low + 1);
    for (const n of pitched) {
      const top = Math.floor((high - n.pitch) * row);
      draw(n, top, Math.max(1, Math.floor((high - n.pitch + 1) * row) - top));
    }
  }
  if (drumHeight > 0) {
    const kinds = [...new Set(drums.map((n) => n.pitch))].sort((a, b) => b - a);
    const row = (drumHeight - 1) / kinds.length;
    for (const n of drums) {
      const i = kinds.indexOf(n.pitch);
      const top = pitchHeight + 1 + Math.floor(i * row);
      draw(n, top, Math.max(1, Math.floor((i + 1) * row) - Math.floor(i * row)));
    }
  }
  return { width, height, data };
}

/** The beat of every bar line from 0 up to the sequence's end, following time-signature changes. */
export function barBeats(seq: NoteSequence): number[] {
  const signatures = seq.timeSignatures.length
    ? [...seq.timeSignatures].sort((a, b) => a.beat - b.beat)
    : [{ beat: 0, numerator: 4, denominator: 4 }];
  const beats: number[] = [];
  for (let i = 0; i < signatures.length; i++) {
    const end = i + 1 < signatures.length ? signatures[i + 1].beat : seq.totalBeats;
    const bar = beatsPerBar(signatures[i]);
    if (bar <= 0) continue;
    for (let b = signatures[i].beat; b < end - 1e-9 && beats.length < 100_000; b += bar) beats.push(b);
  }
  return beats;
}

function fill(
  data: Uint8Array,
  width: number,
  x0: number,
  y0: number,
  w: number,
  h: number,
  [r, g, b]: Rgb,
): void {
  const height = data.length / 4 / width;
  const xs = Math.max(0, x0);
  const xe = Math.min(width, x0 + w);
  for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++)
    for (let px = xs; px < xe; px++) {
      const at = (y * width + px) * 4;
      data[at] = r;
      data[at + 1] = g;
      data[at + 2] = b;
      data[at + 3] = 255;
    }
}
