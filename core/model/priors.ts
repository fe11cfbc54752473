/**
 * Per-role priors measured on the training streams (median density, register and dynamics of each role),
 * stored in config.json, and the same per style where the training streams of a style are enough: a
 * hip-hop drum part is busier than the median drum part, a funk bass busier than the median bass, and the
 * model learned each style at its own density. Generation turns a piece's overall density (0..1, 0.3 =
 * typical) into each role's own density around its style's median (the role's median when the style has
 * too few streams), as the model saw it in training.
 */
import type { Conditioning, Style } from '../conditioning';
import { STYLES } from '../conditioning';
import type { Role } from '../sequence';
import { ROLES } from '../sequence';
import { ModelLoadError } from '../errors';

/** Medians of one role's conditioning in the training data. */
export interface RolePrior {
  density: number;
  register: number;
  dynamics: number;
}

/** Priors of every role. */
export type RolePriors = Record<Role, RolePrior>;

/** Priors of the roles of each style that had enough training streams (a style or role missing: none). */
export type StylePriors = Partial<Record<Style, Partial<RolePriors>>>;

/**
 * Roles that get a style's own prior: the bass and the drums. The styled corpora's melody streams are
 * groove riffs and chorale sopranos, not the tunes a melody role writes, so the melody keeps the overall
 * prior; so does the harmony: a style's harmony streams are the several parts of a groove's accompaniment
 * (chords, arpeggios, strums), each dense for one part, and a piece's one harmony part asked for their
 * median (pop 0.63, jazz 0.65, funk 0.88 against 0.34 overall) came out as a swarm of short scattered
 * notes on the piano (the evaluation's piano harmony parts: 15 notes a second against 6.5; one upbeat pop
 * piece: 1,330 notes in 30 s against 254).
 */
export const STYLE_PRIOR_ROLES: readonly Role[] = ['bass', 'drums'];

/** Fewest training streams of a role in a style for the style's own prior. */
export const MIN_STYLE_STREAMS = 10;

/**
 * How far a piece's register may move each role from its median (register units, 72 semitones each): 0.3
 * either way (about 22 semitones). The parts' spans (`core/arrange/range.ts`) keep what the model writes
 * there playable; a tighter cap (0.05 up, 0.12 down) lost the whole mood gain on development seeds
 * (asked quadrant 58.5% against 67.3% uncapped): the contrast between happy and tense music is heard.
 */
export const REGISTER_SHIFT = { down: 0.3, up: 0.3 } as const;

/** Typical values, used when a config has no measured priors. */
export const FALLBACK_PRIORS: RolePriors = {
  melody: { density: 0.2, register: 0.6, dynamics: 0.6 },
  harmony: { density: 0.35, register: 0.45, dynamics: 0.5 },
  bass: { density: 0.1, register: 0.25, dynamics: 0.55 },
  drums: { density: 0.4, register: 0.35, dynamics: 0.65 },
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/** Measures priors from streams' conditioning (rows of the scanner's index). */
export function measurePriors(rows: readonly { role: string; conditioning: Conditioning }[]): RolePriors {
  const out = { ...FALLBACK_PRIORS };
  for (const role of ROLES) {
    const rs = rows.filter((r) => r.role === role).map((r) => r.conditioning);
    if (rs.length === 0) continue;
    out[role] = {
      density: median(rs.map((c) => c.density)),
      register: median(rs.map((c) => c.register)),
      dynamics: median(rs.map((c) => c.dynamics)),
    };
  }
  return out;
}

/**
 * Measures the priors of each style's accompaniment ({@link STYLE_PRIOR_ROLES}) from streams with a style
 * (`unknown` and unlabelled streams left out), for each role of which a style has at least
 * {@link MIN_STYLE_STREAMS} streams.
 */
export function measureStylePriors(
  rows: readonly { role: string; style?: string; conditioning: Conditioning }[],
): StylePriors {
  const out: StylePriors = {};
  for (const style of STYLES) {
    const rs = rows.filter((r) => r.style === style);
    const measured = measurePriors(rs);
    const roles = STYLE_PRIOR_ROLES.filter(
      (role) => rs.filter((r) => r.role === role).length >= MIN_STYLE_STREAMS,
    );
    if (roles.length > 0) out[style] = Object.fromEntries(roles.map((role) => [role, measured[role]]));
  }
  return out;
}

/**
 * The conditioning one role is written under: the piece's attributes, with density scaled around the
 * median of the role in the piece's style (`stylePriors`; the role's median in `priors` when the style has
 * none: overall density 0.3 gives the median; each +0.4 doubles it) and that median's register moved
 * as far as the piece's register is from 0.5, within {@link REGISTER_SHIFT} (in training each stream's
 * register is its own mean pitch, so a piece asked 0.1 lower writes every role about 7 semitones lower).
 */
export function roleConditioning(
  piece: Conditioning,
  role: Role,
  priors: RolePriors = FALLBACK_PRIORS,
  stylePriors: StylePriors = {},
): Conditioning {
  const p = stylePriors[piece.style]?.[role] ?? priors[role];
  const density = Math.min(1, Math.max(0, p.density * 2 ** ((piece.density - 0.3) * 2.5)));
  const shift = Math.min(REGISTER_SHIFT.up, Math.max(-REGISTER_SHIFT.down, piece.register - 0.5));
  const register = Math.min(1, Math.max(0, p.register + shift));
  return { ...piece, density, register, dynamics: piece.dynamics };
}

const isUnit = (x: unknown): boolean => typeof x === 'number' && x >= 0 && x <= 1;

/** @throws {ModelLoadError} unless `prior` has density, register and dynamics in 0..1. */
function checkPrior(prior: unknown, where: string): void {
  const p = (prior ?? {}) as Partial<Record<keyof RolePrior, unknown>>;
  if (!isUnit(p.density) || !isUnit(p.register) || !isUnit(p.dynamics))
    throw new ModelLoadError(`config.json ${where} needs density, register and dynamics in 0..1`);
}

/** @throws {ModelLoadError} when `role` is not one of {@link ROLES}. */
function checkRole(role: string, where: string): void {
  if (!(ROLES as readonly string[]).includes(role))
    throw new ModelLoadError(`config.json ${where} names no role "${role}"`);
}

/**
 * Checks a config's `training.priors` (absent is fine: {@link FALLBACK_PRIORS} serve): every role, and
 * no other, each with density, register and dynamics in 0..1 (generation reads each role's).
 * @throws {ModelLoadError} naming the first role or value that is not.
 */
export function checkRolePriors(raw: unknown): RolePriors | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null)
    throw new ModelLoadError('config.json training.priors is not an object');
  for (const role of Object.keys(raw)) checkRole(role, 'training.priors');
  for (const role of ROLES) checkPrior((raw as Record<string, unknown>)[role], `training.priors.${role}`);
  return raw as RolePriors;
}

/**
 * Checks a config's `training.stylePriors` (absent is fine): known styles and roles, each prior's density,
 * register and dynamics in 0..1.
 * @throws {ModelLoadError} naming the first style, role or value that is not.
 */
export function checkStylePriors(raw: unknown): StylePriors | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null)
    throw new ModelLoadError('config.json training.stylePriors is not an object');
  for (const [style, roles] of Object.entries(raw)) {
    if (!(STYLES as readonly string[]).includes(style))
      throw new ModelLoadError(`config.json training.stylePriors names no style "${style}"`);
    for (const [role, prior] of Object.entries((roles ?? {}) as object)) {
      checkRole(role, `training.stylePriors.${style}`);
      checkPrior(prior, `training.stylePriors.${style}.${role}`);
    }
  }
  return raw as StylePriors;
}
