/**
 * The panel's form as plain values, and its checked translation into {@link GenerateSettings}: length,
 * tempo, key, style, instruments, variation (seed), loop, hits on the cuts and stems. Empty fields mean "as the prompt says".
 */
import type { ComposeOverrides } from '../../core/overrides';
import type { Style } from '../../core/conditioning';
import { STYLES } from '../../core/conditioning';
import { FieldError } from './form-error';
import type { Mode, Role } from '../../core/sequence';
import { PITCH_CLASS_NAMES, ROLES } from '../../core/sequence';
import type { GenerateSettings } from '../flow';

/** The form's raw values, as the widgets hold them. */
export interface FormValues {
  script: string;
  clipNames: boolean;
  markers: boolean;
  transcript: boolean;
  /** Land a hit on each cut of the picture. */
  hitCuts: boolean;
  /** Render stems and place them instead of the mix. */
  placeStems: boolean;
  /** Seconds, or "" for the timeline's length. */
  seconds: string;
  /** BPM, or "" for the prompt's. */
  tempo: string;
  /** "tonic:mode" (e.g. "4:minor"), or "" for the prompt's. */
  key: string;
  /** A style, or "" for the prompt's. */
  style: string;
  /** Whether {@link roles} replaces the prompt's instruments. */
  chooseRoles: boolean;
  roles: Role[];
  /** Variation (seed), a whole number. */
  seed: string;
  loop: boolean;
}

/** The key picker's entries: value "tonic:mode" and label "E minor". */
export const KEY_CHOICES: readonly { value: string; label: string }[] = PITCH_CLASS_NAMES.flatMap(
  (name, tonic) =>
    (['major', 'minor'] as const).map((mode) => ({ value: `${tonic}:${mode}`, label: `${name} ${mode}` })),
);

/** The style picker's entries. */
export const STYLE_CHOICES: readonly Style[] = STYLES;

/** Tempo range accepted as an override, bpm. */
export const TEMPO_LIMITS = [20, 300] as const;

const number = (text: string): number | undefined => {
  const t = text.trim();
  return t === '' ? undefined : Number(t);
};

/**
 * Checks the form and builds the settings.
 * @throws {FieldError} (a PromptError) with a plain sentence, on the field that is wrong.
 */
export function settingsFrom(v: FormValues): GenerateSettings {
  const seconds = number(v.seconds);
  if (seconds !== undefined && !(seconds >= 1 && seconds <= 600))
    throw new FieldError(
      'seconds',
      'The length must be a number of seconds from 1 to 600 (or empty: the timeline decides).',
    );
  const seed = number(v.seed) ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1)
    throw new FieldError('seed', 'The variation must be a whole number from 0 to 4294967295.');
  const overrides: ComposeOverrides = {};
  const tempo = number(v.tempo);
  if (tempo !== undefined) {
    if (!(tempo >= TEMPO_LIMITS[0] && tempo <= TEMPO_LIMITS[1]))
      throw new FieldError(
        'tempo',
        `The tempo must be from ${TEMPO_LIMITS[0]} to ${TEMPO_LIMITS[1]} bpm (or empty).`,
      );
    overrides.tempo = tempo;
  }
  if (v.key) {
    const [tonic, mode] = v.key.split(':');
    if (!KEY_CHOICES.some((k) => k.value === v.key)) throw new FieldError('key', `Unknown key "${v.key}".`);
    overrides.key = { tonic: Number(tonic), mode: mode as Mode };
  }
  if (v.style) {
    if (!(STYLES as readonly string[]).includes(v.style))
      throw new FieldError('style', `Unknown style "${v.style}".`);
    overrides.style = v.style as Style;
  }
  if (v.chooseRoles) {
    const roles = ROLES.filter((r) => v.roles.includes(r));
    if (roles.length === 0)
      throw new FieldError('choose-roles', 'Tick at least one instrument, or untick "Choose instruments".');
    overrides.roles = roles;
  }
  return {
    sources: { script: v.script, clipNames: v.clipNames, markers: v.markers, transcript: v.transcript },
    seconds,
    seed,
    loop: v.loop,
    overrides,
    hitCuts: v.hitCuts,
    stems: v.placeStems,
  };
}
