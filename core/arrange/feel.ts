/**
 * The feel of a piece: whether a stretch of the model's drum part is written on sixteenths (straight) or
 * on eighth-note triplets (swung, shuffled), so that tightening the drums onto a grid keeps the feel the
 * model wrote instead of straightening a swing into sixteenth syncopations; and the swing of the styles
 * that are played swung (a rule: {@link swingEighths}).
 */
import type { Style } from '../conditioning';
import type { Beats, Note } from '../sequence';
import { mended } from './mended';

/** Grid units, in beats: sixteenths, eighth-note triplets, and the sixteenth triplets of compound meters. */
export const GRID_UNIT = { sixteenth: 1 / 4, triplet: 1 / 3, compound: 1 / 6 } as const;

const TOL = 1 / 48;
const near = (f: number, x: number): boolean => Math.abs(f - x) < TOL;

/** Styles played straight: their drums sit on sixteenths whatever the model wrote (funk's sixteenths). */
export const STRAIGHT_STYLES: readonly Style[] = ['funk', 'rock', 'electronic', 'latin'];

/**
 * The grid a stretch of drums sits on. Compound meters (6/8, 12/8) keep their sixteenth triplets; a
 * straight style ({@link STRAIGHT_STYLES}) is on sixteenths and a swung one ({@link SWING_STYLES}) on
 * eighth-note triplets; in any other style the drums are swung when more of their onsets fall on a triplet
 * point of the beat (1/3, 2/3) than on a sixteenth point off the eighths (1/4, 3/4), and straight
 * otherwise (also when neither): the feel the model wrote.
 */
export function drumUnit(drums: readonly Note[], compound: boolean, style?: Style): Beats {
  if (compound) return GRID_UNIT.compound;
  if (style && STRAIGHT_STYLES.includes(style)) return GRID_UNIT.sixteenth;
  if (style && SWING_STYLES.includes(style)) return GRID_UNIT.triplet;
  let triplet = 0;
  let sixteenth = 0;
  for (const n of drums) {
    const f = n.start - Math.floor(n.start);
    if (near(f, 1 / 3) || near(f, 2 / 3)) triplet++;
    else if (near(f, 1 / 4) || near(f, 3 / 4)) sixteenth++;
  }
  return triplet > sixteenth ? GRID_UNIT.triplet : GRID_UNIT.sixteenth;
}

/** Styles played with a swung (triplet) eighth: their straight eighths are swung by {@link swingEighths}. */
export const SWING_STYLES: readonly Style[] = ['jazz', 'blues'];

const EPS = 1e-6;
/** Later by a sixth of a beat (from the off-beat eighth to the last triplet), on the twelve-a-beat grid. */
const swung = (t: Beats): Beats => (Math.round(t * 12) + 2) / 12;
const onFraction = (t: Beats, f: number): boolean => Math.abs(t - Math.floor(t + EPS) - f) < EPS;

/**
 * Swings the straight eighths of a piece in a swung style ({@link SWING_STYLES}, simple meters): in each
 * beat of each role that has no sixteenth off the eighths (a sixteenth figure stays as written), a note
 * that starts on the off-beat eighth moves to the beat's last triplet, and a note of that beat that ends
 * on the off-beat eighth ends there too. Moved notes are `mended` by `swing`.
 */
export function swingEighths(notes: readonly Note[], style: Style, compound: boolean): Note[] {
  if (compound || !SWING_STYLES.includes(style)) return [...notes];
  const sixteenths = new Set<string>();
  for (const n of notes)
    if (onFraction(n.start, 0.25) || onFraction(n.start, 0.75))
      sixteenths.add(`${n.role}@${Math.floor(n.start + EPS)}`);
  const straight = (n: Note, t: Beats): boolean =>
    onFraction(t, 0.5) && !sixteenths.has(`${n.role}@${Math.floor(t + EPS)}`);
  return notes.map((n) => {
    const start = straight(n, n.start) ? swung(n.start) : n.start;
    const end = straight(n, n.end) && n.end - n.start < 1 ? swung(n.end) : n.end;
    if (start === n.start && end === n.end) return n;
    return mended({ ...n, start, end: Math.max(end, start + 1 / 12) }, 'swing');
  });
}
