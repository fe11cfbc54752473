/**
 * The conditioning schema: the musical attributes that steer the LSTM (MuseCoco's text -> attributes ->
 * music route), shared by the corpus scanner (which measures them), the embedder (which predicts them from
 * text), the arranger and the model (which reads {@link conditioningVector} at every step).
 */
import type { Bpm, Mode, Role } from './sequence';
import { isCompound, ROLES } from './sequence';

/** Styles the model knows. Corpus labels and prompt words map onto these. */
export const STYLES = [
  'pop',
  'rock',
  'funk',
  'jazz',
  'latin',
  'hiphop',
  'soul',
  'electronic',
  'ambient',
  'cinematic',
  'corporate',
  'acoustic',
  'orchestral',
  'lofi',
  'blues',
  'country',
  'reggae',
] as const;
/** One of {@link STYLES}. */
export type Style = (typeof STYLES)[number];

/** The attributes that steer generation. All numbers are normalised as documented per field. */
export interface Conditioning {
  /** Tempo in bpm (20..300). */
  tempo: Bpm;
  /** Key: tonic pitch class 0..11 (0 = C) and mode. */
  key: { tonic: number; mode: Mode };
  /** Meter, e.g. 4/4, 3/4, 6/8. */
  meter: { numerator: number; denominator: number };
  /** Valence in [-1, 1] (sad .. happy); 0 when unknown. */
  valence: number;
  /** Arousal in [-1, 1] (calm .. energetic); 0 when unknown. */
  arousal: number;
  /** Note density in [0, 1]: notes per beat of the role being written, / 8, clamped. */
  density: number;
  /** Dynamics in [0, 1]: mean velocity / 127. */
  dynamics: number;
  /** Register in [0, 1]: mean pitch mapped from MIDI 24..96. */
  register: number;
  style: Style;
  /** Roles that play in the piece. */
  roles: Role[];
}

/** Where the style one-hot starts in {@link conditioningVector}'s output (after nine scalars). */
const STYLE_OFFSET = 9;

/** Length of {@link conditioningVector}'s output. */
export const CONDITIONING_SIZE = STYLE_OFFSET + STYLES.length + ROLES.length;

/** The schema's version; a model's config.json records it and loading checks it. */
export const CONDITIONING_VERSION = 1;

const clamp = (x: number, lo: number, hi: number): number =>
  Math.min(hi, Math.max(lo, Number.isFinite(x) ? x : 0));

/**
 * Density (0..1) from notes per beat.
 */
export function densityFromNotesPerBeat(notesPerBeat: number): number {
  return clamp(notesPerBeat / 8, 0, 1);
}

/** Register (0..1) from a mean MIDI pitch. */
export function registerFromPitch(meanPitch: number): number {
  return clamp((meanPitch - 24) / 72, 0, 1);
}

/**
 * The numbers the LSTM reads at every step, in this order:
 * `[tempo, mode, valence, arousal, density, dynamics, register, triple, compound, ...style one-hot, ...roles]`.
 * Tempo is log2(bpm / 120) clamped to [-1.5, 1.5]; mode is +1 major, -1 minor. The tonic is not in the
 * vector: the model writes key-relative pitches that are transposed to the tonic afterwards.
 */
export function conditioningVector(c: Conditioning): number[] {
  const v = new Array<number>(CONDITIONING_SIZE).fill(0);
  v[0] = clamp(Math.log2(clamp(c.tempo, 20, 300) / 120), -1.5, 1.5);
  v[1] = c.key.mode === 'major' ? 1 : -1;
  v[2] = clamp(c.valence, -1, 1);
  v[3] = clamp(c.arousal, -1, 1);
  v[4] = clamp(c.density, 0, 1);
  v[5] = clamp(c.dynamics, 0, 1);
  v[6] = clamp(c.register, 0, 1);
  v[7] = c.meter.numerator % 3 === 0 ? 1 : 0;
  v[8] = isCompound(c.meter) ? 1 : 0;
  const s = STYLES.indexOf(c.style);
  if (s >= 0) v[STYLE_OFFSET + s] = 1;
  for (const r of c.roles) v[STYLE_OFFSET + STYLES.length + ROLES.indexOf(r)] = 1;
  return v;
}

/**
 * A conditioning vector with its style one-hot cleared: the conditioning of a piece whose style is not
 * known (as the model saw EMOPIA's and POP909's files in training), everything else kept. The other half
 * of style guidance (`core/model/guidance.ts`).
 */
export function withoutStyle(v: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(v as ArrayLike<number>);
  out.fill(0, STYLE_OFFSET, STYLE_OFFSET + STYLES.length);
  return out;
}

/** Neutral conditioning: 100 bpm, C major, 4/4, mid everything, pop, all roles. */
export function defaultConditioning(): Conditioning {
  return {
    tempo: 100,
    key: { tonic: 0, mode: 'major' },
    meter: { numerator: 4, denominator: 4 },
    valence: 0,
    arousal: 0,
    density: 0.3,
    dynamics: 0.6,
    register: 0.5,
    style: 'pop',
    roles: [...ROLES],
  };
}
