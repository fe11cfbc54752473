/**
 * Resolves explicit requests and mood into a {@link Conditioning}: explicit requests always win; what is not
 * asked for follows the mood (arousal -> tempo, density, dynamics, drums; valence -> mode, register).
 */
import type { Conditioning, Style } from '../conditioning';
import { conditioningVector, defaultConditioning } from '../conditioning';
import type { Role } from '../sequence';
import { PITCH_CLASS_NAMES } from '../sequence';
import { namedMode } from './mood';
import type { EmbedAttributes, ExplicitRequests, Instrument, Mood } from './types';

/** Typical tempo of each style at neutral arousal, in bpm. */
export const STYLE_TEMPO: Record<Style, number> = {
  pop: 110,
  rock: 120,
  funk: 105,
  jazz: 110,
  latin: 105,
  hiphop: 90,
  soul: 95,
  electronic: 124,
  ambient: 75,
  cinematic: 95,
  corporate: 110,
  acoustic: 95,
  orchestral: 90,
  lofi: 80,
  blues: 85,
  country: 105,
  reggae: 80,
};

/** Instruments a style implies when the prompt names none. */
export const STYLE_INSTRUMENTS: Record<Style, Instrument[]> = {
  pop: ['piano', 'synth', 'bass', 'drums'],
  rock: ['electric guitar', 'bass', 'drums'],
  funk: ['electric guitar', 'bass', 'brass', 'drums'],
  jazz: ['piano', 'bass', 'saxophone', 'drums'],
  latin: ['acoustic guitar', 'bass', 'brass', 'percussion'],
  hiphop: ['electric piano', 'bass', 'drums'],
  soul: ['electric piano', 'organ', 'bass', 'drums'],
  electronic: ['synth', 'pad', 'bass', 'drums'],
  ambient: ['pad', 'piano'],
  cinematic: ['strings', 'brass', 'piano', 'percussion'],
  corporate: ['piano', 'acoustic guitar', 'bass', 'drums'],
  acoustic: ['acoustic guitar', 'piano', 'bass'],
  orchestral: ['strings', 'brass', 'woodwinds', 'percussion'],
  lofi: ['electric piano', 'bass', 'drums'],
  blues: ['electric guitar', 'organ', 'bass', 'drums'],
  country: ['acoustic guitar', 'banjo', 'bass', 'drums'],
  reggae: ['electric guitar', 'organ', 'bass', 'drums'],
};

/**
 * The dynamics a prompt's arousal asks for when it names none: the line the model saw in training, where
 * EMOPIA's mood-labelled clips carry arousal +-0.6 and their mean velocity / 127 as dynamics (excited clips
 * 0.612, calm ones 0.423; `bench/design/arousal-dynamics.ts` fits it and fails when these drift).
 */
export const DYNAMICS_FROM_AROUSAL = { at0: 0.517, perArousal: 0.158 } as const;

/**
 * The register (0..1 around 0.5) a prompt's mood asks for: 0.5 + `perValence` x valence +
 * `perValenceArousal` x valence x arousal. The second term is the shape of EMOPIA's training clips, whose
 * mean pitch is higher in happy (62.6) and sad (63.4) music than in tense (60.4) and calm (61.3) music
 * (`bench/design/mood-register.ts` prints it and fails if the sign here differs); the first, which EMOPIA
 * does not show (0.07 semitones per unit), keeps brighter moods higher, as the issue asks valence to be
 * heard in the register. Both are larger than EMOPIA's piano shows (a band's melody and harmony carry the
 * mood in their register, and the model's register conditioning moves them less than it asks); they were
 * chosen on development seeds (`bench/design/seed-spread.ts`, seeds from 1001), never on the evaluation's.
 */
export const REGISTER_FROM_MOOD = { perValence: 0.1, perValenceArousal: 0.4 } as const;

/** Tempo of a prompt with no mood and no style: {@link defaultConditioning}'s. */
const NEUTRAL_TEMPO = defaultConditioning().tempo;
const PERCUSSIVE: Instrument[] = ['drums', 'percussion'];
/** Styles that are a groove: their beat plays however calm the prompt (a laid-back hip-hop or reggae tune still has one). */
const GROOVE_STYLES: readonly Style[] = ['hiphop', 'reggae', 'funk', 'electronic', 'latin', 'lofi'];
const BASSY: Instrument[] = ['bass'];
const r2 = (x: number) => Math.round(x * 100) / 100;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const signed = (x: number) => (x >= 0 ? '+' : '') + x.toFixed(2);

function quadrantStyle(mood: Mood): Style {
  if (mood.hits.length === 0) return 'pop';
  if (mood.valence >= 0) return mood.arousal >= 0 ? 'pop' : 'acoustic';
  return mood.arousal >= 0 ? 'cinematic' : 'ambient';
}

function implicitTonic(minor: boolean, arousal: number): number {
  if (minor) return arousal > 0.3 ? 4 : arousal < -0.3 ? 2 : 9; // E, D, A minor
  return arousal > 0.3 ? 2 : arousal < -0.3 ? 5 : 0; // D, F, C major
}

/** A conditioning and its JSON attributes. */
export interface Resolved {
  conditioning: Conditioning;
  attributes: EmbedAttributes;
}

/** Resolves explicit requests and mood into a conditioning, with an explanation line per decision. */
export function resolve(explicit: ExplicitRequests, mood: Mood): Resolved {
  const why: string[] = [...explicit.notes];
  const { valence, arousal } = mood;
  if (mood.hits.length > 0) {
    const top = [...mood.hits].sort((a, b) => b.weight - a.weight).slice(0, 8);
    const words = top.map((h) => `"${h.text}" (${signed(h.valence)}/${signed(h.arousal)})`).join(', ');
    why.push(`mood: valence ${signed(valence)}, arousal ${signed(arousal)} from ${words}`);
  } else why.push('mood: no mood words found; valence and arousal stay neutral (0)');

  const style: Style = explicit.style?.style ?? mood.style?.style ?? quadrantStyle(mood);
  if (explicit.style) why.push(`style ${style}: asked for ("${explicit.style.text}")`);
  else if (mood.style) why.push(`style ${style}: implied by "${mood.style.text}"`);
  else why.push(`style ${style}: ${mood.hits.length ? 'from the mood quadrant' : 'default'}`);

  let tempo: number;
  if (explicit.tempo) {
    tempo = explicit.tempo.bpm;
    why.push(explicit.tempo.note ?? `tempo ${tempo} bpm: asked for ("${explicit.tempo.text}")`);
  } else {
    const base = mood.hits.length === 0 && !explicit.style ? NEUTRAL_TEMPO : STYLE_TEMPO[style];
    tempo = Math.round(base * Math.pow(2, 0.6 * arousal));
    why.push(`tempo ${tempo} bpm: ${style} at arousal ${signed(arousal)}`);
  }

  const named = namedMode(mood);
  // Minor exactly where the mood reads as negative valence (the quadrant's boundary, `quadrantOf`).
  const mode = explicit.key?.mode ?? named?.mode ?? (valence < 0 ? 'minor' : 'major');
  const tonic = explicit.key?.tonic ?? implicitTonic(mode === 'minor', arousal);
  const tonicName = explicit.key?.tonicName ?? PITCH_CLASS_NAMES[tonic];
  if (explicit.key?.tonic !== undefined)
    why.push(`key ${tonicName} ${mode}: asked for ("${explicit.key.text}")`);
  else if (explicit.key)
    why.push(
      `key ${tonicName} ${mode}: ${mode} asked for ("${explicit.key.text}"), tonic chosen for the mood`,
    );
  else if (named) {
    const words = named.words.map((w) => `"${w}"`).join(', ');
    why.push(`key ${tonicName} ${mode}: ${mode} named by ${words}, tonic from arousal`);
  } else why.push(`key ${tonicName} ${mode}: ${mode} from valence ${signed(valence)}, tonic from arousal`);

  const meter = explicit.meter ?? { numerator: 4, denominator: 4, text: '' };
  why.push(
    explicit.meter
      ? `meter ${meter.numerator}/${meter.denominator}: asked for ("${meter.text}")`
      : 'meter 4/4: default',
  );

  const excluded = new Set(explicit.excluded);
  let drums: boolean;
  if (excluded.has('drums') || excluded.has('percussion')) drums = false;
  else if (explicit.instruments.some((i) => PERCUSSIVE.includes(i))) drums = true;
  else if (explicit.only) drums = false;
  else
    drums =
      GROOVE_STYLES.includes(style) ||
      (style !== 'ambient' && arousal >= -0.4 && !(style === 'acoustic' && arousal < 0));
  const asked = explicit.instruments.length > 0;
  let instruments = asked
    ? [...explicit.instruments]
    : STYLE_INSTRUMENTS[style].filter((i) => !excluded.has(i));
  if (!drums) instruments = instruments.filter((i) => !PERCUSSIVE.includes(i));
  else if (!asked && !instruments.some((i) => PERCUSSIVE.includes(i))) instruments.push('drums');
  if (asked)
    why.push(`instruments ${instruments.join(', ')}: asked for${explicit.only ? ' (only these)' : ''}`);
  else why.push(`instruments ${instruments.join(', ') || 'none'}: typical of ${style}`);
  if (excluded.size > 0) why.push(`left out: ${[...excluded].join(', ')} (asked)`);
  if (!asked && excluded.size === 0)
    why.push(
      drums ? 'drums: on' : `drums: off for ${/^[aeiou]/.test(style) ? 'an' : 'a'} ${style} piece this calm`,
    );

  const drumsOnly = explicit.only && asked && explicit.instruments.every((i) => PERCUSSIVE.includes(i));
  const roles: Role[] = drumsOnly ? ['drums'] : ['melody', 'harmony'];
  const bass =
    !excluded.has('bass') && (!explicit.only || explicit.instruments.some((i) => BASSY.includes(i)));
  if (!drumsOnly && bass) roles.push('bass');
  if (drums && !drumsOnly) roles.push('drums');

  const density = explicit.density?.value ?? r2(clamp(0.3 + 0.25 * arousal, 0.05, 0.95));
  if (explicit.density) why.push(`density ${density}: asked for ("${explicit.density.text}")`);
  const dynamics =
    explicit.dynamics?.value ??
    r2(clamp(DYNAMICS_FROM_AROUSAL.at0 + DYNAMICS_FROM_AROUSAL.perArousal * arousal, 0.1, 0.95));
  if (explicit.dynamics) why.push(`dynamics ${dynamics}: asked for ("${explicit.dynamics.text}")`);
  const register = r2(
    clamp(
      0.5 +
        REGISTER_FROM_MOOD.perValence * valence +
        REGISTER_FROM_MOOD.perValenceArousal * valence * arousal,
      0,
      1,
    ),
  );

  const conditioning: Conditioning = {
    tempo,
    key: { tonic, mode },
    meter: { numerator: meter.numerator, denominator: meter.denominator },
    valence,
    arousal,
    density,
    dynamics,
    register,
    style,
    roles,
  };
  const attributes: EmbedAttributes = {
    tempo,
    key: { tonic: tonicName, mode },
    meter: `${meter.numerator}/${meter.denominator}`,
    valence,
    arousal,
    density,
    dynamics,
    register,
    instruments,
    drums,
    style,
    vector: conditioningVector(conditioning),
    sources: {
      tempo: explicit.tempo ? 'explicit' : 'implicit',
      key: explicit.key ? 'explicit' : 'implicit',
      meter: explicit.meter ? 'explicit' : 'implicit',
      style: explicit.style ? 'explicit' : 'implicit',
      instruments: asked || excluded.size > 0 ? 'explicit' : 'implicit',
    },
    statedBpm: explicit.tempo && /\d/.test(explicit.tempo.text) ? explicit.tempo.bpm : null,
    exclusive: explicit.only && asked,
    explanation: why,
  };
  return { conditioning, attributes };
}
